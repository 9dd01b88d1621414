export * from './drafts-contract';
