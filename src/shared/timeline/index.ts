export * from './timeline-contract';
