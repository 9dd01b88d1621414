/**
 * A backup killed mid-way (SIGKILL: no cleanup, no finally) must leave every earlier backup whole
 * and nothing under a real backup name that fails to restore. A child process makes backups in a
 * loop and is killed at random points, several times over.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decryptBackupBeside } from '../../src/main/services/backups/backup-service';
import { backupNameTime } from '../../src/main/services/backups/rotation';
import { integrityProblem } from '../../src/main/store/verified-copy';
import { call, createTempBackend, tempDir } from '../support/temp-backend';

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function scratch(prefix: string): string {
  const dir = tempDir(prefix);
  temps.push(dir);
  return dir;
}

const ROOT = path.resolve(__dirname, '../..');
const LOOP = path.join(ROOT, 'test/support/backup-loop.ts');

/** Runs the loop until it has acknowledged at least one backup, waits a random moment, and kills it. */
function runAndKill(dataDir: string, key: Buffer, start: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', LOOP, dataDir, key.toString('hex'), start], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: string[] = [];
    let output = '';
    let stderr = '';
    let killTimer: NodeJS.Timeout | null = null;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const lines = output.split('\n');
      output = lines.pop()!;
      for (const line of lines) if (line.startsWith('made ')) acknowledged.push(line.slice(5));
      if (acknowledged.length > 0 && !killTimer) {
        killTimer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 600));
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`The backup loop stopped by itself: ${stderr}`));
    });
  });
}

describe('a backup killed with SIGKILL', () => {
  it('leaves every earlier backup restorable and no half file under a backup name', async () => {
    const source = await createTempBackend({ dataDir: scratch('tpd-crash-data-') });
    const folder = scratch('tpd-crash-backups-');
    await call(source, 'demo:load', { size: 'standard' });
    await call(source, 'backups:set-folder', { folder });
    await source.close();
    const check = scratch('tpd-crash-check-');

    const everAcknowledged: string[] = [];
    for (let round = 0; round < 4; round += 1) {
      const start = new Date(Date.UTC(2025, 0, 1) + round * 40 * 24 * 60 * 60 * 1000).toISOString();
      const acknowledged = await runAndKill(source.dataDir, source.key, start);
      everAcknowledged.push(...acknowledged);

      const named = fs.readdirSync(folder).filter((name) => backupNameTime(name) !== null);
      // The newest acknowledged backup can only be pruned by a newer one, so it is still there.
      expect(named).toContain(path.basename(acknowledged.at(-1)!));
      for (const name of named) {
        const restored = await decryptBackupBeside(path.join(check, 'check.db'), path.join(folder, name), {
          kind: 'database-key',
          bytes: source.key,
        });
        expect(integrityProblem(restored.file, { key: source.key })).toBeNull();
        expect(restored.opened.metadata.counts.trainees).toBe(60);
        fs.rmSync(restored.file);
      }
      // Anything else in the folder is a hidden temporary file, which the next backup clears away.
      for (const name of fs.readdirSync(folder).filter((n) => backupNameTime(n) === null)) {
        expect(name).toMatch(/^\.tpd-companion-backup-.*\.tpd-partial$/);
      }
      expect(integrityProblem(path.join(source.dataDir, 'tpd-companion.db'), { key: source.key })).toBeNull();
    }
    expect(everAcknowledged.length).toBeGreaterThanOrEqual(4);
  }, 180_000);
});
