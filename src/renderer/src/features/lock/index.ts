export { useActivityReports } from './activity';
export { LockGate, ScrollKeptMain } from './LockGate';
export { LockScreen } from './LockScreen';
export { LockSettings } from './LockSettings';
export { PinSetupStep } from './PinForm';
export { lockKeys, useLockStatus } from './queries';
