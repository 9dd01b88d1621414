import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// One test file's temporary folders, and what holds files open in them; remove-temp-dirs.ts clears both after the file.
const folders = new Set<string>();
const closers: Array<() => unknown> = [];

/** A fresh folder under the system temp folder, removed after the test file's last test. */
export function tempDir(prefix = 'tpd-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.add(dir);
  return dir;
}

/** Runs `close` before the temp folders go, for anything a test may leave open (a database, a server). */
export function closeBeforeRemoval(close: () => unknown): void {
  closers.push(close);
}

/** Closes what is still open, newest first, then removes every folder tempDir made. */
export async function removeTempDirs(): Promise<void> {
  const failures: unknown[] = [];
  for (const close of closers.splice(0).reverse()) {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  }
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  folders.clear();
  if (failures.length) throw new AggregateError(failures, 'Closing what a test left open failed');
}
