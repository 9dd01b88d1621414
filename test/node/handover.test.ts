/**
 * Handing trainees over between two installs: the file made on one opens on another only with its
 * transfer phrase, brings every record of the chosen trainees (private notes only when the sender
 * opted in), lays them beside a trainee the receiver already has, and imports nothing twice. Every
 * bad file or phrase is refused with its own message and writes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { HANDOVER_MESSAGES, type HandoverMade } from '../../src/shared/handover';
import { writeHandoverEnvelope } from '../../src/main/services/handover/handover-file';
import { collectPayload } from '../../src/main/services/handover/handover-service';
import { newTransferPhrase } from '../../src/main/services/handover/transfer-phrase';
import { databaseDigest } from '../support/database-dump';
import { readSchemaTables, tablesAboutTrainees } from '../../src/main/store/schema-tables';
import { RECORD_TABLE_NAMES } from '../../src/main/services/handover/handover-payload';
import type { Backend } from '../../src/main/backend';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let sender: TempBackend;
let traineeId: string;
let trainee: { given_name: string; family_name: string; gmc_number: string; programme: string };
let privateNote: string;
let sharedSummary: string;
let withoutNotes: HandoverMade;
let withNotes: HandoverMade;

/** Live records of one trainee per table, as a person would count them on the trainee's page. */
async function recordCounts(backend: Backend, id: string) {
  const db = backend.store.db;
  const n = async (query: Promise<{ n: number | string | bigint }>) => Number((await query).n);
  return {
    meetings: await n(
      db
        .selectFrom('meetings')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('trainee_id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ),
    goals: await n(
      db
        .selectFrom('plp_goals')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('trainee_id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow(),
    ),
    examAttempts: await n(
      db
        .selectFrom('exam_attempts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('trainee_id', '=', id)
        .executeTakeFirstOrThrow(),
    ),
    arcpRecords: await n(
      db
        .selectFrom('arcp_records')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('trainee_id', '=', id)
        .executeTakeFirstOrThrow(),
    ),
  };
}

/** Rows in every table of the store: what "nothing was written" is checked against. */
async function allRowCounts(backend: Backend): Promise<Record<string, number>> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts%'
  `.execute(backend.store.db);
  const counts: Record<string, number> = {};
  for (const { name } of rows) {
    const { rows: n } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(
      backend.store.db,
    );
    counts[name] = Number(n[0]!.n);
  }
  return counts;
}

const upload = (made: HandoverMade, phrase = made.phrase.join(' ')) => ({
  fileName: made.file.fileName,
  contentBase64: made.file.base64,
  phrase,
});

async function refusal(backend: Backend, channel: string, input: unknown) {
  const result = await backend.dispatch(channel, input);
  if (result.ok) throw new Error(`${channel} was accepted`);
  return result.error;
}

beforeAll(async () => {
  sender = await createTempBackend({ backupFolder: tempDir('tpd-handover-sender-') });
  await call(sender, 'demo:load', { size: 'standard' });
  const db = sender.store.db;
  // A demo trainee with 1:1s carrying private notes, goals, exam attempts and ARCP records.
  const chosen = await db
    .selectFrom('trainees')
    .select('id')
    .where('id', 'in', db.selectFrom('meetings').select('trainee_id').where('private_notes', '!=', ''))
    .where('id', 'in', db.selectFrom('plp_goals').select('trainee_id'))
    .where('id', 'in', db.selectFrom('exam_attempts').select('trainee_id'))
    .where('id', 'in', db.selectFrom('arcp_records').select('trainee_id'))
    // Six letters or more: a three-letter name ("Wei") can turn up by chance in ciphertext.
    .where(sql<number>`length(given_name)`, '>=', 6)
    .where(sql<number>`length(family_name)`, '>=', 6)
    .executeTakeFirstOrThrow();
  traineeId = chosen.id;
  trainee = await db.selectFrom('trainees').selectAll().where('id', '=', traineeId).executeTakeFirstOrThrow();
  const meeting = await db
    .selectFrom('meetings')
    .selectAll()
    .where('trainee_id', '=', traineeId)
    .where('private_notes', '!=', '')
    .where('shared_summary', '!=', '')
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  privateNote = meeting.private_notes;
  sharedSummary = meeting.shared_summary;
  withoutNotes = await call(sender, 'handover:make', {
    traineeIds: [traineeId],
    fromName: 'Dr Sender Example',
    includePrivateNotes: false,
  });
  withNotes = await call(sender, 'handover:make', {
    traineeIds: [traineeId],
    fromName: 'Dr Sender Example',
    includePrivateNotes: true,
  });
}, 120_000);

afterAll(async () => {
  await sender.close();
});

/** Tables about a trainee that a handover deliberately leaves behind, and why. */
const NOT_HANDED_OVER: Record<string, string> = {
  evaluation_characteristics: 'for evaluation only, agreed with this educator: never in a handover',
  drafts: 'unsaved form drafts on this computer',
  handover_records: 'where records in this app came from: the receiver keeps its own',
  retention_keeps: "this educator's decision to keep an archived record past their retention period",
  search_docs: 'the search index, rebuilt from the records by triggers',
  export_log_trainees: "the sender's own record of what left their app",
  today_rows: "Today's rows, derived from the records: the receiver's Today reads its own",
  today_dirty: "Today's notes of written trainees, on this computer",
};

describe('what a handover carries', () => {
  it('every table that refers to a trainee, found from the schema, is handed over or left out on purpose', async () => {
    const referring = tablesAboutTrainees(await readSchemaTables(sender.store.db));
    expect(referring).toContain('meetings');
    const unaccounted = referring.filter(
      (table) => !(RECORD_TABLE_NAMES as readonly string[]).includes(table) && !(table in NOT_HANDED_OVER),
    );
    expect(unaccounted, 'tables about a trainee that a handover neither carries nor leaves out on purpose').toEqual([]);
  });
});

describe('handing a trainee over', () => {
  it("records the handover in the sender's export log, naming the trainee", async () => {
    const entries = await call(sender, 'exportLog:list', {});
    const handovers = entries.filter((e) => e.kind === 'handover');
    expect(handovers).toHaveLength(2);
    expect(JSON.stringify(handovers)).toContain(trainee.family_name);
    expect(handovers.map((e) => e.description)).toContain('Handover file (one trainee, with private notes)');
  });

  it('makes a six-word phrase from the EFF list and a file that names no one and holds no note in the clear', () => {
    expect(withoutNotes.phrase).toHaveLength(6);
    expect(withoutNotes.phrase.join(' ')).not.toBe(withNotes.phrase.join(' '));
    expect(withoutNotes.file.fileName).toMatch(/^tpd-companion-handover-\d{4}-\d{2}-\d{2}\.tpdhandover$/);
    for (const made of [withoutNotes, withNotes]) {
      const bytes = Buffer.from(made.file.base64, 'base64');
      for (const text of [trainee.given_name, trainee.family_name, trainee.gmc_number, sharedSummary, privateNote]) {
        expect(bytes.includes(Buffer.from(text, 'utf8')), `the file holds “${text}” in the clear`).toBe(false);
      }
    }
  });

  it('imports into an empty store: every record, no private notes, and where each came from', async () => {
    const receiver = await createTempBackend({ backupFolder: tempDir('tpd-handover-receiver-') });
    try {
      const preview = await call(
        receiver,
        'handover:check-upload',
        upload(withoutNotes, withoutNotes.phrase.join('  ').toUpperCase()),
      );
      expect(preview.fromName).toBe('Dr Sender Example');
      expect(preview.includesPrivateNotes).toBe(false);
      expect(preview.trainees).toHaveLength(1);
      const [incoming] = preview.trainees;
      expect(incoming!.match).toBeNull();
      expect(incoming!.gmcNumber).toBe(trainee.gmc_number);
      const expected = await recordCounts(sender, traineeId);
      const count = (type: string) => incoming!.counts.find((c) => c.type === type)!;
      expect(count('meetings')).toEqual({ type: 'meetings', incoming: expected.meetings, alreadyImported: 0 });
      expect(count('examAttempts').incoming).toBe(expected.examAttempts);
      expect(count('arcpRecords').incoming).toBe(expected.arcpRecords);
      expect((await call(receiver, 'app:info')).traineeCount).toBe(0);

      const outcome = await call(receiver, 'handover:import-upload', { ...upload(withoutNotes), takeTheirs: [] });
      expect(outcome).toMatchObject({ newTrainees: 1, matchedTrainees: 0, recordsAlreadyHere: 0 });
      expect(await recordCounts(receiver, traineeId)).toEqual(expected);
      const meetings = await call(receiver, 'meetings:list', { traineeId });
      expect(meetings.map((m) => m.sharedSummary)).toContain(sharedSummary);
      const db = receiver.store.db;
      const notes = await db
        .selectFrom('meetings')
        .select('private_notes')
        .where('trainee_id', '=', traineeId)
        .execute();
      expect(notes.every((n) => n.private_notes === '')).toBe(true);
      const examNotes = [
        ...(await db.selectFrom('exam_readiness').select('private_note').where('trainee_id', '=', traineeId).execute()),
        ...(await db.selectFrom('exam_post_fail').select('private_note').where('trainee_id', '=', traineeId).execute()),
      ];
      expect(examNotes.every((n) => n.private_note === null)).toBe(true);

      const origins = await call(receiver, 'handover:origins', { traineeId });
      expect(origins.trainee).toEqual({ fromName: 'Dr Sender Example', madeAt: withoutNotes.madeAt });
      for (const meeting of meetings) expect(origins.records[meeting.id]?.fromName).toBe('Dr Sender Example');
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('brings the private notes when the sender opted in', async () => {
    const receiver = await createTempBackend({ backupFolder: tempDir('tpd-handover-receiver-') });
    try {
      const preview = await call(receiver, 'handover:check-upload', upload(withNotes));
      expect(preview.includesPrivateNotes).toBe(true);
      await call(receiver, 'handover:import-upload', { ...upload(withNotes), takeTheirs: [] });
      const notes = await receiver.store.db
        .selectFrom('meetings')
        .select('private_notes')
        .where('trainee_id', '=', traineeId)
        .execute();
      expect(notes.map((n) => n.private_notes)).toContain(privateNote);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('lays the records beside a trainee the receiver already has, takes only the chosen field, and adds nothing twice', async () => {
    const receiver = await createTempBackend({ backupFolder: tempDir('tpd-handover-receiver-') });
    try {
      const db = receiver.store.db;
      const row = await sender.store.db
        .selectFrom('trainees')
        .selectAll()
        .where('id', '=', traineeId)
        .executeTakeFirstOrThrow();
      const localId = randomUUID();
      await db
        .insertInto('trainees')
        .values({ ...row, id: localId, given_name: 'Alexandra', programme: 'Another Scheme GPST', current_post: null })
        .execute();
      const ownMeeting = await sender.store.db
        .selectFrom('meetings')
        .selectAll()
        .where('trainee_id', '=', traineeId)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('meetings')
        .values({ ...ownMeeting, id: randomUUID(), trainee_id: localId, shared_summary: 'Our own 1:1' })
        .execute();

      const preview = await call(receiver, 'handover:check-upload', upload(withoutNotes));
      const [incoming] = preview.trainees;
      expect(incoming!.match).toEqual({ traineeId: localId, name: expect.stringContaining(row.family_name) });
      const fields = incoming!.differences.map((d) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['givenName', 'programme']));
      expect(incoming!.differences.find((d) => d.field === 'programme')).toMatchObject({
        incoming: row.programme,
        existing: 'Another Scheme GPST',
      });

      await call(receiver, 'handover:import-upload', {
        ...upload(withoutNotes),
        takeTheirs: [{ traineeId, field: 'programme' }],
      });
      const merged = await db.selectFrom('trainees').selectAll().where('id', '=', localId).executeTakeFirstOrThrow();
      expect(merged.programme).toBe(row.programme);
      expect(merged.given_name).toBe('Alexandra');
      expect((await call(receiver, 'app:info')).traineeCount).toBe(1);
      const expected = await recordCounts(sender, traineeId);
      const after = await recordCounts(receiver, localId);
      expect(after).toEqual({ ...expected, meetings: expected.meetings + 1 });
      const summaries = (await call(receiver, 'meetings:list', { traineeId: localId })).map((m) => m.sharedSummary);
      expect(summaries).toContain('Our own 1:1');
      expect(summaries).toContain(sharedSummary);

      // The same file again: the preview says it is all here already, and the import adds nothing.
      const again = await call(receiver, 'handover:check-upload', upload(withoutNotes));
      const meetings = again.trainees[0]!.counts.find((c) => c.type === 'meetings')!;
      expect(meetings).toEqual({ type: 'meetings', incoming: 0, alreadyImported: expected.meetings });
      const before = await allRowCounts(receiver);
      const outcome = await call(receiver, 'handover:import-upload', { ...upload(withoutNotes), takeTheirs: [] });
      expect(outcome.recordsAdded).toBe(0);
      expect(outcome.recordsAlreadyHere).toBeGreaterThan(0);
      expect(await allRowCounts(receiver)).toEqual(before);
    } finally {
      await receiver.close();
    }
  }, 60_000);
});

describe('refusing a bad handover', () => {
  let receiver: TempBackend;
  let folder: string;
  beforeAll(async () => {
    receiver = await createTempBackend({ backupFolder: tempDir('tpd-handover-refusals-') });
    folder = tempDir('tpd-handover-files-');
    // Some data of its own, so "nothing written" is checked against a store that has rows.
    await receiver.store.db
      .insertInto('trainees')
      .values({
        ...(await sender.store.db
          .selectFrom('trainees')
          .selectAll()
          .where('id', '!=', traineeId)
          .executeTakeFirstOrThrow()),
      })
      .execute();
  }, 60_000);
  afterAll(async () => {
    await receiver.close();
  });

  const bytes = () => Buffer.from(withoutNotes.file.base64, 'base64');
  const asUpload = (content: Buffer, phrase = withoutNotes.phrase.join(' ')) => ({
    fileName: 'from-a-colleague.tpdhandover',
    contentBase64: content.toString('base64'),
    phrase,
  });

  async function expectRefused(input: ReturnType<typeof asUpload>, field: 'file' | 'phrase', message: string | RegExp) {
    const before = await allRowCounts(receiver);
    for (const channel of ['handover:check-upload', 'handover:import-upload']) {
      const error = await refusal(
        receiver,
        channel,
        channel.endsWith('import-upload') ? { ...input, takeTheirs: [] } : input,
      );
      expect(error.fields?.[field], channel).toMatch(message);
    }
    expect(await allRowCounts(receiver)).toEqual(before);
    expect(fs.readdirSync(receiver.dataDir).filter((name) => /handover|upload/.test(name))).toEqual([]);
  }

  it('a phrase that does not open it', async () => {
    const wrong = [...withoutNotes.phrase];
    wrong[0] = wrong[0] === 'abacus' ? 'zoom' : 'abacus';
    await expectRefused(asUpload(bytes(), wrong.join(' ')), 'phrase', HANDOVER_MESSAGES.wrongPhrase);
  }, 30_000);

  it('a word that is not in the list, named', async () => {
    const typed = [...withoutNotes.phrase];
    typed[2] = 'notaword';
    await expectRefused(asUpload(bytes(), typed.join(' ')), 'phrase', /“notaword” \(word 3\) is not one of/);
  });

  it.each([
    ['at the start', () => 3],
    ['in the middle', (length: number) => Math.floor(length / 2)],
    ['at the end', (length: number) => length - 1],
  ])(
    'a byte flipped %s',
    async (_where, at) => {
      const damaged = bytes();
      const i = at(damaged.length);
      damaged[i] = damaged[i]! ^ 0x01;
      await expectRefused(asUpload(damaged), 'file', HANDOVER_MESSAGES.damaged);
    },
    30_000,
  );

  it('a file cut short', async () => {
    const all = bytes();
    await expectRefused(asUpload(all.subarray(0, all.length - 40)), 'file', HANDOVER_MESSAGES.damaged);
  }, 30_000);

  it('a file from a newer format version', async () => {
    const newer = bytes();
    newer.writeUInt16BE(2, 8);
    // The header checksum covers the version, so a newer writer's file has its own checksum.
    const headerLength = newer.readUInt32BE(12);
    createHash('sha256')
      .update(newer.subarray(0, 16 + headerLength))
      .digest()
      .copy(newer, 16 + headerLength);
    await expectRefused(asUpload(newer), 'file', HANDOVER_MESSAGES.newerVersion);
  });

  it('a file whose payload a newer version wrote', async () => {
    const file = path.join(folder, 'newer-payload.tpdhandover');
    const phrase = withoutNotes.phrase;
    await writeHandoverEnvelope(file, { payloadVersion: 2, somethingNew: true }, phrase, new Date().toISOString());
    await expectRefused(asUpload(fs.readFileSync(file), phrase.join(' ')), 'file', HANDOVER_MESSAGES.newerVersion);
  }, 30_000);

  it('a backup offered as a handover, and a handover offered as a backup', async () => {
    const words = (await call(sender, 'recovery:create-key')).words;
    const { file } = await call(sender, 'backups:run-now-download');
    await expectRefused(asUpload(Buffer.from(file.base64, 'base64')), 'file', HANDOVER_MESSAGES.backupNotHandover);
    const error = await refusal(receiver, 'backups:inspect-upload', {
      fileName: 'handover.tpdbackup',
      contentBase64: withoutNotes.file.base64,
      secret: { kind: 'recovery-key', words: words.join(' ') },
    });
    expect(error.fields?.file).toBe(BACKUP_MESSAGES.handoverNotBackup);
  }, 60_000);

  it('a file opened by its phrase whose trainee row breaks the forms’ rules: refused, named, nothing written', async () => {
    // Made as a sender's app would, then changed before sealing: the phrase opens it and it authenticates.
    const payload = await collectPayload(
      sender.store.db,
      { traineeIds: [traineeId], fromName: 'Dr Crafty', includePrivateNotes: false },
      { version: 'test', madeAt: new Date().toISOString() },
    );
    payload.trainees[0] = { ...payload.trainees[0], tags: 'not-json', status: 'bogus', gmc_number: 'abc' };
    const phrase = newTransferPhrase();
    const file = path.join(folder, 'crafted.tpdhandover');
    await writeHandoverEnvelope(file, payload, phrase, payload.madeAt);

    const register = await call(receiver, 'trainees:list', { includeArchived: true });
    const digest = await databaseDigest(receiver.store.db);
    await expectRefused(asUpload(fs.readFileSync(file), phrase.join(' ')), 'file', HANDOVER_MESSAGES.breaksRules);
    const error = await refusal(receiver, 'handover:check-upload', asUpload(fs.readFileSync(file), phrase.join(' ')));
    expect(error.message).toContain('Trainee 1: status “bogus” is not one of in_programme, out_of_programme');
    expect(error.message).toContain('Trainee 1: tags “not-json” is not valid JSON');
    expect(error.message).toContain('Trainee 1: gmc_number “abc”: GMC number must be exactly 7 digits');

    expect(await databaseDigest(receiver.store.db)).toBe(digest);
    expect(await call(receiver, 'trainees:list', { includeArchived: true })).toEqual(register);
    const [someone] = register;
    expect((await call(receiver, 'trainees:get', { id: someone!.id })).id).toBe(someone!.id);
  }, 30_000);

  it('a file whose rows are of the wrong types, or point at rows it does not hold, names them', async () => {
    const payload = await collectPayload(
      sender.store.db,
      { traineeIds: [traineeId], fromName: 'Dr Crafty', includePrivateNotes: false },
      { version: 'test', madeAt: new Date().toISOString() },
    );
    const wrongTypes = structuredClone(payload) as unknown as { trainees: Array<Record<string, unknown>> };
    wrongTypes.trainees[0]!.wte = 'full time';
    const orphan = structuredClone(payload);
    orphan.records.meeting_actions[0] = { ...orphan.records.meeting_actions[0]!, meeting_id: 'no-such-meeting' };
    const phrase = newTransferPhrase();
    for (const [name, content, expected] of [
      ['wrong-types', wrongTypes, 'Trainee 1: wte: '],
      ['orphan', orphan, 'Action 1: meeting_id points at nothing in this file'],
    ] as const) {
      const file = path.join(folder, `${name}.tpdhandover`);
      await writeHandoverEnvelope(file, content, phrase, payload.madeAt);
      const digest = await databaseDigest(receiver.store.db);
      const error = await refusal(receiver, 'handover:import-upload', {
        ...asUpload(fs.readFileSync(file), phrase.join(' ')),
        takeTheirs: [],
      });
      expect(error.fields?.file).toContain(expected);
      expect(await databaseDigest(receiver.store.db)).toBe(digest);
    }
  }, 30_000);

  it('a file that is not ours at all', async () => {
    await expectRefused(
      asUpload(Buffer.from('Dear diary, nothing to see here.')),
      'file',
      HANDOVER_MESSAGES.notAHandover,
    );
  });
});
