export { appHandlers } from './app-handlers';
