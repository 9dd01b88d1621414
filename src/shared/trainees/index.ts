export * from './trainees-contract';
export * from './trainee-schema';
export * from './reference';
export * from './import-mapping';
export * from './trainee-changes';
