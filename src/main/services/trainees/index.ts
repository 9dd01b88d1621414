export { createTraineeService, type TraineeService } from './trainee-service';
export { traineeHandlers } from './trainee-handlers';
export { createTraineeImportService, type TraineeImportService } from './trainee-import-service';
export { traineeImportHandlers } from './trainee-import-handlers';
export { fieldsToColumns } from './trainee-rows';
export { generateDemoTrainees } from './trainees-demo';
