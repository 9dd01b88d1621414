import { channel } from '../contract/define';
import { empty } from '../schema-helpers';

export interface AppInfo {
  version: string;
  /** Where the encrypted database lives, to show in settings. */
  databaseFile: string;
  traineeCount: number;
}

export const appChannels = {
  'app:info': channel(empty).returns<AppInfo>(),
};
