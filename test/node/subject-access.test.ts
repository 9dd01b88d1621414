import { sql } from 'kysely';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftDate, ukToday } from '../../src/shared/dates';
import { WITHHOLDING_NOTE } from '../../src/shared/subject-access';
import { NOT_SECTIONS } from '../../src/main/services/subject-access';
import { readSchemaTables, tablesAboutTrainees } from '../../src/main/store/schema-tables';
import { pdfText } from '../support/read-exports';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
let traineeId: string;
let other: { id: string; gmcNumber: string; familyName: string; privateNote: string };
const privateNote = 'Spoke about a bereavement in the family';
const draftText = 'Half-typed reflection on the audit';

/** Every record type the app holds, each expected at least once for the chosen trainee. */
const RECORD_TYPES = [
  'trainees',
  'meetings',
  'meeting_goals',
  'meeting_actions',
  'meeting_cadence',
  'plp_goals',
  'plp_reviews',
  'early_needs',
  'identified_needs',
  'support_items',
  'exam_attempts',
  'exam_post_fail',
  'exam_readiness',
  'arcp_records',
  'drafts',
  'change_log',
  'export_log',
];

const flat = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  backend = await createTempBackend();
  await call(backend, 'demo:load', { size: 'standard' });
  const db = backend.store.db;
  // A demo trainee with a post-fail conversation and an ARCP; the rest is added below through the app's own channels.
  const chosen = await db
    .selectFrom('exam_post_fail')
    .innerJoin('arcp_records', 'arcp_records.trainee_id', 'exam_post_fail.trainee_id')
    .select('exam_post_fail.trainee_id')
    .executeTakeFirst();
  if (!chosen) throw new Error('The standard demo has no trainee with a post-fail conversation and an ARCP');
  traineeId = chosen.trainee_id;
  const today = ukToday();
  const akt = await db.selectFrom('exam_definitions').select('id').where('code', '=', 'AKT').executeTakeFirstOrThrow();
  await call(backend, 'exams:saveReadiness', {
    traineeId,
    fields: { examId: akt.id, discussedOn: today, decision: 'ready' },
  });
  const goal = await call(backend, 'plp:createGoal', {
    traineeId,
    title: 'Structure telephone consultations',
    area: 'exam',
    nextReviewOn: today,
  });
  await call(backend, 'plp:addReview', {
    goalId: goal.id,
    reviewedOn: today,
    note: 'Good progress.',
    statusAfter: 'in_progress',
    nextReviewOn: shiftDate(today, 28),
  });
  await call(backend, 'meetings:create', {
    traineeId,
    heldOn: today,
    mode: 'video',
    meetingType: 'pastoral',
    sharedSummary: 'Talked about the rota.',
    privateNotes: privateNote,
    goalIds: [goal.id],
    actions: [{ description: 'Book study leave', owner: 'trainee', dueOn: today }],
  });
  await call(backend, 'meetings:setCadence', { traineeId, weeks: 6 });
  await call(backend, 'needs:save', { traineeId, completedOn: today, communicationLanguage: 'Telephone idioms' });
  await call(backend, 'needs:addNeed', { traineeId, area: 'communication', description: 'Telephone English' });
  await call(backend, 'support:offer', { traineeId, catalogueId: 'seed-3', offeredOn: today });
  await call(backend, 'drafts:save', {
    key: `meeting:${traineeId}`,
    traineeId,
    payload: JSON.stringify({ draftText }),
  });
  await call(backend, 'plp:exportPdf', { traineeId });

  const otherRow = await db
    .selectFrom('meetings')
    .innerJoin('trainees', 'trainees.id', 'meetings.trainee_id')
    .select(['trainees.id', 'trainees.gmc_number', 'trainees.family_name', 'meetings.private_notes'])
    .where('meetings.trainee_id', '!=', traineeId)
    .where('meetings.private_notes', '!=', '')
    .executeTakeFirstOrThrow();
  other = {
    id: otherRow.id,
    gmcNumber: otherRow.gmc_number,
    familyName: otherRow.family_name,
    privateNote: otherRow.private_notes,
  };
  // An export about both trainees: it is in this trainee's response, without the other's name.
  await call(backend, 'exportLog:record', {
    kind: 'csv',
    traineeIds: [traineeId, other.id],
    description: 'Trainee register CSV',
  });
}, 120_000);

afterAll(async () => {
  await backend.close();
});

describe('subject access', () => {
  it('reviews every record type with its count and says withholding is for the IG lead', async () => {
    const review = await call(backend, 'subjectAccess:review', { traineeId });
    const keys = review.sections.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(RECORD_TYPES));
    for (const type of RECORD_TYPES)
      expect(review.sections.find((s) => s.key === type)!.count, `${type} records`).toBeGreaterThan(0);
    expect(review.sections.find((s) => s.key === 'trainees')!.count).toBe(1);
    expect(review.total).toBe(review.sections.reduce((n, s) => n + s.count, 0));
    expect(WITHHOLDING_NOTE).toMatch(/information-governance lead/);
  });

  it('has a section for every table that refers to a trainee, directly or through their records', async () => {
    const db = backend.store.db;
    const covered = new Set((await call(backend, 'subjectAccess:review', { traineeId })).sections.map((s) => s.key));
    // A table is about a trainee if it has trainee_id or a foreign key to a table that is.
    const referring = ['trainees', ...tablesAboutTrainees(await readSchemaTables(db))];
    const missing = referring.filter((table) => !covered.has(table) && !NOT_SECTIONS.has(table));
    expect(missing, 'tables about a trainee with no section in the subject access response').toEqual([]);
  });

  it('includes a table added later without being told about it', async () => {
    const db = backend.store.db;
    await sql`CREATE TABLE handover_notes_sample (id TEXT PRIMARY KEY, trainee_id TEXT NOT NULL, note TEXT NOT NULL)`.execute(
      db,
    );
    try {
      await sql`INSERT INTO handover_notes_sample VALUES ('h1', ${traineeId}, 'Handed over to the new TPD')`.execute(
        db,
      );
      await sql`INSERT INTO handover_notes_sample VALUES ('h2', ${other.id}, 'Someone else')`.execute(db);
      const review = await call(backend, 'subjectAccess:review', { traineeId });
      expect(review.sections.find((s) => s.key === 'handover_notes_sample')).toMatchObject({ count: 1 });
    } finally {
      await sql`DROP TABLE handover_notes_sample`.execute(db);
    }
  });

  it('saves a readable PDF with every record type, the private note and the export log, and nobody else', async () => {
    const file = await call(backend, 'subjectAccess:pdf', { traineeId });
    expect(file.mimeType).toBe('application/pdf');
    const text = flat(await pdfText(Buffer.from(file.base64, 'base64')));
    const review = await call(backend, 'subjectAccess:review', { traineeId });
    for (const section of review.sections) expect(text, section.title).toContain(flat(section.title));
    expect(text).toContain(privateNote);
    expect(text).toContain('Trainee register CSV');
    expect(text).toContain('PLP PDF');
    expect(text).toContain('Book study leave');
    expect(text).toContain('information-governance lead');
    expect(text).toMatch(/\d\d\/\d\d\/\d{4}/);
    expect(text).not.toContain(other.gmcNumber);
    expect(text).not.toContain(other.familyName);
    expect(text).not.toContain(flat(other.privateNote));
  });

  it('saves a ZIP with JSON and CSV per record type and a README, and nobody else', async () => {
    const file = await call(backend, 'subjectAccess:zip', { traineeId });
    expect(file.fileName).toMatch(/\.zip$/);
    const files = unzipSync(Buffer.from(file.base64, 'base64'));
    const names = Object.keys(files);
    expect(names).toContain('README.txt');
    const readme = strFromU8(files['README.txt']!);
    expect(readme).toContain('information-governance lead');
    const jsonOf = (type: string) => {
      const name = names.find((n) => n.endsWith(`-${type.replace(/_/g, '-')}.json`));
      expect(name, `${type} JSON file`).toBeDefined();
      expect(names, `${type} CSV file`).toContain(name!.replace(/\.json$/, '.csv'));
      return JSON.parse(strFromU8(files[name!]!)) as Array<Record<string, unknown>>;
    };
    for (const type of RECORD_TYPES) expect(jsonOf(type).length, `${type} records`).toBeGreaterThan(0);
    expect(jsonOf('meetings').map((m) => m.private_notes)).toContain(privateNote);
    expect(jsonOf('export_log').map((e) => e.description)).toEqual(
      expect.arrayContaining(['PLP PDF', 'Trainee register CSV']),
    );
    expect(JSON.stringify(jsonOf('drafts'))).toContain(draftText);
    const meetingsCsv = names.find((n) => n.endsWith('-meetings.csv'))!;
    const parsed = Papa.parse<Record<string, string>>(strFromU8(files[meetingsCsv]!).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data.map((r) => r.private_notes)).toContain(privateNote);
    const everything = names.map((n) => strFromU8(files[n]!)).join('\n');
    expect(everything).not.toContain(other.id);
    expect(everything).not.toContain(other.gmcNumber);
    expect(everything).not.toContain(other.familyName);
    expect(everything).not.toContain(other.privateNote);
  });
});
