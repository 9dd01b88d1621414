/**
 * One process per data folder. Two browser hosts (or the app and a host) on one folder once both opened
 * the database, and 13 of 40 concurrent writes failed as "internal". Now the second is refused, told which
 * process has the folder; a lock left by a process that died is taken over.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from '../../src/main/data-folder-lock';
import { createTempBackend, tempDir } from '../support/temp-backend';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'src/main/browser-host/cli.ts');

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function rendererDir(): string {
  const dir = tempDir('tpd-lock-renderer-');
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>x</title>');
  return dir;
}

/** A browser host on `dataDir`, in a process of its own: resolves once it serves (or rejects with its stderr). */
function startHost(
  dataDir: string,
): Promise<{ child: ChildProcess; exit: Promise<{ code: number | null; stderr: string }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data', dataDir, '--renderer', rendererDir()], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stderr })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('Open: ')) resolve({ child, exit });
    });
    void exit.then(({ code }) => reject(new Error(`The host exited (${code}): ${stderr}`)));
  });
}

describe('two processes on one data folder', () => {
  it('refuses the second, naming the first’s process; takes over once that process is killed', async () => {
    const dataDir = tempDir('tpd-lock-data-');
    const { child } = await startHost(dataDir);
    const owner = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(child.pid);

    const refused = await createTempBackend({ dataDir }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(DataFolderInUseError);
    expect((refused as Error).message).toMatch(/, since \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\)\. /);
    expect((refused as Error).message).toMatch(
      new RegExp(
        `^The data folder .+ is in use by another TPD Companion \\(browser host, process ${child.pid}, since `,
      ),
    );

    // Killed outright: no clean-up ran, the lock file is still there, and its process is gone.
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    const key = Buffer.from(fs.readFileSync(path.join(dataDir, 'browser-host.key'), 'utf8').trim(), 'hex');
    const backend = await createTempBackend({ dataDir, key });
    const now = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number };
    expect(now.pid).toBe(process.pid);
    await backend.close();
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('a second browser host is refused at start, told this process has the folder', async () => {
    const dataDir = tempDir('tpd-lock-data-');
    const backend = await createTempBackend({ dataDir });
    const second = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI, '--data', dataDir, '--renderer', rendererDir()],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
    );
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `Browser host could not start: The data folder .+ is in use by another TPD Companion \\(TPD Companion, process ${process.pid},`,
      ),
    );
    // The first carries on.
    expect((await backend.dispatch('app:info', {})).ok).toBe(true);
    await backend.close();
  });
});

describe('stale and foreign locks', () => {
  const lockWith = (dir: string, owner: unknown) => fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(owner));
  const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

  it('takes over a lock whose process has exited, or a reused pid whose start time differs', () => {
    const dir = tempDir('tpd-lock-stale-');
    lockWith(dir, { pid: deadPid(), host: os.hostname(), app: 'browser host', startedAt: 'then', token: 'old' });
    const release = lockDataFolder(dir, 'test');
    release();
    if (process.platform === 'linux') {
      // Our parent is alive, but not the process that wrote this lock: its start time is not the one recorded.
      lockWith(dir, {
        pid: process.ppid,
        host: os.hostname(),
        app: 'x',
        startedAt: 'then',
        startTicks: 1,
        token: 'old',
      });
      lockDataFolder(dir, 'test')();
    }
  });

  it('takes over a lock file left half-written, once it is old', () => {
    const dir = tempDir('tpd-lock-stale-');
    const file = path.join(dir, LOCK_FILE);
    fs.writeFileSync(file, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(file, old, old);
    lockDataFolder(dir, 'test')();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses while a live process holds it, and one on another computer, which cannot be checked', () => {
    const dir = tempDir('tpd-lock-live-');
    lockWith(dir, { pid: process.ppid, host: os.hostname(), app: 'desktop app', startedAt: 'then', token: 'x' });
    expect(() => lockDataFolder(dir, 'test')).toThrow(
      /in use by another TPD Companion \(desktop app, process \d+, since then\)/,
    );
    lockWith(dir, { pid: 4242, host: 'another-laptop', app: 'desktop app', startedAt: 'then', token: 'x' });
    expect(() => lockDataFolder(dir, 'test')).toThrow(
      /process 4242 on the computer “another-laptop”, since then\)\. Close it first, or choose another data folder\. If that process is no longer running, delete /,
    );
  });

  it('lets a second backend of the same process share the folder, and removes the lock after the last', async () => {
    const dir = tempDir('tpd-lock-same-');
    const release = lockDataFolder(dir, 'test');
    const again = lockDataFolder(dir, 'test');
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    again();
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});
