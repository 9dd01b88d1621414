export { createSettingsService, type SettingsService } from './settings-service';
export { settingsHandlers } from './settings-handlers';
