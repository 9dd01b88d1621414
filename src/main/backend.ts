import path from 'node:path';
import type { Result } from '../shared/result';
import { EventBus } from './event-bus';
import { dispatch, type Handlers } from './handler-registry';
import { appHandlers } from './services/app-handlers';
import { createArcpBatch, type FolderAccess } from './services/arcp/arcp-batch';
import { arcpHandlers } from './services/arcp/arcp-handlers';
import { createArcpService } from './services/arcp/arcp-service';
import { arcpSources } from './services/arcp/arcp-source-adapters';
import { createDemoService } from './services/demo/demo-service';
import { createEverydayServices, everydayHandlers } from './services/everyday/everyday-handlers';
import { examHandlers } from './services/exams/exam-handlers';
import { insightsHandlers } from './services/insights/insights-handlers';
import { createInsightsService } from './services/insights/insights-service';
import { createExamService } from './services/exams/exam-service';
import { createResultsImportService } from './services/exams/results-import-service';
import { createSettingsService } from './services/settings/settings-service';
import { createTraineeImportService } from './services/trainee-import/trainee-import-service';
import { traineeImportHandlers } from './services/trainee-import/trainee-import-handlers';
import { traineeHandlers } from './services/trainees/trainee-handlers';
import { createTraineeService } from './services/trainees/trainee-service';
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

  const trainees = createTraineeService(db, now);
  const settings = createSettingsService(db, now);
  const demo = createDemoService(db, now);
  const everyday = createEverydayServices(db, now, { trainees, settings });
  const imports = createTraineeImportService(db, events, now);
  const exams = createExamService(db, now);
  const resultsImport = createResultsImportService(db, events, now);
  const arcp = createArcpService(db, now, arcpSources());
  const arcpBatch = createArcpBatch(arcp, events, options.exportFolders);
  const insights = createInsightsService(db, now, settings);

  const handlers: Handlers = {
    ...appHandlers({ db, version: options.version, databaseFile, settings, demo }),
    ...traineeHandlers(trainees),
    ...traineeImportHandlers(imports),
    ...everydayHandlers(everyday),
    ...examHandlers(exams, resultsImport, trainees),
    ...arcpHandlers(arcp, arcpBatch),
    ...insightsHandlers(insights),
  };

  return {
    store,
    events,
    handlers,
    dispatch: (channel, input) => dispatch(handlers, channel, input),
    close: () => store.close(),
  };
}
