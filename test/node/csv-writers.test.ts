/**
 * Every CSV the app writes is safe to open in a spreadsheet: one writer (src/shared/csv.ts) neutralises
 * cells that Excel would evaluate, a lint rule keeps every other module from writing CSV, and each CSV
 * kind made in main is read back here byte by byte with hostile values in it. The renderer's CSVs (the
 * register, re-sit monitor and ARCP readiness) are read back in test/renderer/csv-exports.test.tsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RuleTester } from 'eslint';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import Papa from 'papaparse';
import tseslint from 'typescript-eslint';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM plugin without type declarations
import oneCsvWriter from '../../eslint-rules/one-csv-writer.mjs';
import { createArcpBatch, createArcpService, arcpSources } from '../../src/main/services/arcp';
import { EventBus } from '../../src/main/event-bus';
import { FORMULA_START, toCsv } from '../../src/shared/csv';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

/** The hostile values of issue 18: each would run as a formula in Excel if written as it is. */
const HOSTILE = {
  name: '=HYPERLINK("http://x","y")',
  programme: '@SUM(1,1)',
  supervisor: "+cmd|' /C calc'!A0",
  note: '\tnote that starts with a tab',
};

/** Every cell of a CSV file read back as a spreadsheet would get it (BOM dropped, quotes undone). */
function cellsOf(bytes: Buffer | string): string[][] {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true, delimiter: ',' });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** Cells a spreadsheet would evaluate; must be none. */
function formulaCells(cells: string[][]): string[] {
  return cells.flat().filter((c) => FORMULA_START.test(c));
}

/** The hostile values as they must come back: the same text behind one apostrophe, which Excel shows as text. */
function expectNeutralised(cells: string[][], values: string[]) {
  expect(formulaCells(cells)).toEqual([]);
  const flat = cells.flat();
  for (const value of values) expect(flat.some((c) => c === `'${value}` || c.startsWith(`'${value}`))).toBe(true);
}

describe('toCsv', () => {
  it('writes a BOM, CRLF lines, and every formula-like text cell behind an apostrophe, quoted', () => {
    const csv = toCsv(
      ['Name', 'Score', 'Note'],
      [
        ['=1+1', 3, '+44 7700 900123'],
        ['-2', -2, '@me'],
        ['\tTabbed', 0.5, '\rCarriage'],
        ['  =spaced', null, '＝full width'],
        ['Zoë Brontë', Number.NaN, 'plain, with a comma'],
      ],
    );
    expect(csv).toBe(
      '\uFEFFName,Score,Note\r\n' +
        `"'=1+1",3,"'+44 7700 900123"\r\n` +
        `"'-2",-2,"'@me"\r\n` +
        `"'\tTabbed",0.5,"'\rCarriage"\r\n` +
        `"'  =spaced",,"'＝full width"\r\n` +
        `Zoë Brontë,,"plain, with a comma"\r\n`,
    );
  });

  it('keeps numbers the app computed numeric, negative ones too', () => {
    // A JavaScript number prints as digits, sign, point and exponent only: never a formula.
    const cells = cellsOf(toCsv(['Gap'], [[-12.5], [-1e-7], [0]]));
    expect(cells.slice(1).map(([c]) => c)).toEqual(['-12.5', '-1e-7', '0']);
  });
});

RuleTester.describe = describe;
RuleTester.it = it;
const rule = (oneCsvWriter as { rules: Record<string, unknown> }).rules['one-writer'] as never;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, sourceType: 'module' } });
const at = (relative: string) => path.join(process.cwd(), relative);
const options = [{ writer: 'src/shared/csv.ts', readers: ['src/main/services/csv/read-csv.ts'] }];

describe('csv/one-writer', () => {
  tester.run('one-writer', rule, {
    valid: [
      { filename: at('src/shared/csv.ts'), code: "import Papa from 'papaparse'; Papa.unparse([]);", options },
      {
        filename: at('src/main/services/csv/read-csv.ts'),
        code: "import Papa from 'papaparse'; Papa.parse('');",
        options,
      },
      { filename: at('src/main/services/x/y.ts'), code: "import { toCsv } from '../../../shared/csv';", options },
    ],
    invalid: [
      {
        filename: at('src/main/services/export-log/export-log-service.ts'),
        code: "import Papa from 'papaparse';",
        options,
        errors: [{ messageId: 'library' }],
      },
      {
        filename: at('src/renderer/src/lib/download.ts'),
        code: "import { stringify } from 'csv-stringify/sync';",
        options,
        errors: [{ messageId: 'library' }],
      },
      {
        filename: at('src/main/services/csv/read-csv.ts'),
        code: "import Papa from 'papaparse'; Papa.unparse([]);",
        options,
        errors: [{ messageId: 'unparse' }],
      },
      {
        filename: at('src/main/services/x/y.ts'),
        code: "const Papa = require('papaparse');",
        options,
        errors: [{ messageId: 'library' }],
      },
    ],
  });
});

/** Source files under src that name a CSV file or its media type. */
function csvMentions(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name)) {
        const text = fs.readFileSync(full, 'utf8');
        if (/['"`][^'"`\n]*\.csv['"`]|text\/csv|MIME\.csv/.test(text))
          found.push(path.relative(process.cwd(), full).split(path.sep).join('/'));
      }
    }
  };
  walk(path.join(process.cwd(), 'src'));
  return found.sort();
}

describe('every module that names a CSV file writes it with toCsv', () => {
  // These only read CSV (a file input's accepted types) or define the media type.
  const NOT_WRITERS: Record<string, string> = {
    'src/shared/exports/report-document.ts': 'defines MIME.csv',
    'src/renderer/src/features/trainees/ImportTraineesDialog.tsx': 'accepts a CSV to import',
    'src/renderer/src/features/exams/ImportResultsDialog.tsx': 'accepts a CSV to import',
  };

  it('finds no CSV made by hand', () => {
    const writers = csvMentions().filter((file) => !(file in NOT_WRITERS));
    expect(writers.length).toBeGreaterThanOrEqual(7);
    for (const file of writers) {
      const text = fs.readFileSync(file, 'utf8');
      expect({ file, usesToCsv: /import \{[^}]*\btoCsv\b[^}]*\} from '[./]+\/shared\/csv'/.test(text) }).toEqual({
        file,
        usesToCsv: true,
      });
    }
  });
});

describe('every CSV made in main, with hostile values in it', () => {
  let backend: TempBackend;
  let traineeId: string;
  const NOW = new Date('2026-06-15T10:00:00Z');

  beforeEach(async () => {
    backend = await createTempBackend({ now: () => NOW });
    const trainee = await call(backend, 'trainees:create', {
      givenName: HOSTILE.name,
      familyName: HOSTILE.name,
      gmcNumber: '7012345',
      programme: HOSTILE.programme,
      grade: 'ST2',
      programmeStartDate: '07/08/2024',
      wte: '1',
      educationalSupervisor: HOSTILE.supervisor,
    });
    traineeId = trainee.id;
    const meeting = await call(backend, 'meetings:create', {
      traineeId,
      heldOn: '01/06/2026',
      mode: 'video',
      meetingType: 'pastoral',
      sharedSummary: 'Talked about the rota.',
      privateNotes: 'Tired.',
      goalIds: [],
      actions: [],
    });
    // Forms trim what is typed, so a note that starts with a tab can only be an older row: write one as such.
    await sql`UPDATE meetings SET private_notes = ${HOSTILE.note} WHERE id = ${meeting.id}`.execute(backend.store.db);
  });
  afterEach(() => backend.close());

  it('the export log CSV', async () => {
    await call(backend, 'plp:exportPdf', { traineeId });
    const file = await call(backend, 'exportLog:csv');
    const cells = cellsOf(Buffer.from(file.base64, 'base64'));
    // The Trainees column names the trainee as the register does.
    expect(formulaCells(cells)).toEqual([]);
    expect(cells.flat().some((c) => c.startsWith(`'${HOSTILE.name}`))).toBe(true);
  });

  it('every CSV in the subject access ZIP', async () => {
    const file = await call(backend, 'subjectAccess:zip', { traineeId });
    const files = unzipSync(Buffer.from(file.base64, 'base64'));
    const csvs = Object.keys(files).filter((name) => name.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(3);
    const all = csvs.flatMap((name) => cellsOf(Buffer.from(files[name]!)));
    expectNeutralised(all, [HOSTILE.name, HOSTILE.programme, HOSTILE.supervisor, HOSTILE.note]);
  });

  it('the ARCP batch index', async () => {
    await call(backend, 'arcp:create', {
      traineeId,
      fields: {
        reviewFrom: '2025-09-01',
        reviewTo: '2026-08-31',
        panelDate: '20/06/2026',
        grade: 'ST2',
        wte: '1',
        posts: 2,
        esrInterimDate: null,
        esrFullDate: null,
        outcome: null,
        reasonCodes: [],
        reasonDetail: null,
        evidenceDueDate: null,
        educatorSummary: 'Steady progress.',
        templateId: null,
      },
    });
    const panel = await call(backend, 'arcp:createPanel', {
      name: '-Summer panel',
      panelDate: '20/06/2026',
      traineeIds: [traineeId],
    });
    const batch = createArcpBatch(
      createArcpService(backend.store.db, () => NOW, arcpSources()),
      new EventBus(),
    );
    const outcome = await batch.run({ panelId: panel.id, folder: tempDir('tpd-csv-batch-'), jobId: 'csv-batch' });
    const cells = cellsOf(fs.readFileSync(path.join(outcome.folder, outcome.indexFile!)));
    expectNeutralised(cells, [HOSTILE.name]);
    // The gap count is a number the app counted: written as a number.
    expect(cells[1]![5]).toMatch(/^\d+$/);
  });

  it('the return CSV', async () => {
    const { definitions } = await call(backend, 'exams:setup');
    const akt = definitions.find((d) => d.code === 'AKT')!;
    await call(backend, 'exams:saveAttempt', {
      traineeId,
      fields: { examId: akt.id, sittingDate: '02/04/2026', result: 'fail', score: 100 },
    });
    for (const kind of ['publication', 'da-lead'] as const) {
      const made = await call(backend, 'insights:exportReturn', { kind });
      const cells = cellsOf(Buffer.from(made.csv.base64, 'base64'));
      expect(formulaCells(cells)).toEqual([]);
      const programme = cells[0]!.indexOf('programme');
      expect(cells.slice(1).every((row) => row[programme] === `'${HOSTILE.programme}`)).toBe(true);
    }
  });
});
