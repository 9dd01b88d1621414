export * from './evaluation-contract';
export * from './evaluation-types';
