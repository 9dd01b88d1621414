export * from './subject-access-contract';
export * from './subject-access-types';
