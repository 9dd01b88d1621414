export { ConnectTeamServer } from './ConnectTeamServer';
export { SignedOutPage } from './SignedOutPage';
export { TeamAccount } from './TeamAccount';
export { TeamServerSettings } from './TeamServerSettings';
export { useTeamStatus } from './queries';
