import fs from 'node:fs';
import path from 'node:path';
import type { Result } from '../shared/result';
import { EventBus } from './event-bus';
import { dispatch, type Handlers } from './handler-registry';
import { appHandlers } from './services/app';
import { arcpHandlers, arcpSources, createArcpBatch, createArcpService, type FolderAccess } from './services/arcp';
import { createDemoService, demoHandlers } from './services/demo';
import { createDraftService, draftHandlers } from './services/drafts';
import { createExamService, createResultsImportService, examHandlers } from './services/exams';
import { createMeetingService, meetingHandlers } from './services/meetings';
import { createNeedsService, needsHandlers } from './services/needs';
import { createPlpService, plpHandlers } from './services/plp';
import { createSearchService, searchHandlers } from './services/search';
import { createSettingsService, settingsHandlers } from './services/settings';
import { createSupportService, supportHandlers } from './services/support';
import { createTimelineService, timelineHandlers } from './services/timeline';
import { openTodayService, todayHandlers, type TodayService } from './services/today';
import {
  createTraineeImportService,
  createTraineeService,
  traineeHandlers,
  traineeImportHandlers,
} from './services/trainees';
import { createInsightsService, insightsHandlers } from './services/insights';
import { createErasureService, erasureHandlers } from './services/erasure';
import { createEvaluationService, evaluationHandlers } from './services/evaluation';
import { createHandoverService, handoverHandlers } from './services/handover';
import { createExportLogService, exportLogHandlers } from './services/export-log';
import { createSubjectAccessService, subjectAccessHandlers } from './services/subject-access';
import { createLockService, lockHandlers, type LockService } from './services/lock';
import { openStore, type Store } from './store/open-store';
import { backupHandlers } from './services/backups/backup-handlers';
import { createBackupService, type BackupDialogs, type BackupService } from './services/backups/backup-service';
import { closeAndSwap, keepPreRestoreCopy } from './services/backups/restore';
import { runCryptoSelfTest } from './services/backups/self-test';
import { teamHandlers } from './services/team';
import { lockDataFolder } from './data-folder-lock';

export const DATABASE_FILE_NAME = 'tpd-companion.db';

export interface BackendOptions {
  dataDir: string;
  key: Buffer;
  version: string;
  nativeBinding?: string;
  now?: () => Date;
  /** Where ARCP batches may be written: a native folder dialog under Electron, a default folder in the browser host. */
  exportFolders?: FolderAccess;
  /** The default backup folder; "TPD Companion backups" in Documents unless given. */
  backupFolder?: string;
  /** Native dialogs for the backup folder and file under Electron. */
  backupDialogs?: BackupDialogs;
  /**
   * How long after a look Today reads the next days' rows ahead (default 20 s); null: never on
   * its own (the tests, which call `today.stage` when they mean to).
   */
  todayReadAheadAfterMs?: number | null;
  /** Who holds the data folder, as a second process trying to open it is told ("desktop app", "browser host"). */
  holder?: string;
  /** How long a minute of the lock's idle period lasts (default 60,000 ms): e2e tests shorten it. */
  lockMinuteMs?: number;
}

/** Everything behind the contract, shared by the Electron app and the browser host. */
export interface Backend {
  store: Store;
  events: EventBus;
  handlers: Handlers;
  /** Automatic backups: the Electron glue calls `runDailyBackupIfDue()` on a timer and at quit. */
  backups: BackupService;
  /** Today's rows (rebuilt with the store after a restore): the daily notification reads them. */
  readonly today: TodayService;
  /** The app lock: the Electron glue locks it when the system locks or sleeps, and from the menu. */
  lock: LockService;
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  // One process per data folder, before anything in it is read or written.
  const unlockFolder = lockDataFolder(options.dataDir, options.holder ?? 'TPD Companion');
  try {
    return await openBackend(options, unlockFolder);
  } catch (error) {
    unlockFolder();
    throw error;
  }
}

async function openBackend(options: BackendOptions, unlockFolder: () => void): Promise<Backend> {
  // Known-answer tests of the crypto primitives, before anything is written.
  await runCryptoSelfTest();
  const now = options.now ?? (() => new Date());
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const nativeBinding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const open = () => openStore({ file: databaseFile, key: options.key, now, ...nativeBinding });
  let store = await open();
  const events = new EventBus();
  const backups = createBackupService({
    dataDir: options.dataDir,
    databaseFile,
    key: options.key,
    version: options.version,
    db: () => store.db,
    now,
    ...nativeBinding,
    ...(options.backupFolder ? { defaultFolder: options.backupFolder } : {}),
    ...(options.backupDialogs ? { dialogs: options.backupDialogs } : {}),
  });
  // The lock outlives a restore (it is about this computer, not the database), so it is made once here.
  const lock = createLockService({
    dataDir: options.dataDir,
    events,
    now,
    recoveryKey: { exists: () => backups.hasRecoveryKey(), check: (words) => backups.checkRecoveryKey(words) },
    ...(options.lockMinuteMs ? { minuteMs: options.lockMinuteMs } : {}),
  });
  const handlers = {} as Handlers;
  let today: TodayService | null = null;
  let swapping: Promise<unknown> | null = null;

  /**
   * The reopen path after a restore: swap the prepared file in, open it (running migrations if the
   * backup is older) and rebuild every service on the new connection in the same handlers object, so
   * both transports keep working. Calls that arrive meanwhile wait. If the restored file will not
   * open, the pre-restore copy goes back.
   */
  async function replaceDatabase(prepared: string): Promise<{ preRestoreCopy: string }> {
    const swap = (async () => {
      let preRestoreCopy: string;
      await today?.stop();
      try {
        preRestoreCopy = await keepPreRestoreCopy(store, options.key, now(), options.nativeBinding);
        await closeAndSwap(store, prepared);
      } catch (error) {
        // The rename did not happen, so the current database is whole: open it again.
        store = await open();
        Object.assign(handlers, await buildHandlers(store));
        throw error;
      } finally {
        fs.rmSync(prepared, { force: true });
      }
      try {
        store = await open();
      } catch (error) {
        fs.copyFileSync(preRestoreCopy, databaseFile);
        store = await open();
        Object.assign(handlers, await buildHandlers(store));
        throw error;
      }
      Object.assign(handlers, await buildHandlers(store));
      return { preRestoreCopy };
    })();
    swapping = swap;
    try {
      return await swap;
    } finally {
      swapping = null;
    }
  }

  Object.assign(handlers, await buildHandlers(store));

  return {
    get store() {
      return store;
    },
    get today() {
      return today!;
    },
    events,
    handlers,
    backups,
    lock,
    dispatch: async (channel, input) => {
      // Before anything else, input included: a locked app tells a caller nothing but that it is locked.
      if (lock.refuses(channel)) return { ok: false, error: lock.refusal() };
      if (swapping) await swapping.catch(() => undefined);
      return dispatch(handlers, channel, input);
    },
    close: async () => {
      lock.stop();
      // A look at Today may be bringing its rows up to date: let it finish on an open store.
      await today?.stop();
      await store.close();
      unlockFolder();
    },
  };

  /**
   * Every service on one open store; rebuilt after a restore. Today opens first, so that its
   * triggers are in place before any handler can write.
   */
  async function buildHandlers({ db, readRows }: Store): Promise<Handlers> {
    today = await openTodayService(db, readRows, now, options.version, {
      stageAfterMs: options.todayReadAheadAfterMs,
    });
    // The app layer: each feature's service, then the handler maps they answer, composed into one registry.
    const trainees = createTraineeService(db, readRows, now);
    const settings = createSettingsService(db, now);
    const meetings = createMeetingService(db, now);
    const plp = createPlpService(db, now, {
      trainee: (id) => trainees.get(id),
      preparedBy: async () => (await settings.get()).userName,
    });
    const arcp = createArcpService(db, now, arcpSources());

    return {
      ...appHandlers({ db, version: options.version, databaseFile }),
      ...settingsHandlers(settings),
      ...demoHandlers(createDemoService(db, now)),
      ...traineeHandlers(trainees),
      ...traineeImportHandlers(createTraineeImportService(db, events, now)),
      ...meetingHandlers(db, meetings, now),
      ...draftHandlers(createDraftService(db, now)),
      ...plpHandlers(plp),
      ...needsHandlers(createNeedsService(db, now, plp)),
      ...supportHandlers(createSupportService(db, now)),
      ...todayHandlers(today),
      ...searchHandlers(createSearchService(db)),
      ...timelineHandlers(createTimelineService(db)),
      ...examHandlers(createExamService(db, now), createResultsImportService(db, events, now), db, now),
      ...arcpHandlers(arcp, createArcpBatch(arcp, events, options.exportFolders)),
      ...insightsHandlers(createInsightsService(db, now, settings)),
      ...evaluationHandlers(createEvaluationService(db, now)),
      ...backupHandlers(backups, replaceDatabase, { dataDir: options.dataDir, now }),
      ...handoverHandlers(createHandoverService(db, now, { version: options.version, dataDir: options.dataDir })),
      ...exportLogHandlers(createExportLogService(db, now)),
      ...subjectAccessHandlers(createSubjectAccessService(db, now)),
      ...erasureHandlers(createErasureService(db, now)),
      ...teamHandlers(),
      ...lockHandlers(lock),
    };
  }
}
