import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { collectPayload } from '../../src/main/services/handover/handover-service';
import { writeHandoverEnvelope } from '../../src/main/services/handover/handover-file';
import { newTransferPhrase } from '../../src/main/services/handover/transfer-phrase';
import type { DB } from '../../src/main/store/schema';

/**
 * A handover file of demo trainees with records of every kind, every id (and the GMC number) made
 * new, so importing it into the same demo adds whole trainees: the write-declaration sample for
 * `handover:import-upload` then writes every table the channel declares.
 */
export async function relabelledHandover(db: Kysely<DB>, folder: string): Promise<{ base64: string; phrase: string }> {
  // A trainee for each kind of record (the demo gives no one trainee every kind).
  const tables = [
    'meetings',
    'plp_goals',
    'identified_needs',
    'support_items',
    'exam_attempts',
    'arcp_records',
  ] as const;
  const traineeIds = new Set<string>();
  for (const table of tables) {
    const row = await db.selectFrom(table).select('trainee_id').executeTakeFirst();
    if (!row) throw new Error(`The standard demo has no ${table}`);
    traineeIds.add(row.trainee_id);
  }
  const payload = await collectPayload(
    db,
    { traineeIds: [...traineeIds], fromName: 'Sample sender', includePrivateNotes: false },
    { version: 'test', madeAt: new Date().toISOString() },
  );
  const ids = new Set<string>(traineeIds);
  for (const rows of Object.values(payload.records))
    for (const row of rows) if (typeof row.id === 'string') ids.add(row.id);
  let json = JSON.stringify(payload);
  for (const id of ids) {
    const fresh = randomUUID();
    // Ids appear as JSON strings, and inside JSON-in-text columns with their quotes escaped.
    json = json.split(`"${id}"`).join(`"${fresh}"`).split(`\\"${id}\\"`).join(`\\"${fresh}\\"`);
  }
  const relabelled = JSON.parse(json) as typeof payload;
  relabelled.trainees.forEach((row, i) => (row.gmc_number = String(9_900_000 + i)));
  const phrase = newTransferPhrase();
  const file = path.join(folder, 'sample.tpdhandover');
  await writeHandoverEnvelope(file, relabelled, phrase, relabelled.madeAt);
  return { base64: fs.readFileSync(file).toString('base64'), phrase: phrase.join(' ') };
}
