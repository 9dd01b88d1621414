export * from './plp-contract';
export * from './plp-types';
