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
import { createTodayService, todayHandlers } from './services/today';
import {
  createTraineeImportService,
  createTraineeService,
  traineeHandlers,
  traineeImportHandlers,
} from './services/trainees';
import { openStore, type Store } from './store/open-store';
export const DATABASE_FILE_NAME = 'tpd-companion.db';

export interface BackendOptions {
  dataDir: string;
  key: Buffer;
  version: string;
  nativeBinding?: string;
  now?: () => Date;
  /** Where ARCP batches may be written: a native folder dialog under Electron, a default folder in the browser host. */
  exportFolders?: FolderAccess;
}

/** Everything behind the contract, shared by the Electron app and the browser host. */
export interface Backend {
  store: Store;
  events: EventBus;
  handlers: Handlers;
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  close(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const now = options.now ?? (() => new Date());
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const store = await openStore({
    file: databaseFile,
    key: options.key,
    now,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  const { db } = store;
  const events = new EventBus();

  // The app layer: each feature's service, then the handler maps they answer, composed into one registry.
  const trainees = createTraineeService(db, now);
  const settings = createSettingsService(db, now);
  const meetings = createMeetingService(db, now);
  const plp = createPlpService(db, now, {
    trainee: (id) => trainees.get(id),
    preparedBy: async () => (await settings.get()).userName,
  });
  const arcp = createArcpService(db, now, arcpSources());

  const handlers: Handlers = {
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
    ...todayHandlers(createTodayService(db, now)),
    ...searchHandlers(createSearchService(db)),
    ...timelineHandlers(createTimelineService(db)),
    ...examHandlers(createExamService(db, now), createResultsImportService(db, events, now), db),
    ...arcpHandlers(arcp, createArcpBatch(arcp, events, options.exportFolders)),
  };
  return {
    store,
    events,
    handlers,
    dispatch: (channel, input) => dispatch(handlers, channel, input),
    close: () => store.close(),
  };
}
