export * from './demo-contract';
