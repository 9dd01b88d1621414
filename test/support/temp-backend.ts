import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend, type BackendOptions } from '../../src/main/backend';
import type { ChannelName, InputOf, OutputOf } from '../../src/shared/contract';
import { closeBeforeRemoval, tempDir } from './temp-dirs';

export { tempDir };

/** Synthetic sample files the tests import, kept in the repository. */
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

export interface TempBackend extends Backend {
  dataDir: string;
  key: Buffer;
}

/** A real backend over a fresh encrypted database in a temp folder; closed, if the test has not, before the folder goes. */
export async function createTempBackend(
  options: Pick<BackendOptions, 'now' | 'backupFolder' | 'backupDialogs' | 'lockMinuteMs'> & {
    dataDir?: string;
    key?: Buffer;
  } = {},
): Promise<TempBackend> {
  const { dataDir = tempDir(), key = randomBytes(32), ...rest } = options;
  // Reading ahead on a timer would write at a moment no test chose; tests call today.stage instead.
  const backend = await createBackend({ dataDir, key, version: 'test', todayReadAheadAfterMs: null, ...rest });
  // Tests close their backends too; closing twice must be harmless.
  const closeStore = backend.close;
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= closeStore());
  closeBeforeRemoval(close);
  return Object.assign(backend, { dataDir, key, close });
}

/**
 * The contract's input, except that a field zod types as `unknown` (every `z.preprocess` field) may be left out:
 * zod marks such a key required in `z.input`, though the schema, like a caller, treats absent as blank.
 * Everything else is checked as the contract has it: field names, enums, literal and nested types.
 */
export type LenientInput<T> = T extends readonly (infer Item)[]
  ? LenientInput<Item>[]
  : T extends object
    ? { [K in keyof T as unknown extends T[K] ? K : never]?: T[K] } & {
        [K in keyof T as unknown extends T[K] ? never : K]: LenientInput<T[K]>;
      }
    : T;

/** The input `call` takes for a channel, for a test's helper that builds one. */
export type CallInputOf<C extends ChannelName> = LenientInput<InputOf<C>>;

/** What `call` takes after the channel; left out altogether where the channel accepts no input. */
type CallInput<C extends ChannelName> =
  undefined extends InputOf<C> ? [input?: LenientInput<InputOf<C>>] : [input: LenientInput<InputOf<C>>];

/** Calls a channel with input its contract accepts and returns its typed output, failing loudly on an error result. */
export async function call<C extends ChannelName>(
  backend: Backend,
  channel: C,
  ...[input]: CallInput<C>
): Promise<OutputOf<C>> {
  return (await callRaw(backend, channel, input)) as OutputOf<C>;
}

/** `call` without the contract's types, for a test that sends input the contract would refuse on purpose. */
export async function callRaw(backend: Backend, channel: string, input?: unknown): Promise<unknown> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok)
    throw new Error(
      `${channel} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`,
    );
  return result.data;
}

export function fileAsBase64(file: string): string {
  return fs.readFileSync(file).toString('base64');
}
