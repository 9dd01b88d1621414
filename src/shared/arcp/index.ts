export * from './arcp-contract';
export * from './arcp-reference';
export * from './arcp-schema';
export * from './checklist';
export * from './deadlines';
export * from './pack-document';
export * from './pack-types';
