export * from './settings-contract';
export * from './settings-schema';
