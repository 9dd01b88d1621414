export * from './meetings-contract';
export * from './meeting-types';
export * from './meeting-email';
