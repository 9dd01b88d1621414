import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeCsvBytes, readCsv } from '../../src/main/services/csv/read-csv';
import type { ProgressEvent } from '../../src/shared/contract';
import type { ImportMapping } from '../../src/shared/trainees/import-mapping';
import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { call, createTempBackend, fileAsBase64, FIXTURES_DIR, type TempBackend } from '../support/temp-backend';
import { manualClock, traineeInput } from './helpers';

const SAMPLE = path.join(FIXTURES_DIR, 'trainees-scheme-export.csv');
const SAMPLE_TEXT = fs.readFileSync(SAMPLE, 'utf8');
const HEADER =
  'Forename,Surname,GMC Number,Programme,Training Grade,Programme Start Date,Expected CCT Date,WTE,Educational Supervisor,Current Post,Email';

/** One data row in the sample's column order. */
function row(
  given: string,
  family: string,
  gmc: string,
  extra: { wte?: string; post?: string; start?: string; cct?: string; grade?: string } = {},
): string {
  return [
    given,
    family,
    gmc,
    'GP - Riverside VTS',
    extra.grade ?? 'ST2',
    extra.start ?? '5/08/2025',
    extra.cct ?? '25/02/2028',
    extra.wte ?? '1',
    'Dr Ruth Okonjo',
    extra.post ?? 'Riverside Surgery',
    '',
  ].join(',');
}

let backend: TempBackend;
let clock: ReturnType<typeof manualClock>;
let events: ProgressEvent[];
beforeEach(async () => {
  clock = manualClock('2025-09-01T10:00:00.000Z');
  backend = await createTempBackend({ now: clock.now });
  events = [];
  backend.events.subscribe((name, payload) => {
    if (name === 'progress') events.push(payload as ProgressEvent);
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await backend.close();
});

type Content = string | Buffer;
function request(content: Content, options: { mapping?: ImportMapping; jobId?: string; fileName?: string } = {}) {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    jobId: options.jobId ?? 'job-1',
    fileName: options.fileName ?? 'trainees.csv',
    contentBase64: bytes.toString('base64'),
    ...(options.mapping ? { mapping: options.mapping } : {}),
  };
}
const sampleRequest = (jobId = 'job-1') => ({
  jobId,
  fileName: 'trainees-scheme-export.csv',
  contentBase64: fileAsBase64(SAMPLE),
});

const preview = (content: Content, options?: Parameters<typeof request>[1]) =>
  call(backend, 'traineeImport:preview', request(content, options));
const commit = (content: Content, options?: Parameters<typeof request>[1]) =>
  call(backend, 'traineeImport:commit', request(content, options));
const list = () => call(backend, 'trainees:list', { includeArchived: true });
/** The whole record of the trainee with this GMC number, as their page shows it. */
const byGmc = async (gmc: string) => {
  const row = (await list()).find((t) => t.gmcNumber === gmc);
  return row && call(backend, 'trainees:get', { id: row.id });
};

async function snapshot() {
  const trainees = await backend.store.db.selectFrom('trainees').selectAll().orderBy('id').execute();
  const changes = await backend.store.db.selectFrom('change_log').selectAll().orderBy('id').execute();
  return { trainees, changes };
}

describe('the sample scheme export', () => {
  it('previews as 55 to create and 5 errors, on the right lines, for the right reasons', async () => {
    const p = await call(backend, 'traineeImport:preview', sampleRequest());
    expect(p.counts).toEqual({ create: 55, update: 0, unchanged: 0, error: 5 });
    expect(p.encoding).toBe('utf-8');
    expect(p.headers[0]).toBe('Forename');
    expect(p.unmappedRequired).toEqual([]);
    expect(p.rows).toHaveLength(60);
    expect(p.rows[0]).toEqual({ line: 2, status: 'create', gmcNumber: '6499029', name: 'Ana Nair', reasons: [] });
    expect(p.rows.at(-1)).toMatchObject({ line: 61, name: 'Zoë Smith', status: 'create' });

    const errors = p.rows.filter((r) => r.status === 'error');
    expect(errors.map((r) => r.line)).toEqual([10, 13, 16, 22, 25]);
    const reasons = (line: number) => errors.find((r) => r.line === line)!.reasons.join(' | ');

    expect(errors.find((r) => r.line === 10)).toMatchObject({ gmcNumber: '12345', name: 'Ana Haddad' });
    expect(reasons(10)).toMatch(/GMC number must be exactly 7 digits/);
    expect(reasons(10)).toContain('12345');

    expect(errors.find((r) => r.line === 13)).toMatchObject({ gmcNumber: '7969332', name: 'Bilal Smith' });
    expect(reasons(13)).toMatch(/7969332 is also on line 4/);

    expect(reasons(16)).toMatch(/not a real date/);
    expect(reasons(16)).toContain('31/02/2025');

    expect(reasons(22)).toMatch(/Whole-time equivalent must be between/);
    expect(reasons(22)).toContain('1.4');

    expect(errors.find((r) => r.line === 25)).toMatchObject({ gmcNumber: '7876847', name: 'Nair' });
    expect(reasons(25)).toMatch(/first name/);
    for (const e of errors) expect(e.reasons.length, `line ${e.line}`).toBeGreaterThan(0);

    // A preview writes nothing.
    expect(await list()).toEqual([]);
  });

  it('commits the 55 good rows, normalised, and records each as imported', async () => {
    const outcome = await call(backend, 'traineeImport:commit', sampleRequest());
    expect(outcome).toEqual({ created: 55, updated: 0, unchanged: 0, rejected: 5, leftOut: 0 });

    const trainees = await list();
    expect(trainees).toHaveLength(55);
    expect(new Set(trainees.map((t) => t.gmcNumber)).size).toBe(55);
    for (const rejected of ['12345', '7581654', '6935619', '7876847'])
      expect(trainees.some((t) => t.gmcNumber === rejected)).toBe(false);
    // The first of the two rows with GMC 7969332 is the one kept.
    expect(trainees.filter((t) => t.gmcNumber === '7969332').map((t) => t.familyName)).toEqual(['Boateng']);

    expect(await byGmc('6846661')).toMatchObject({ givenName: 'Nadia', familyName: 'Addo', wte: 1 });
    expect(await byGmc('7200151')).toMatchObject({ grade: 'ST2' });
    expect(await byGmc('6530018')).toMatchObject({ givenName: 'Esther', familyName: 'Brontë', wte: 0.8 });
    expect(await byGmc('7593902')).toMatchObject({ programmeStartDate: '2024-02-02', expectedCctDate: '2027-08-18' });
    expect(await byGmc('6589924')).toMatchObject({ currentPost: 'Medicine, Northtown General (Ward 7, Bay 2)' });
    expect(await byGmc('6499029')).toMatchObject({
      email: 'ana.nair0@nhs.example',
      status: 'in_programme',
      tags: [],
      createdAt: '2025-09-01T10:00:00.000Z',
    });

    const log = await backend.store.db.selectFrom('change_log').select(['action', 'entity']).execute();
    expect(log).toHaveLength(55);
    expect(new Set(log.map((l) => `${l.entity}:${l.action}`))).toEqual(new Set(['trainee:imported']));
  });

  it('is idempotent: a second preview shows 55 unchanged and a second commit changes nothing', async () => {
    await call(backend, 'traineeImport:commit', sampleRequest());
    const before = await snapshot();
    clock.advance(3_600_000);

    const again = await call(backend, 'traineeImport:preview', sampleRequest());
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 55, error: 5 });

    const outcome = await call(backend, 'traineeImport:commit', sampleRequest());
    expect(outcome).toEqual({ created: 0, updated: 0, unchanged: 55, rejected: 5, leftOut: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('updates a trainee matched by GMC number when a cell changes, without duplicating anyone', async () => {
    await call(backend, 'traineeImport:commit', sampleRequest());
    const omar = (await byGmc('6475721'))!;
    expect(omar.wte).toBe(0.8);
    const before = await snapshot();
    clock.advance(3_600_000);

    const changed = SAMPLE_TEXT.replace(
      '6475721,GP - Riverside VTS,ST3,6/08/2024,23/02/2028,0.8,',
      '6475721,GP - Riverside VTS,ST3,6/08/2024,23/02/2028,60%,',
    );
    expect(changed).not.toBe(SAMPLE_TEXT);

    const p = await preview(changed, { fileName: 'second.csv' });
    expect(p.counts).toEqual({ create: 0, update: 1, unchanged: 54, error: 5 });
    expect(p.rows.find((r) => r.status === 'update')).toMatchObject({
      line: 3,
      gmcNumber: '6475721',
      name: 'Omar Farouk',
    });

    expect(await commit(changed)).toEqual({ created: 0, updated: 1, unchanged: 54, rejected: 5, leftOut: 0 });
    const after = await snapshot();
    expect(after.trainees).toHaveLength(55);
    const updated = after.trainees.find((t) => t.gmc_number === '6475721')!;
    expect(updated).toMatchObject({
      id: omar.id,
      wte: 0.6,
      created_at: omar.createdAt,
      updated_at: '2025-09-01T11:00:00.000Z',
    });
    // Nobody else was touched.
    expect(after.trainees.filter((t) => t.id !== omar.id)).toEqual(before.trainees.filter((t) => t.id !== omar.id));

    const newLog = after.changes.filter((c) => !before.changes.some((b) => b.id === c.id));
    expect(newLog).toHaveLength(1);
    expect(newLog[0]).toMatchObject({ entity_id: omar.id, action: 'updated' });
    const diff = JSON.parse(newLog[0]!.changes!) as { before: Trainee; after: Trainee };
    expect([diff.before.wte, diff.after.wte]).toEqual([0.8, 0.6]);
  });

  it('matches archived trainees too, instead of failing on their GMC numbers', async () => {
    await call(backend, 'traineeImport:commit', sampleRequest());
    const ana = (await byGmc('6499029'))!;
    await call(backend, 'trainees:archive', { id: ana.id });
    const outcome = await call(backend, 'traineeImport:commit', sampleRequest());
    expect(outcome).toEqual({ created: 0, updated: 0, unchanged: 55, rejected: 5, leftOut: 0 });
    expect(await list()).toHaveLength(55);
    expect((await byGmc('6499029'))!.archivedAt).not.toBeNull();
  });

  it('re-checks against the register at commit time', async () => {
    await call(backend, 'traineeImport:preview', sampleRequest());
    // Someone adds one of the file's trainees by hand between preview and commit.
    await call(
      backend,
      'trainees:create',
      traineeInput({ gmcNumber: '6499029', givenName: 'Ana', familyName: 'Nair', currentPost: 'Typed by hand' }),
    );
    const outcome = await call(backend, 'traineeImport:commit', sampleRequest());
    expect(outcome).toEqual({ created: 54, updated: 1, unchanged: 0, rejected: 5, leftOut: 0 });
    expect(await list()).toHaveLength(55);
    expect(await byGmc('6499029')).toMatchObject({ currentPost: 'Obstetrics & Gynaecology, Northtown General' });
  });
});

describe('a row that matches a trainee by GMC number but names someone else', () => {
  async function hannah() {
    return call(
      backend,
      'trainees:create',
      traineeInput({
        givenName: 'Hannah',
        familyName: 'Farouk',
        gmcNumber: '6135835',
        currentPost: 'Eastfield Health Centre',
      }),
    );
  }

  it('is marked Name differs with every change before → after, and left out unless ticked', async () => {
    const before = await hannah();
    const file = `${HEADER}\n${row('Fay', 'Green', '6135835', { post: 'Riverside Surgery' })}\n`;

    const p = await preview(file);
    expect(p.counts).toEqual({ create: 0, update: 1, unchanged: 0, error: 0 });
    expect(p.nameDiffers).toBe(1);
    const [renaming] = p.rows;
    expect(renaming).toMatchObject({
      line: 2,
      status: 'update',
      gmcNumber: '6135835',
      nameDiffers: { before: 'Hannah Farouk', after: 'Fay Green' },
    });
    expect(renaming!.changes).toEqual(
      expect.arrayContaining([
        { field: 'givenName', label: 'First name', before: 'Hannah', after: 'Fay' },
        { field: 'familyName', label: 'Surname', before: 'Farouk', after: 'Green' },
        { field: 'currentPost', label: 'Current post', before: 'Eastfield Health Centre', after: 'Riverside Surgery' },
        { field: 'programme', label: 'Programme', before: 'GP - Northtown VTS', after: 'GP - Riverside VTS' },
      ]),
    );

    // Not ticked: Hannah stays Hannah, with nothing else about her changed either.
    const stored = await snapshot();
    expect(await commit(file)).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 0, leftOut: 1 });
    expect(await snapshot()).toEqual(stored);
    expect(await call(backend, 'trainees:get', { id: before.id })).toMatchObject({
      givenName: 'Hannah',
      familyName: 'Farouk',
      currentPost: 'Eastfield Health Centre',
    });

    // Ticked: the row is imported as it reads.
    const outcome = await call(backend, 'traineeImport:commit', { ...request(file), confirmedLines: [2] });
    expect(outcome).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0, leftOut: 0 });
    expect(await call(backend, 'trainees:get', { id: before.id })).toMatchObject({
      givenName: 'Fay',
      familyName: 'Green',
      currentPost: 'Riverside Surgery',
    });
  });

  it('is not marked for a name that differs only in case, accents or spacing, and shows what will change', async () => {
    await hannah();
    const file = `${HEADER}\n${row('HANNAH', 'Faroük ', '613 5835')}\n`;
    const p = await preview(file);
    expect(p.nameDiffers).toBe(0);
    expect(p.rows[0]).toMatchObject({ status: 'update' });
    expect(p.rows[0]!.nameDiffers).toBeUndefined();
    expect(p.rows[0]!.changes!.map((c) => c.label)).toEqual(
      expect.arrayContaining(['First name', 'Surname', 'Programme', 'Current post']),
    );
    expect(await commit(file)).toMatchObject({ updated: 1, leftOut: 0 });
  });
});

describe('reading the bytes', () => {
  it('decodes Windows-1252 (Excel’s “CSV (Comma delimited)”)', async () => {
    const text = [
      HEADER,
      row('Anne', 'Brontë', '7000001'),
      row('Deepa', 'García', '7000002'),
      row('Siobhan', 'O’Brien', '7000003'),
    ].join('\r\n');
    const bytes = Buffer.from(text, 'latin1');
    // Windows-1252 puts the curly apostrophe at 0x92, which latin1 cannot encode.
    const cp1252 = Buffer.from(bytes.map((b, i) => (text[i] === '’' ? 0x92 : b)));
    expect(cp1252.includes(0xeb)).toBe(true);
    expect(cp1252.includes(0x92)).toBe(true);

    const p = await preview(cp1252);
    expect(p.encoding).toBe('windows-1252');
    expect(p.rows.map((r) => r.name)).toEqual(['Anne Brontë', 'Deepa García', 'Siobhan O’Brien']);
    await commit(cp1252);
    expect((await byGmc('7000001'))!.familyName).toBe('Brontë');
    expect((await byGmc('7000003'))!.familyName).toBe('O’Brien');
  });

  it('reads UTF-8 with a few bytes that are not UTF-8 as UTF-8, naming the rows that hold them', async () => {
    const good = Buffer.from([HEADER, row('Zoë', 'Brontë', '7000001'), row('Ada', 'Okafor', '7000002')].join('\n'));
    // A stray Windows-1252 byte (0xE9, “é”) in Ada's post, as a hand-edited file may have.
    const at = good.indexOf('Riverside Surgery', good.indexOf('Okafor'));
    const bytes = Buffer.concat([good.subarray(0, at), Buffer.from([0xe9]), good.subarray(at), Buffer.from('\n')]);

    const p = await preview(bytes);
    expect(p.encoding).toBe('utf-8');
    expect(p.rows[0]).toMatchObject({ line: 2, status: 'create', name: 'Zoë Brontë' });
    expect(p.rows[1]).toMatchObject({ line: 3, status: 'error' });
    expect(p.rows[1]!.reasons).toEqual([
      'This row holds bytes that are not UTF-8 text (shown as “\uFFFD”) in “Current Post”: correct them in the spreadsheet and save it again as CSV UTF-8',
    ]);
    await commit(bytes);
    expect((await byGmc('7000001'))!.familyName).toBe('Brontë');
    expect(await byGmc('7000002')).toBeUndefined();
  });

  it('refuses NUL and other control characters in names, showing where they are', async () => {
    const p = await preview(
      [HEADER, row('Zo\u0000e', 'Smith', '7000001'), row('Ada', 'Oka\u0007for', '7000002')].join('\n'),
    );
    expect(p.rows.map((r) => r.status)).toEqual(['error', 'error']);
    expect(p.rows[0]!.reasons).toEqual([
      'First name cannot hold a control character (U+0000); remove it (“Zo\\u0000e”)',
    ]);
    expect(p.rows[1]!.reasons).toEqual([
      'Surname cannot hold a control character (U+0007); remove it (“Oka\\u0007for”)',
    ]);
    expect(await commit([HEADER, row('Zo\u0000e', 'Smith', '7000001')].join('\n'))).toMatchObject({ created: 0 });
    expect(await list()).toEqual([]);
  });

  it('echoes a huge cell shortened, never whole, and refuses a heading that is not one', async () => {
    const huge = 'x'.repeat(10_000_000);
    const p = await preview([HEADER, row('Ada', 'Okafor', 'y'.repeat(1_000_000), { post: huge })].join('\n'));
    expect(p.rows[0]!.status).toBe('error');
    expect(JSON.stringify(p).length).toBeLessThan(5_000);
    expect(p.rows[0]!.reasons.join('; ')).toContain('(10,000,000 characters)');

    const heading = await backend.dispatch(
      'traineeImport:preview',
      request(`${'H'.repeat(5_000)},Surname\nAda,Okafor\n`),
    );
    expect(heading).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringContaining('Column 1 of the header row is 5,000 characters long'),
      },
    });
    expect(JSON.stringify(heading).length).toBeLessThan(1_000);
  });

  it('reads UTF-8 without a BOM', async () => {
    const p = await preview([HEADER, row('Zoë', 'Brontë', '7000001')].join('\n'));
    expect(p.encoding).toBe('utf-8');
    expect(p.headers[0]).toBe('Forename');
    expect(p.rows[0]!.name).toBe('Zoë Brontë');
  });

  it('reads UTF-8 with a BOM without letting the BOM into the first header', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from([HEADER, row('Zoë', 'Brontë', '7000001')].join('\r\n')),
    ]);
    const p = await preview(bytes);
    expect(p.headers[0]).toBe('Forename');
    expect(p.mapping.givenName).toBe('Forename');
    expect(p.rows[0]).toMatchObject({ status: 'create', name: 'Zoë Brontë' });
  });

  it('reads UTF-16LE with a BOM (Excel’s “Unicode text”)', async () => {
    const text = [HEADER, row('Zoë', 'Brontë', '7000001')].join('\r\n');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const p = await preview(bytes);
    expect(p.encoding).toBe('utf-16le');
    expect(p.rows[0]).toMatchObject({ status: 'create', name: 'Zoë Brontë' });
  });

  it('decodeCsvBytes picks the encoding from the bytes', () => {
    expect(decodeCsvBytes(Buffer.from('a,b\n1,2', 'utf8'))).toEqual({ text: 'a,b\n1,2', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from([0x42, 0x72, 0x6f, 0x6e, 0x74, 0xeb]))).toEqual({
      text: 'Brontë',
      encoding: 'windows-1252',
    });
    expect(decodeCsvBytes(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ text: 'a', encoding: 'utf-8' });
  });

  it('maps Windows-1252’s 0x80-0x9F range to the WHATWG characters, not Latin-1 control codes', () => {
    // Some Node versions decode windows-1252 as Latin-1 (nodejs/node#56542); the import must not.
    const { text } = decodeCsvBytes(
      Buffer.from([0x80, 0x82, 0x85, 0x8a, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f, 0x81, 0xe9]),
    );
    expect(text).toBe('€‚…Š‘’“”–—™Ÿ\u0081é');
  });
});

describe('CSV shapes', () => {
  it('handles CRLF and LF line endings the same way', async () => {
    const lines = [HEADER, row('Ada', 'Okafor', '7000001'), row('Ben', 'Quinn', '7000002')];
    const crlf = await preview(lines.join('\r\n'));
    const lf = await preview(lines.join('\n'));
    expect(crlf.rows).toEqual(lf.rows);
    expect(crlf.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'create'],
      [3, 'create'],
    ]);
  });

  it('keeps commas and doubled quotes inside quoted cells', async () => {
    const text = [
      HEADER,
      'Ada,Okafor,7000001,GP - Riverside VTS,ST2,5/08/2025,25/02/2028,1,"Dr ""Sam"" Whitfield","Paediatrics, Riverside Hospital, Ward 3",',
    ].join('\r\n');
    await commit(text);
    expect(await byGmc('7000001')).toMatchObject({
      educationalSupervisor: 'Dr "Sam" Whitfield',
      currentPost: 'Paediatrics, Riverside Hospital, Ward 3',
    });
  });

  it('skips blank lines, including trailing ones, but still counts them for line numbers', async () => {
    const text = [
      HEADER,
      row('Ada', 'Okafor', '7000001'),
      '',
      '   ',
      row('Ben', 'Quinn', '123'),
      ',,,,,,,,,,',
      '',
      '',
    ].join('\r\n');
    const p = await preview(text);
    expect(p.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'create'],
      [5, 'error'],
    ]);
  });

  it('counts the lines inside a multi-line quoted cell', async () => {
    const text = [
      HEADER,
      row('Ada', 'Okafor', '7000001', { post: '"Riverside Surgery\r\nUpper floor"' }),
      row('Ben', 'Quinn', '123'),
    ].join('\r\n');
    const p = await preview(text);
    expect(p.rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'create'],
      [4, 'error'],
    ]);
  });

  it('reads semicolon-separated files', async () => {
    const text = [
      HEADER.replaceAll(',', ';'),
      'Ada;Okafor;7000001;GP - Riverside VTS;ST2;5/08/2025;25/02/2028;0.8;Dr Ruth Okonjo;Riverside Surgery, Ward 2;',
    ].join('\n');
    const p = await preview(text);
    expect(p.mapping.gmcNumber).toBe('GMC Number');
    expect(p.rows[0]).toMatchObject({ gmcNumber: '7000001', name: 'Ada Okafor', status: 'create' });
    await commit(text);
    expect(await byGmc('7000001')).toMatchObject({ wte: 0.8, currentPost: 'Riverside Surgery, Ward 2' });
  });

  it('treats a short row as blank cells and a long row as an error', async () => {
    const text = [
      HEADER,
      'Ada,Okafor,7000001,GP - Riverside VTS,ST2,5/08/2025',
      row('Ben', 'Quinn', '7000002') + ',surprise',
    ].join('\n');
    const p = await preview(text);
    expect(p.rows[0]!.status).toBe('error');
    expect(p.rows[0]!.reasons.join(' ')).toMatch(/whole-time equivalent/);
    expect(p.rows[1]!.status).toBe('error');
    expect(p.rows[1]!.reasons.join(' ')).toMatch(/has 12 values but the header has 11 columns/);
  });

  it('ignores spaces inside GMC numbers when matching', async () => {
    await call(
      backend,
      'trainees:create',
      traineeInput({ gmcNumber: '7000001', givenName: 'Ada', familyName: 'Okafor' }),
    );
    const p = await preview([HEADER, row('Ada', 'Okafor', '700 0001')].join('\n'));
    expect(p.rows[0]).toMatchObject({ gmcNumber: '7000001', status: 'update' });
  });

  it('reads a Status column by label or value', async () => {
    const header = `${HEADER},Status`;
    const text = [
      header,
      `${row('Ada', 'Okafor', '7000001')},Parental leave`,
      `${row('Ben', 'Quinn', '7000002')},out-of-programme`,
      `${row('Cy', 'Reyes', '7000003')},`,
      `${row('Di', 'Saleh', '7000004')},On holiday`,
    ].join('\n');
    const p = await preview(text);
    expect(p.rows.map((r) => r.status)).toEqual(['create', 'create', 'create', 'error']);
    expect(p.rows[3]!.reasons.join(' ')).toMatch(/Choose a status/);
    await commit(text);
    expect((await byGmc('7000001'))!.status).toBe('parental_leave');
    expect((await byGmc('7000002'))!.status).toBe('out_of_programme');
    expect((await byGmc('7000003'))!.status).toBe('in_programme');
  });

  it('splits a single Name column into first name and surname', async () => {
    const text = [
      'Name,GMC,Scheme,Grade,Start date,WTE',
      'Mary Jane   Okafor,7000001,GP - Riverside VTS,ST1,01/08/2025,1',
    ].join('\n');
    const p = await preview(text);
    expect(p.mapping.fullName).toBe('Name');
    expect(p.unmappedRequired).toEqual([]);
    await commit(text);
    expect(await byGmc('7000001')).toMatchObject({ givenName: 'Mary Jane', familyName: 'Okafor' });
  });

  it('uses a mapping the person chose for headers it could not guess', async () => {
    const text = [
      'First,Last,Reg,Scheme,Year,Began,Time',
      'Ada,Okafor,7000001,GP - Riverside VTS,ST1,01/08/2025,80%',
    ].join('\n');
    const guessed = await preview(text);
    expect(guessed.unmappedRequired).toEqual(
      expect.arrayContaining(['givenName', 'familyName', 'gmcNumber', 'grade', 'programmeStartDate', 'wte']),
    );

    const mapping: ImportMapping = {
      givenName: 'First',
      familyName: 'Last',
      gmcNumber: 'Reg',
      grade: 'Year',
      programmeStartDate: 'Began',
      wte: 'Time',
    };
    const p = await preview(text, { mapping });
    expect(p.unmappedRequired).toEqual([]);
    expect(p.counts.create).toBe(1);
    await commit(text, { mapping });
    expect(await byGmc('7000001')).toMatchObject({
      givenName: 'Ada',
      grade: 'ST1',
      programmeStartDate: '2025-08-01',
      wte: 0.8,
    });
  });
});

describe('refusing files and mappings', () => {
  async function expectRefused(result: Promise<unknown>, message: RegExp) {
    await expect(result).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(message) },
    });
  }

  it('refuses a file with an unterminated quote and writes nothing', async () => {
    const text = [
      HEADER,
      row('Ada', 'Okafor', '7000001'),
      'Ben,Quinn,7000002,"GP - Riverside VTS,ST2,5/08/2025,25/02/2028,1,Dr Ruth Okonjo,Riverside Surgery,',
    ].join('\n');
    await expectRefused(backend.dispatch('traineeImport:preview', request(text)), /quoted value .* never ends/);
    await expectRefused(backend.dispatch('traineeImport:commit', request(text)), /quoted value .* never ends/);
    expect(await list()).toEqual([]);
  });

  it('refuses a mapping that names a column the file does not have', async () => {
    const text = [HEADER, row('Ada', 'Okafor', '7000001')].join('\n');
    await expectRefused(
      backend.dispatch('traineeImport:preview', request(text, { mapping: { wte: 'LTFT %' } })),
      /“LTFT %” chosen for Whole-time equivalent is not in this file/,
    );
    await expectRefused(
      backend.dispatch('traineeImport:commit', request(text, { mapping: { wte: 'LTFT %' } })),
      /not in this file/,
    );
    expect(await list()).toEqual([]);
  });

  it('previews but refuses to commit while a required field has no column, writing nothing', async () => {
    const p = await call(backend, 'traineeImport:preview', {
      ...sampleRequest(),
      mapping: { wte: null },
    });
    expect(p.unmappedRequired).toEqual(['wte']);
    await expectRefused(
      backend.dispatch('traineeImport:commit', { ...sampleRequest(), mapping: { wte: null } }),
      /^Choose a column for: Whole-time equivalent\.$/,
    );
    expect(await list()).toEqual([]);
    expect(await backend.store.db.selectFrom('change_log').selectAll().execute()).toEqual([]);
  });

  it('refuses an empty file and a header that names a column twice', async () => {
    await expectRefused(backend.dispatch('traineeImport:preview', request('')), /empty/);
    await expectRefused(backend.dispatch('traineeImport:preview', request('\r\n\r\n')), /empty/);
    await expectRefused(backend.dispatch('traineeImport:preview', request('GMC,Surname,GMC\n1,2,3')), /“GMC” twice/);
  });

  it('accepts a file with only a header, creating nobody', async () => {
    const p = await preview(HEADER);
    expect(p.rows).toEqual([]);
    expect(await commit(HEADER)).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 0, leftOut: 0 });
  });

  it('refuses an oversized upload before decoding it', async () => {
    const result = await backend.dispatch('traineeImport:preview', {
      jobId: 'j',
      fileName: 'big.csv',
      contentBase64: 'A'.repeat(20_000_001),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { contentBase64: expect.stringMatching(/too large/) } },
    });
  });
});

describe('progress and atomicity', () => {
  it('emits progress events carrying the job id, ending with done = total', async () => {
    await call(backend, 'traineeImport:preview', sampleRequest('preview-42'));
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.every((e) => e.jobId === 'preview-42' && e.phase === 'Checking rows' && e.total === 60)).toBe(true);
    expect(events.at(-1)).toEqual({ jobId: 'preview-42', phase: 'Checking rows', done: 60, total: 60 });

    events.length = 0;
    await call(backend, 'traineeImport:commit', sampleRequest('commit-7'));
    expect(events.every((e) => e.jobId === 'commit-7')).toBe(true);
    expect(events.filter((e) => e.phase === 'Saving trainees').at(-1)).toEqual({
      jobId: 'commit-7',
      phase: 'Saving trainees',
      done: 55,
      total: 55,
    });
  });

  it('reports progress along the way for a large file, never going backwards', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => row('Test', `Person${i}`, String(6_000_000 + i)));
    await preview([HEADER, ...rows].join('\n'), { jobId: 'big' });
    const checking = events.filter((e) => e.phase === 'Checking rows');
    expect(checking.map((e) => e.done)).toEqual([0, 500, 1000, 1200]);
    expect(checking.every((e) => e.jobId === 'big' && e.total === 1200)).toBe(true);
  });

  it('writes nothing at all when a write fails part-way through the transaction', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // A trigger makes the 30th insert fail, after 29 rows have already been written inside the transaction.
    await sql`CREATE TEMP TRIGGER fail_midway BEFORE INSERT ON trainees WHEN NEW.gmc_number = '7470389' BEGIN SELECT RAISE(ABORT, 'disk said no'); END`.execute(
      backend.store.db,
    );

    const result = await backend.dispatch('traineeImport:commit', sampleRequest());
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('disk said no');
    expect(await list()).toEqual([]);
    expect(await backend.store.db.selectFrom('change_log').selectAll().execute()).toEqual([]);

    // Without the fault the same file goes in whole, so it was the fault that stopped it.
    await sql`DROP TRIGGER fail_midway`.execute(backend.store.db);
    expect(await call(backend, 'traineeImport:commit', sampleRequest())).toMatchObject({ created: 55 });
  });
});

describe('readCsv', () => {
  it('numbers records by the line they start on and trims cells', () => {
    const table = readCsv('A, B \n1, x \n\n"2\nmore",y\n3');
    expect(table.headers).toEqual(['A', 'B']);
    expect(table.records).toEqual([
      { line: 2, values: { A: '1', B: 'x' } },
      { line: 4, values: { A: '2\nmore', B: 'y' } },
      { line: 6, values: { A: '3', B: '' } },
    ]);
  });
});
