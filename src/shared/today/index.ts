export * from './today-contract';
export * from './today-types';
