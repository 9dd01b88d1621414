import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME } from '../../src/main/backend';
import { createErasureService, ERASED_TABLES } from '../../src/main/services/erasure';
import { createMeetingService } from '../../src/main/services/meetings';
import type { DB } from '../../src/main/store/schema';
import { readSchemaTables } from '../../src/main/store/schema-tables';
import { ukToday } from '../../src/shared/dates';
import { meetingFieldsSchema } from '../../src/shared/meetings/meeting-types';
import { call, callRaw, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';
import { containsPlainText, openRaw } from './helpers';

/** A column of `table` that points at trainees (`parent` null) or at a row of another table that does. */
interface Link {
  table: string;
  column: string;
  parent: string | null;
  parentColumn: string;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every table that refers to trainees, read from the live schema: a `trainee_id` column or a
 * foreign key to trainees, or a foreign key to a table that does (to any depth). A table added
 * later joins this list by itself, and then fails the test below until erasure removes its rows.
 */
async function linksToTrainees(db: Kysely<DB>): Promise<Link[]> {
  const tables = (await readSchemaTables(db)).filter((t) => !t.virtual && !/^search_fts_/.test(t.name));
  const names = tables.map((t) => t.name);
  const keys = new Map(tables.map((t) => [t.name, t.references]));
  const columns = new Map(tables.map((t) => [t.name, t.columns]));
  const links: Link[] = [];
  for (const name of names.filter((n) => n !== 'trainees')) {
    const direct = new Set<string>();
    if (columns.get(name)!.includes('trainee_id')) direct.add('trainee_id');
    for (const key of keys.get(name)!) if (key.table === 'trainees') direct.add(key.from);
    for (const column of direct) links.push({ table: name, column, parent: null, parentColumn: 'id' });
  }
  // Children of those tables, and their children, by foreign key.
  for (let grew = true; grew;) {
    grew = false;
    const linked = new Set(links.map((l) => l.table));
    for (const name of names.filter((n) => n !== 'trainees')) {
      for (const key of keys.get(name)!) {
        if (!linked.has(key.table) || key.table === name) continue;
        if (links.some((l) => l.table === name && l.column === key.from)) continue;
        links.push({ table: name, column: key.from, parent: key.table, parentColumn: key.to });
        grew = true;
      }
    }
  }
  return links;
}

/** Rows of `link.table` about the trainee: by their own column, or through their parent's rows about them. */
function rowsAbout(link: Link, links: Link[], traineeId: string): { where: string; params: string[] } {
  if (link.parent === null) return { where: `${quote(link.column)} = ?`, params: [traineeId] };
  const parentLinks = links.filter((l) => l.table === link.parent);
  const parts = parentLinks.map((p) => rowsAbout(p, links, traineeId));
  return {
    where: `${quote(link.column)} IN (SELECT ${quote(link.parentColumn)} FROM ${quote(link.parent)} WHERE ${parts
      .map((p) => `(${p.where})`)
      .join(' OR ')})`,
    params: parts.flatMap((p) => p.params),
  };
}

describe('erasing an archived trainee', () => {
  let backend: TempBackend;
  let raw: Database.Database;
  let links: Link[];
  let traineeId: string;
  let familyName: string;
  let fullName: string;
  let idsOfTheirRows: string[];
  const before = new Map<string, { total: number; about: number }>();
  const NOTE = 'Quillbramble moonwortish';
  const SUMMARY = 'Marrowfat lanternfish';

  const about = (table: string, id: string) => {
    const parts = links.filter((l) => l.table === table).map((l) => rowsAbout(l, links, id));
    const stmt = raw.prepare(
      `SELECT count(*) AS n FROM ${quote(table)} WHERE ${parts.map((p) => `(${p.where})`).join(' OR ')}`,
    );
    return (stmt.get(...parts.flatMap((p) => p.params)) as { n: number }).n;
  };
  const total = (table: string) => (raw.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;

  beforeAll(async () => {
    backend = await createTempBackend();
    await call(backend, 'demo:load', { size: 'standard' });
    const db = backend.store.db;
    // The demo trainee with the most features: 1:1s, a plan, support, exams with a post-fail conversation, ARCP.
    const chosen = await db
      .selectFrom('trainees')
      .select(['id', 'family_name', 'given_name', 'preferred_name'])
      .where('id', 'in', db.selectFrom('exam_post_fail').select('trainee_id'))
      .where('id', 'in', db.selectFrom('arcp_records').select('trainee_id'))
      .where('id', 'in', db.selectFrom('support_items').select('trainee_id'))
      .where('id', 'in', db.selectFrom('plp_goals').select('trainee_id'))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    traineeId = chosen.id;
    familyName = chosen.family_name;
    fullName = `${chosen.preferred_name || chosen.given_name} ${chosen.family_name}`;
    const today = ukToday();
    const goal = (await call(backend, 'plp:list', { traineeId }))[0]!;
    // What the demo lacks for them, added as a person would: a 1:1 with a private note linked to a
    // goal, a review, early needs, cadence, a readiness discussion, a deleted attempt and a draft.
    const meeting = await call(backend, 'meetings:create', {
      traineeId,
      heldOn: today,
      mode: 'video',
      meetingType: 'pastoral',
      sharedSummary: SUMMARY,
      privateNotes: NOTE,
      goalIds: [goal.id],
      actions: [{ description: 'Book study leave', owner: 'trainee', dueOn: today }],
    });
    await call(backend, 'plp:addReview', {
      goalId: goal.id,
      reviewedOn: today,
      note: 'Good',
      statusAfter: 'in_progress',
    });
    await call(backend, 'needs:save', { traineeId, completedOn: today, communicationLanguage: 'Telephone idioms' });
    await call(backend, 'needs:addNeed', { traineeId, area: 'communication', description: 'Telephone English' });
    await call(backend, 'meetings:setCadence', { traineeId, weeks: 6 });
    await call(backend, 'evaluation:record', {
      traineeId,
      field: 'primaryQualification',
      value: 'international_graduate',
      agreed: true,
      agreedOn: today,
    });
    const akt = await db
      .selectFrom('exam_definitions')
      .select('id')
      .where('code', '=', 'AKT')
      .executeTakeFirstOrThrow();
    await call(backend, 'exams:saveReadiness', {
      traineeId,
      fields: { examId: akt.id, discussedOn: today, decision: 'ready' },
    });
    const attempt = await call(backend, 'exams:saveAttempt', {
      traineeId,
      fields: { examId: akt.id, sittingDate: today, result: 'awaiting' },
    });
    await call(backend, 'exams:deleteAttempt', { id: (attempt as { id: string }).id });
    await call(backend, 'drafts:save', {
      key: `meeting:edit:${meeting.id}`,
      traineeId,
      payload: JSON.stringify({ privateNotes: `${NOTE} half typed` }),
    });
    await call(backend, 'exams:saveExtension', {
      traineeId,
      fields: { kind: 'standard', startsOn: '01/01/2031', endsOn: '31/03/2031', reason: 'Time to re-sit' },
    });
    await call(backend, 'exportLog:record', {
      kind: 'csv',
      traineeIds: [traineeId],
      description: 'Trainee register CSV',
    });
    // As if their 1:1 had come in a handover file (the handover tests make real ones).
    const at = new Date().toISOString();
    await db
      .insertInto('handover_imports')
      .values({ id: 'handover-1', from_name: 'Dr Sender', made_at: at, imported_at: at })
      .execute();
    await db
      .insertInto('handover_records')
      .values({ table_name: 'meetings', record_id: meeting.id, trainee_id: traineeId, import_id: 'handover-1' })
      .execute();
    // Today saves their rows; archiving then notes them, and no look at Today follows before erasure.
    await call(backend, 'today:view', {});
    await call(backend, 'trainees:archive', { id: traineeId });
    await call(backend, 'erasure:keep', { traineeId });

    raw = openRaw(path.join(backend.dataDir, DATABASE_FILE_NAME), backend.key);
    links = await linksToTrainees(db);
    idsOfTheirRows = [traineeId];
    for (const table of new Set(links.map((l) => l.table))) {
      const hasId = (raw.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'id'`).get(table) ?? null) !== null;
      before.set(table, { total: total(table), about: about(table, traineeId) });
      // An export-log link outlives them under its own id, pointing at no one.
      if (!hasId || table === 'export_log_trainees') continue;
      const parts = links.filter((l) => l.table === table).map((l) => rowsAbout(l, links, traineeId));
      const rows = raw
        .prepare(`SELECT id FROM ${quote(table)} WHERE ${parts.map((p) => `(${p.where})`).join(' OR ')}`)
        .all(...parts.flatMap((p) => p.params)) as Array<{ id: string | number }>;
      idsOfTheirRows.push(...rows.map((r) => String(r.id)).filter((id) => id.length > 8));
    }
    before.set('trainees', { total: total('trainees'), about: 1 });
    before.set('change_log', { total: total('change_log'), about: 0 });
  }, 120_000);

  afterAll(async () => {
    raw?.close();
    await backend?.close();
  });

  it('finds every table about trainees in the schema, each one erasure covers', () => {
    const tables = [...new Set(links.map((l) => l.table))].sort();
    // The schema's own list, so a renamed or dropped table shows here too.
    expect(tables).toEqual(
      expect.arrayContaining([
        'meetings',
        'meeting_actions',
        'meeting_goals',
        'plp_goals',
        'plp_reviews',
        'early_needs',
        'identified_needs',
        'support_items',
        'exam_attempts',
        'exam_post_fail',
        'exam_readiness',
        'arcp_records',
        'meeting_cadence',
        'drafts',
        'search_docs',
        'retention_keeps',
        'evaluation_characteristics',
        'handover_records',
        'exam_extensions',
        'export_log_trainees',
      ]),
    );
    expect(tables.filter((table) => !ERASED_TABLES.includes(table))).toEqual([]);
  });

  it('has the trainee in every one of those tables before erasure (so each delete is really tested)', () => {
    const empty = [...before].filter(([table, counts]) => table !== 'change_log' && counts.about === 0);
    expect(empty.map(([table]) => table)).toEqual([]);
  });

  it('refuses a trainee who is not archived, and a surname typed wrong, changing nothing', async () => {
    const other = await backend.store.db
      .selectFrom('trainees')
      .select(['id', 'family_name'])
      .where('archived_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(await backend.dispatch('erasure:erase', { traineeId: other.id, confirmSurname: other.family_name })).toEqual(
      {
        ok: false,
        error: {
          code: 'conflict',
          message: expect.stringMatching(/is not archived\. Only an archived trainee's record can be erased\.$/),
        },
      },
    );
    expect(await backend.dispatch('erasure:erase', { traineeId, confirmSurname: `${familyName}x` })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { confirmSurname: expect.stringMatching(/not their surname/) } },
    });
    expect(await backend.dispatch('erasure:erase', { traineeId, confirmSurname: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    for (const [table, counts] of before) expect(total(table), table).toBe(counts.total);
  });

  it('previews what will go, by kind, without changing anything', async () => {
    const preview = await call(backend, 'erasure:preview', { traineeId });
    expect(preview).toMatchObject({ traineeId, name: fullName, familyName, backupsKept: { daily: 7, weekly: 8 } });
    const labels = preview.removes.map((r) => r.label);
    expect(labels).toEqual(
      expect.arrayContaining(['1:1 meetings (with their private notes)', 'PLP goals', 'Post-fail conversations']),
    );
    expect(preview.removes.find((r) => r.label === 'Agreed actions')!.count).toBe(before.get('meeting_actions')!.about);
    for (const [table, counts] of before) expect(total(table), table).toBe(counts.total);
  });

  it('erases every row about them and their rows, their history, drafts and search entries, and no one else’s', async () => {
    const changeLogBefore = raw.prepare('SELECT id, entity_id, changes FROM change_log').all() as Array<{
      id: string;
      entity_id: string;
      changes: string | null;
    }>;
    // Surname typed as a person might: other case, stray spaces.
    expect(
      await call(backend, 'erasure:erase', { traineeId, confirmSurname: `  ${familyName.toUpperCase()} ` }),
    ).toEqual({ erasedName: fullName });

    const theirs = (table: string) =>
      table === 'trainees'
        ? (raw.prepare('SELECT count(*) AS n FROM trainees WHERE id = ?').get(traineeId) as { n: number }).n
        : about(table, traineeId);
    const log = await call(backend, 'exportLog:list', {});
    expect(log.find((e) => e.description === 'Trainee register CSV')!.trainees).toEqual([
      expect.objectContaining({ name: 'an erased trainee' }),
    ]);
    for (const [table, counts] of before) {
      if (table === 'change_log') continue;
      expect(theirs(table), `${table} still has rows about them`).toBe(0);
      // The export log keeps its entries: their links stay, naming no one.
      const kept = table === 'export_log_trainees' ? counts.about : 0;
      expect(total(table), `${table}: only their rows went`).toBe(counts.total - counts.about + kept);
    }

    // No value anywhere names them or any of their rows: not the history, not a draft's key or text.
    const { rows: tables } = await sql<{ name: string }>`
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'search_fts_%'
    `.execute(backend.store.db);
    const needles = [...new Set(idsOfTheirRows)];
    const found: string[] = [];
    for (const { name } of tables) {
      const cols = (raw.prepare('SELECT name FROM pragma_table_info(?)').all(name) as Array<{ name: string }>).map(
        (c) => c.name,
      );
      for (const row of raw.prepare(`SELECT * FROM ${quote(name)}`).all() as Array<Record<string, unknown>>) {
        for (const col of cols) {
          const value = row[col];
          if (typeof value !== 'string') continue;
          for (const needle of [...needles, NOTE, SUMMARY])
            if (value.includes(needle)) found.push(`${name}.${col} has ${needle}`);
        }
      }
    }
    expect(found).toEqual([]);

    // Other trainees' history is whole: every entry that went named them or one of their rows.
    const left = new Set((raw.prepare('SELECT id FROM change_log').all() as Array<{ id: string }>).map((r) => r.id));
    const gone = changeLogBefore.filter((r) => !left.has(r.id));
    expect(gone.length).toBeGreaterThan(0);
    const namedThem = new Set(changeLogBefore.filter((r) => r.changes?.includes(traineeId)).map((r) => r.entity_id));
    expect(gone.filter((r) => !needles.includes(r.entity_id) && !namedThem.has(r.entity_id))).toEqual([]);

    // Search finds neither the note's words nor them by name (another trainee may share the surname).
    for (const text of ['Quillbramble', 'moonwortish', 'lanternfish', fullName]) {
      const { results } = await call(backend, 'search:query', { text, limit: 100 });
      expect(
        results.filter((r) => r.traineeId === traineeId || text !== fullName),
        text,
      ).toEqual([]);
    }
    const fts = raw.prepare(`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH 'quillbramble'`).get() as {
      n: number;
    };
    expect(fts.n).toBe(0);
    expect(raw.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await callRaw(backend, 'trainees:list', { includeArchived: true })).toHaveLength(
      before.get('trainees')!.total - 1,
    );
  });

  it('says the trainee is no longer there when asked again', async () => {
    expect(await backend.dispatch('erasure:erase', { traineeId, confirmSurname: familyName })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'That trainee is no longer in the register.' },
    });
  });
});

describe('a failure half way through the erasure', () => {
  it('rolls every delete back', async () => {
    const backend = await createTempBackend();
    await call(backend, 'demo:load', { size: 'standard' });
    const trainee = await backend.store.db
      .selectFrom('trainees')
      .select(['id', 'family_name'])
      .where('id', 'in', backend.store.db.selectFrom('meetings').select('trainee_id'))
      .executeTakeFirstOrThrow();
    await call(backend, 'trainees:archive', { id: trainee.id });
    const counts = async () =>
      Promise.all(
        (['trainees', 'meetings', 'meeting_actions', 'plp_goals', 'change_log', 'search_docs'] as const).map(
          async (table) =>
            Number(
              (
                await backend.store.db
                  .selectFrom(table)
                  .select((eb) => eb.fn.countAll<number>().as('n'))
                  .executeTakeFirstOrThrow()
              ).n,
            ),
        ),
      );
    const start = await counts();
    // A failure at the very last delete (the trainee row itself) must bring back everything before it.
    await sql`CREATE TEMP TRIGGER fail_last_delete BEFORE DELETE ON trainees BEGIN SELECT RAISE(ABORT, 'disk full'); END`.execute(
      backend.store.db,
    );
    const erasure = createErasureService(backend.store.db, () => new Date());
    await expect(erasure.erase(trainee.id, trainee.family_name)).rejects.toThrow('disk full');
    expect(await counts()).toEqual(start);
    expect(
      (await backend.store.db.selectFrom('trainees').select('id').where('id', '=', trainee.id).execute()).length,
    ).toBe(1);
    await backend.close();
  });
});

describe('erased text in the file itself', () => {
  it('is in the plain pages (database and WAL) before erasure and in neither afterwards', async () => {
    const NOTE_IN_FILE = 'Zeltraminth forbearance';
    const NOTE_IN_WAL = 'Quorrelwyck undertow';
    const SURNAME = 'Vantablackwood';
    const backend = await createTempBackend();
    await call(backend, 'demo:load', { size: 'standard' });
    const row = await backend.store.db.selectFrom('trainees').selectAll().executeTakeFirstOrThrow();
    const trainee = await call(backend, 'trainees:get', { id: row.id });
    await call(backend, 'trainees:update', {
      id: row.id,
      fields: {
        givenName: trainee.givenName,
        familyName: SURNAME,
        gmcNumber: trainee.gmcNumber,
        programme: trainee.programme,
        grade: trainee.grade,
        programmeStartDate: trainee.programmeStartDate,
        wte: String(trainee.wte),
      },
    });
    await call(backend, 'meetings:create', {
      traineeId: row.id,
      heldOn: ukToday(),
      mode: 'video',
      meetingType: 'pastoral',
      sharedSummary: 'Rota',
      privateNotes: NOTE_IN_FILE,
      goalIds: [],
      actions: [],
    });
    // Today's rows now hold the surname too (today_rows), until erasure.
    await call(backend, 'today:view', {});
    await call(backend, 'trainees:archive', { id: row.id });
    const encrypted = path.join(backend.dataDir, DATABASE_FILE_NAME);
    await backend.close();
    // The app's file never shows text; a copy decrypted with an empty key does, page for page.
    expect(containsPlainText(encrypted, NOTE_IN_FILE)).toBe(false);
    const folder = tempDir('tpd-erasure-bytes-');
    const plain = path.join(folder, 'plain.db');
    fs.copyFileSync(encrypted, plain);
    const decrypt = openRaw(plain, backend.key);
    decrypt.pragma('journal_mode = DELETE');
    decrypt.pragma(`rekey=''`);
    decrypt.close();

    const sqlite = new Database(plain);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      // A second note written now sits in the WAL, not yet checkpointed into the file.
      await createMeetingService(db, () => new Date()).create(
        meetingFieldsSchema.parse({
          traineeId: row.id,
          heldOn: ukToday(),
          mode: 'phone',
          meetingType: 'pastoral',
          sharedSummary: '',
          privateNotes: NOTE_IN_WAL,
        }),
      );
      const wal = `${plain}-wal`;
      // The control: without erasure, the plain bytes hold both notes, the surname and FTS5's lower-case terms.
      expect(containsPlainText(plain, NOTE_IN_FILE)).toBe(true);
      expect(containsPlainText(plain, SURNAME)).toBe(true);
      expect(containsPlainText(plain, 'zeltraminth')).toBe(true);
      expect(containsPlainText(wal, NOTE_IN_WAL)).toBe(true);

      await createErasureService(db, () => new Date()).erase(row.id, SURNAME.toLowerCase());

      for (const file of [plain, wal].filter((f) => fs.existsSync(f))) {
        for (const text of [NOTE_IN_FILE, NOTE_IN_WAL, SURNAME, 'zeltraminth', 'quorrelwyck', 'vantablackwood'])
          expect(containsPlainText(file, text), `${path.basename(file)} holds “${text}”`).toBe(false);
      }
      expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
      expect(sqlite.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      // Everyone else is still there, readable.
      expect((sqlite.prepare('SELECT count(*) AS n FROM trainees').get() as { n: number }).n).toBe(59);
    } finally {
      await db.destroy();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
