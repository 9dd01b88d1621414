export * from './export-log-contract';
export * from './export-log-types';
