export * from './handover-contract';
