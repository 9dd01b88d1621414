import type { HandlersFor } from '../../handler-registry';
import type { TraineeImportService } from './trainee-import-service';

export function traineeImportHandlers(imports: TraineeImportService): HandlersFor<'traineeImport'> {
  return {
    'traineeImport:preview': (input) => imports.preview(input),
    'traineeImport:commit': (input) => imports.commit(input),
  };
}
