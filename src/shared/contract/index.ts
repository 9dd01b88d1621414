import type { z } from 'zod';
import type { Channel } from './define';
import { appChannels } from '../app';
import { arcpChannels } from '../arcp';
import { demoChannels } from '../demo';
import { draftChannels } from '../drafts';
import { examChannels, examImportChannels } from '../exams';
import { meetingChannels } from '../meetings';
import { needsChannels } from '../needs';
import { plpChannels } from '../plp';
import { searchChannels } from '../search';
import { settingsChannels } from '../settings';
import { supportChannels } from '../support';
import { timelineChannels } from '../timeline';
import { todayChannels } from '../today';
import { traineeChannels, traineeImportChannels } from '../trainees';
import { backupChannels } from '../backups';
import { insightsChannels } from '../insights';
import { evaluationChannels } from '../evaluation';
import { handoverChannels } from '../handover';
import { exportLogChannels } from '../export-log';
import { subjectAccessChannels } from '../subject-access';
import { erasureChannels } from '../erasure';
import { lockChannels } from '../lock';

/**
 * Every channel between renderer and main, declared once. Names are `feature:verb`; each
 * feature declares its own channels in `src/shared/<feature>/<feature>-contract.ts`.
 */
export const contract = {
  ...appChannels,
  ...settingsChannels,
  ...demoChannels,
  ...traineeChannels,
  ...traineeImportChannels,
  ...meetingChannels,
  ...draftChannels,
  ...plpChannels,
  ...needsChannels,
  ...supportChannels,
  ...todayChannels,
  ...searchChannels,
  ...timelineChannels,
  ...examChannels,
  ...examImportChannels,
  ...arcpChannels,
  ...backupChannels,
  ...insightsChannels,
  ...evaluationChannels,
  ...handoverChannels,
  ...exportLogChannels,
  ...subjectAccessChannels,
  ...erasureChannels,
  // Last: the channel samples run in this order, and the lock's lock and unlock again.
  ...lockChannels,
};
export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

/** What a caller passes (before defaults and trimming). */
export type InputOf<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What a handler receives (after the schema has parsed it). */
export type ParsedInputOf<C extends ChannelName> = z.output<Contract[C]['input']>;
export type OutputOf<C extends ChannelName> = Contract[C] extends Channel<z.ZodType, infer O> ? O : never;

export type FeatureOf<C extends string> = C extends `${infer F}:${string}` ? F : never;
export type Feature = FeatureOf<ChannelName>;

/** The renderer's view: `api.trainees.list(input)`. */
export type Api = {
  [F in Feature]: {
    [C in ChannelName as C extends `${F}:${infer V}` ? V : never]: undefined extends InputOf<C>
      ? (input?: InputOf<C>) => Promise<OutputOf<C>>
      : (input: InputOf<C>) => Promise<OutputOf<C>>;
  };
};

export function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function splitChannel(name: ChannelName): [feature: string, verb: string] {
  const i = name.indexOf(':');
  return [name.slice(0, i), name.slice(i + 1)];
}

export * from './events';
export type { Channel } from './define';
