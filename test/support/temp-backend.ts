import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createBackend, type Backend } from '../../src/main/backend';
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
  options: { now?: () => Date; dataDir?: string; key?: Buffer } = {},
): Promise<TempBackend> {
  const dataDir = options.dataDir ?? tempDir();
  const key = options.key ?? randomBytes(32);
  const backend = await createBackend({ dataDir, key, version: 'test', ...(options.now ? { now: options.now } : {}) });
  // Tests close their backends too; closing twice must be harmless.
  const closeStore = backend.close;
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= closeStore());
  closeBeforeRemoval(close);
  return Object.assign(backend, { dataDir, key, close });
}

/** Calls a channel and returns its data, failing loudly on an error result. */
export async function call<T = unknown>(backend: Backend, channel: string, input?: unknown): Promise<T> {
  const result = await backend.dispatch(channel, input);
  if (!result.ok)
    throw new Error(
      `${channel} failed: ${result.error.code} ${result.error.message} ${JSON.stringify(result.error.fields ?? {})}`,
    );
  return result.data as T;
}

export function fileAsBase64(file: string): string {
  return fs.readFileSync(file).toString('base64');
}
