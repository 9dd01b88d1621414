export * from './meetings-contract';
export * from './meeting-types';
