import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { BACKUP_MESSAGES, type BackupSecret, type RecordCounts } from '../../../shared/backups/backup-contract';
import { HANDOVER_CONTENT } from '../../../shared/handover';
import { findPrototypeKey } from '../../../shared/prototype-keys';
import { AppError } from '../../../shared/result';
import { MIGRATIONS } from '../../store/migrations';
import { EnvelopeError, parseEnvelope, readEnvelopeBody, type ParsedEnvelope } from './envelope';
import { unwrapAny, type KeySlot, type Secret } from './key-slots';
import { parseRecoveryKey } from './recovery-key';

/** What a backup envelope's content is called in its header. */
export const BACKUP_CONTENT = 'tpd-companion-backup';

/** Frame 0 of a backup: what the restore screen shows before the user confirms. */
export const backupMetadataSchema = z.object({
  appVersion: z.string().max(100),
  createdAt: z.string().max(40),
  migrations: z.array(z.string().max(200)).max(10_000),
  counts: z.object({
    trainees: z.number().int().min(0),
    meetings: z.number().int().min(0),
    goals: z.number().int().min(0),
    examAttempts: z.number().int().min(0),
    arcpRecords: z.number().int().min(0),
  }),
  databaseBytes: z.number().int().min(0),
  recoveryKeyCreatedAt: z.string().nullable(),
  passphraseSetAt: z.string().nullable(),
});
export type BackupMetadata = z.infer<typeof backupMetadataSchema>;

const COUNTED: Array<[keyof RecordCounts, string]> = [
  ['trainees', 'trainees'],
  ['meetings', 'meetings'],
  ['goals', 'plp_goals'],
  ['examAttempts', 'exam_attempts'],
  ['arcpRecords', 'arcp_records'],
];

/** Live records per table (soft-deleted rows left out), read from the snapshot itself. */
export function readCounts(sqlite: Database.Database): RecordCounts {
  const counts = { trainees: 0, meetings: 0, goals: 0, examAttempts: 0, arcpRecords: 0 };
  for (const [name, table] of COUNTED) {
    const columns = (sqlite.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
    if (columns.length === 0) continue;
    const where = columns.includes('deleted_at') ? ' WHERE deleted_at IS NULL' : '';
    counts[name] = Number((sqlite.prepare(`SELECT count(*) AS n FROM ${table}${where}`).get() as { n: number }).n);
  }
  return counts;
}

export function readMigrations(sqlite: Database.Database): string[] {
  const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
  if (!table) return [];
  return (sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/** Whether this app knows every migration the backup's database has run (else it is from a newer version). */
export function migrationsKnown(migrations: readonly string[]): boolean {
  const known = MIGRATIONS.map(([name]) => name);
  return migrations.every((name, i) => known[i] === name);
}

export function secretFromInput(input: BackupSecret): Secret {
  return input.kind === 'recovery-key'
    ? { kind: 'recovery-key', bytes: parseRecoveryKey(input.words).entropy }
    : { kind: 'passphrase', bytes: Buffer.from(input.passphrase.normalize('NFC'), 'utf8') };
}

const fileError = (code: 'invalid_input' | 'conflict', message: string) =>
  new AppError(code, message, { file: message });
export const damagedError = () => fileError('invalid_input', BACKUP_MESSAGES.damaged);
export const wrongSecretError = () =>
  new AppError('forbidden', BACKUP_MESSAGES.wrongSecret, { secret: BACKUP_MESSAGES.wrongSecret });

export function envelopeAppError(error: unknown): unknown {
  if (!(error instanceof EnvelopeError)) return error;
  if (error.reason === 'newer_version') return fileError('conflict', BACKUP_MESSAGES.newerVersion);
  if (error.reason === 'not_envelope') return fileError('invalid_input', BACKUP_MESSAGES.notABackup);
  if (error.reason === 'too_costly') return fileError('invalid_input', BACKUP_MESSAGES.tooCostly);
  return damagedError();
}

export interface OpenedBackup {
  parsed: ParsedEnvelope;
  contentKey: Buffer;
  /** The key the database inside the backup is encrypted with. */
  databaseKey: Buffer;
  metadata: BackupMetadata;
}

/**
 * Finds the content key: the secret opens one of the file's database-key slots (or, for a newer
 * recovery key or passphrase, the slot in this computer's key-slot file), and that database key
 * opens the file's content-key slot. The database key itself may be the secret.
 */
async function unlock(parsed: ParsedEnvelope, secret: Secret, localSlots: readonly KeySlot[]) {
  const { slots } = parsed.header;
  let damaged = false;
  const tryDatabaseKey = async (databaseKey: Buffer) => {
    const content = await unwrapAny(slots, { kind: 'database-key', bytes: databaseKey }, 'content-key');
    if (content.ok) return { contentKey: content.key, databaseKey };
    if (content.reason === 'damaged') damaged = true;
    return null;
  };
  if (secret.kind === 'database-key') {
    const opened = await tryDatabaseKey(secret.bytes);
    if (opened) return opened;
  }
  // The file's own slot first; this computer's key-slot file only if that does not open it, so a
  // passphrase is stretched once in the usual case (each derivation is 128 MiB and half a second).
  for (const source of [slots, localSlots]) {
    const unwrapped = await unwrapAny(source, secret, 'database-key');
    if (unwrapped.ok) {
      const opened = await tryDatabaseKey(unwrapped.key);
      if (opened) return opened;
    } else if (unwrapped.reason === 'damaged' && source === slots) damaged = true;
  }
  throw damaged ? damagedError() : wrongSecretError();
}

/**
 * Checks the whole file (header, secret, every frame) and returns what it holds; writes nothing.
 * Each failure is its own AppError: not a backup, damaged, newer version, wrong secret.
 */
export async function openBackupFile(
  file: string,
  secret: Secret,
  localSlots: readonly KeySlot[] = [],
  onContent?: (chunk: Buffer) => void,
): Promise<OpenedBackup> {
  try {
    const parsed = parseEnvelope(file);
    if (parsed.header.content === HANDOVER_CONTENT) throw fileError('invalid_input', BACKUP_MESSAGES.handoverNotBackup);
    if (parsed.header.content !== BACKUP_CONTENT) {
      throw fileError('invalid_input', BACKUP_MESSAGES.notABackup);
    }
    const { contentKey, databaseKey } = await unlock(parsed, secret, localSlots);
    const raw = readEnvelopeBody(parsed, contentKey, onContent);
    const metadata = backupMetadataSchema.safeParse(raw);
    if (!metadata.success || findPrototypeKey(raw) !== null) throw damagedError();
    if (!migrationsKnown(metadata.data.migrations)) throw fileError('conflict', BACKUP_MESSAGES.newerVersion);
    return { parsed, contentKey, databaseKey, metadata: metadata.data };
  } catch (error) {
    throw envelopeAppError(error);
  }
}
