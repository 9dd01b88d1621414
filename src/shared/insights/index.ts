export * from './insights-contract';
export * from './insights-types';
