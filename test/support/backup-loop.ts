/**
 * Run by backups-crash.test.ts as a child process, then killed with SIGKILL at a random moment:
 * makes backups of an existing data folder in a loop, one simulated day apart, and prints each
 * one's file name only once `runBackup` has returned (an acknowledged backup).
 * Usage: node --import tsx test/support/backup-loop.ts <dataDir> <keyHex> <startIso>
 */
import { createBackend } from '../../src/main/backend';

async function main(): Promise<void> {
  const [dataDir, keyHex, start] = process.argv.slice(2);
  if (!dataDir || !keyHex || !start) throw new Error('usage: backup-loop <dataDir> <keyHex> <startIso>');
  let at = new Date(start).getTime();
  const backend = await createBackend({
    dataDir,
    key: Buffer.from(keyHex, 'hex'),
    version: 'test',
    now: () => new Date(at),
  });
  process.stdout.write('ready\n');
  for (;;) {
    const made = await backend.backups.runBackup();
    process.stdout.write(`made ${made.file}\n`);
    at += 24 * 60 * 60 * 1000;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
