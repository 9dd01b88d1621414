export * from './support-contract';
export * from './support-types';
