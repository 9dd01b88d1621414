import { channel } from '../contract/define';
import { empty } from '../schema-helpers';
import { settingsSchema, type Settings } from './settings-schema';

export const settingsChannels = {
  'settings:get': channel(empty).returns<Settings>(),
  'settings:update': channel(settingsSchema.partial()).changes('settings').returns<Settings>(),
};
