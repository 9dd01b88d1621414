export * from './needs-contract';
export * from './needs-types';
