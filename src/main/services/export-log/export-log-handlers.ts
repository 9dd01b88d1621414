import type { HandlersFor } from '../../handler-registry';
import type { ExportLogService } from './export-log-service';

export function exportLogHandlers(log: ExportLogService): HandlersFor<'exportLog'> {
  return {
    'exportLog:list': () => log.list(),
    'exportLog:record': (entry) => log.record(entry),
    'exportLog:csv': () => log.csv(),
  };
}
