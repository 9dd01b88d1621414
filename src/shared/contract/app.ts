import { z } from 'zod';
import { channel } from './define';
import { settingsSchema, type Settings } from '../settings/settings-schema';

export interface AppInfo {
  version: string;
  /** Where the encrypted database lives, to show in settings. */
  databaseFile: string;
  traineeCount: number;
}

export interface DemoOutcome {
  trainees: number;
}

export const appChannels = {
  'app:info': channel(z.object({}).default({})).returns<AppInfo>(),
  'settings:get': channel(z.object({}).default({})).returns<Settings>(),
  'settings:update': channel(settingsSchema.partial()).changes('settings').returns<Settings>(),
  /** Fills an empty register with synthetic trainees; refused once real data exists. */
  'demo:load': channel(z.object({ size: z.enum(['standard', 'large']).default('standard') }))
    .changes('trainees', 'meetings', 'plp', 'needs', 'support', 'exams', 'arcp')
    .returns<DemoOutcome>(),
};
