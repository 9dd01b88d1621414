export * from './backup-contract';
