export { DataSettings, ProfileSettings } from './SettingsSections';
export { settingsKeys, useAppInfo, useSettings } from './queries';
export { useUpdateSettings } from './mutations';
export { RetentionSettings } from './RetentionSettings';
