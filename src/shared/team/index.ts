export * from './team-contract';
export * from './team-roles';
