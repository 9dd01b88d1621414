export * from './erasure-contract';
export * from './erasure-types';
export * from './retention';
