export * from './app-contract';
