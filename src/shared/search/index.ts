export * from './search-contract';
export * from './search-types';
