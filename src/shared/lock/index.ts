export * from './lock-contract';
