import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatUkDateTime } from '../shared/dates';

/**
 * One process at a time in a data folder. Two (the app and a browser host, two hosts) writing one
 * database lost writes as "internal" errors, and each keeps state beside it (backups, key slots). The
 * lock is a file made with O_EXCL, naming the process that holds it; a lock whose process is gone (a
 * crash, a kill) is taken over, under a short-lived guard file so two starters never both take it.
 */
export const LOCK_FILE = 'tpd-companion.lock';

export interface LockOwner {
  pid: number;
  host: string;
  /** "desktop app" or "browser host": said in the message to whoever is refused. */
  app: string;
  startedAt: string;
  /** Linux only: the process's start time in clock ticks, so a reused pid is not taken for the holder. */
  startTicks?: number;
  /** Tells this process's lock from any other's when releasing it. */
  token: string;
}

export class DataFolderInUseError extends Error {
  constructor(
    readonly owner: LockOwner,
    readonly dataDir: string,
  ) {
    const where = owner.host === os.hostname() ? '' : ` on the computer “${owner.host}”`;
    const since = Number.isNaN(Date.parse(owner.startedAt)) ? owner.startedAt : formatUkDateTime(owner.startedAt);
    super(
      `The data folder ${dataDir} is in use by another TPD Companion (${owner.app}, process ${owner.pid}${where}, since ${since}). ` +
        `Close it first, or choose another data folder. If that process is no longer running, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataFolderInUseError';
  }
}

/** A guard file older than this belongs to a starter that died while taking a lock over. */
const GUARD_STALE_MS = 10_000;
/** A lock file still empty after this was left by a process that died while writing it. */
const EMPTY_STALE_MS = 5_000;

const held = new Map<string, { count: number; token: string }>();

function startTicks(pid: number): number | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces) in brackets.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock's process may still be running. Another computer's process cannot be checked: assume so. */
function holderAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return false; // Our own pid, but not our lock: left by an earlier life.
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.startTicks !== undefined) {
    const now = startTicks(owner.pid);
    if (now !== undefined && now !== owner.startTicks) return false; // The pid was reused.
  }
  return true;
}

function readOwner(file: string): { owner: LockOwner | null; text: string } | null {
  try {
    const text = fs.readFileSync(file, 'utf8');
    try {
      const owner = JSON.parse(text) as LockOwner;
      return { owner: Number.isInteger(owner.pid) && typeof owner.host === 'string' ? owner : null, text };
    } catch {
      return { owner: null, text };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Removes the stale lock `seen`, unless someone else changed it meanwhile; under the guard file. */
function takeOver(file: string, seen: string): void {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = fs.openSync(guard, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (ageMs(guard) > GUARD_STALE_MS) fs.rmSync(guard, { force: true });
    else pause(50);
    return;
  }
  try {
    const now = readOwner(file);
    if (now && now.text === seen) fs.rmSync(file, { force: true });
  } finally {
    fs.closeSync(fd);
    fs.rmSync(guard, { force: true });
  }
}

/**
 * Locks `dataDir` for this process (again for a second backend of the same process) and returns the
 * release. Throws DataFolderInUseError, naming the holder, while another live process holds it.
 */
export function lockDataFolder(dataDir: string, app: string): () => void {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LOCK_FILE);
  const release = () => {
    const mine = held.get(dir);
    if (!mine || --mine.count > 0) return;
    held.delete(dir);
    const now = readOwner(file);
    if (now?.owner?.token === mine.token) fs.rmSync(file, { force: true });
  };
  const already = held.get(dir);
  if (already) {
    already.count += 1;
    return release;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    app,
    startedAt: new Date().toISOString(),
    ...(startTicks(process.pid) !== undefined ? { startTicks: startTicks(process.pid) } : {}),
    token: randomBytes(12).toString('hex'),
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(owner));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      held.set(dir, { count: 1, token: owner.token });
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = readOwner(file);
    if (!current) continue; // Released meanwhile: try again.
    if (current.owner && holderAlive(current.owner)) throw new DataFolderInUseError(current.owner, dir);
    // Unreadable: being written right now, or left half-written by a process that died.
    if (!current.owner && ageMs(file) < EMPTY_STALE_MS) {
      pause(50);
      continue;
    }
    takeOver(file, current.text);
  }
  throw new Error(`Could not lock the data folder ${dir}: another process keeps changing ${LOCK_FILE}.`);
}
