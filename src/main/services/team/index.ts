export { teamHandlers } from './team-handlers';
