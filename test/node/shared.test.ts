import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dateSchema,
  formatLongDate,
  formatUkDate,
  isRealIsoDate,
  optionalDateSchema,
  parseUkDate,
} from '../../src/shared/dates';
import { autoMapHeaders, IMPORT_TARGETS, normaliseHeader } from '../../src/shared/trainees/import-mapping';
import {
  GMC_NUMBER_MESSAGE,
  gmcNumberSchema,
  gradeSchema,
  parseWte,
  traineeFieldsSchema,
  wteSchema,
} from '../../src/shared/trainees/trainee-schema';
import { FIXTURES_DIR } from '../support/temp-backend';

/** A complete, valid set of trainee fields as a form or an import would send them. */
const VALID = {
  givenName: 'Ada',
  familyName: 'Okafor',
  gmcNumber: '7012345',
  programme: 'GP - Northtown VTS',
  grade: 'ST2',
  programmeStartDate: '07/08/2024',
  wte: '1',
};

function firstIssue(input: unknown, field: string): string | undefined {
  const parsed = traineeFieldsSchema.safeParse(input);
  if (parsed.success) return undefined;
  return parsed.error.issues.find((i) => i.path[0] === field)?.message;
}

describe('parseUkDate', () => {
  it.each([
    ['7/08/2024', '2024-08-07'],
    ['07/08/2024', '2024-08-07'],
    ['7.8.2024', '2024-08-07'],
    ['7-8-2024', '2024-08-07'],
    ['  07/08/2024 ', '2024-08-07'],
    ['2024-08-07', '2024-08-07'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/2025', '2025-12-31'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseUkDate(text)).toBe(iso);
  });

  it.each([
    '31/02/2025',
    '29/02/2023',
    '30/02/2024',
    '31/04/2025',
    '00/01/2025',
    '01/13/2025',
    '2025-02-31',
    '2023-02-29',
    '',
    'soon',
    '7/8/24',
    '08/07/2024x',
    '2024/08/07',
  ])('refuses %j', (text) => {
    expect(parseUkDate(text)).toBeNull();
  });

  it('reads day before month, never the US order', () => {
    expect(parseUkDate('02/03/2025')).toBe('2025-03-02');
  });
});

describe('isRealIsoDate', () => {
  it('accepts only calendar dates in yyyy-MM-dd form', () => {
    expect(isRealIsoDate('2024-02-29')).toBe(true);
    expect(isRealIsoDate('2023-02-29')).toBe(false);
    expect(isRealIsoDate('2024-2-9')).toBe(false);
    expect(isRealIsoDate('2024-08-07T00:00:00Z')).toBe(false);
  });
});

describe('formatUkDate and formatLongDate', () => {
  it('formats ISO dates the UK way', () => {
    expect(formatUkDate('2024-08-07')).toBe('07/08/2024');
    expect(formatUkDate('2024-08-07T23:30:00.000Z')).toBe('07/08/2024');
    expect(formatLongDate('2024-08-07')).toBe('7 Aug 2024');
  });

  it('gives blank for nothing and leaves text that is not a date alone', () => {
    expect(formatUkDate(null)).toBe('');
    expect(formatUkDate(undefined)).toBe('');
    expect(formatUkDate('')).toBe('');
    expect(formatUkDate('2025-02-31')).toBe('2025-02-31');
  });

  it('round-trips with parseUkDate', () => {
    for (const iso of ['2024-02-29', '2025-01-01', '2030-12-31']) expect(parseUkDate(formatUkDate(iso))).toBe(iso);
  });
});

describe('date schemas', () => {
  it('say what is missing and what is impossible', () => {
    const required = dateSchema('programme start date');
    expect(required.safeParse('').error?.issues[0]?.message).toBe('Enter the programme start date');
    expect(required.safeParse('31/02/2025').error?.issues[0]?.message).toMatch(/not a real date/);
    expect(required.parse('1/2/2025')).toBe('2025-02-01');
  });

  it('turn a blank optional date into null', () => {
    const optional = optionalDateSchema('expected CCT date');
    expect(optional.parse('')).toBeNull();
    expect(optional.parse(null)).toBeNull();
    expect(optional.parse(undefined)).toBeNull();
    expect(optional.parse('02/02/2027')).toBe('2027-02-02');
    expect(optional.safeParse('29/02/2027').success).toBe(false);
  });
});

describe('parseWte and the WTE schema', () => {
  it.each([
    ['80%', 0.8],
    ['80 %', 0.8],
    ['100%', 1],
    ['60%', 0.6],
    ['0.8', 0.8],
    ['.8', 0.8],
    ['1', 1],
    ['1.0', 1],
    [' 0.6 ', 0.6],
  ])('reads %j as %d', (text, value) => {
    expect(parseWte(text)).toBeCloseTo(value, 10);
    expect(wteSchema.parse(text)).toBeCloseTo(value, 10);
  });

  it('stores 80% as exactly 0.8, without floating-point residue', () => {
    expect(parseWte('80%')).toBe(0.8);
    expect(parseWte('70%')).toBe(0.7);
  });

  it('treats blank as missing and junk as not a number', () => {
    expect(parseWte('')).toBeUndefined();
    expect(parseWte('   ')).toBeUndefined();
    expect(Number.isNaN(parseWte('full time'))).toBe(true);
    expect(Number.isNaN(parseWte('0,8'))).toBe(true);
    expect(parseWte(0.6)).toBe(0.6);
  });

  it.each(['1.4', '140%', '0.1', '10%', '0', '-0.5', 'abc'])(
    'refuses %j as out of range with a helpful message',
    (text) => {
      const result = wteSchema.safeParse(text);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/between 0\.2 and 1\.0/);
    },
  );

  it('asks for a value when the cell is blank', () => {
    expect(wteSchema.safeParse('').error?.issues[0]?.message).toBe('Enter the whole-time equivalent');
  });

  it('accepts the bounds', () => {
    expect(wteSchema.parse('20%')).toBe(0.2);
    expect(wteSchema.parse('1')).toBe(1);
  });
});

describe('GMC number and grade', () => {
  it('accepts exactly seven digits, ignoring spaces, and numbers', () => {
    expect(gmcNumberSchema.parse('7012345')).toBe('7012345');
    expect(gmcNumberSchema.parse(' 701 2345 ')).toBe('7012345');
    expect(gmcNumberSchema.parse(7012345)).toBe('7012345');
  });

  it.each(['123', '12345678', '70123a5', ''])('refuses %j', (text) => {
    expect(gmcNumberSchema.safeParse(text).success).toBe(false);
  });

  it('explains a short number', () => {
    expect(gmcNumberSchema.safeParse('12345').error?.issues[0]?.message).toBe(GMC_NUMBER_MESSAGE);
  });

  it('normalises grade case and refuses unknown grades', () => {
    expect(gradeSchema.parse(' st2 ')).toBe('ST2');
    expect(gradeSchema.safeParse('ST9').success).toBe(false);
  });
});

describe('traineeFieldsSchema', () => {
  it('normalises a form-typed trainee', () => {
    const t = traineeFieldsSchema.parse({
      ...VALID,
      givenName: '  Nadia ',
      familyName: '  Addo ',
      grade: 'st1',
      wte: '80%',
      email: '  ',
      expectedCctDate: '',
      tags: 'LTFT; mentor assigned, LTFT',
    });
    expect(t).toMatchObject({
      givenName: 'Nadia',
      familyName: 'Addo',
      grade: 'ST1',
      wte: 0.8,
      email: null,
      expectedCctDate: null,
      programmeStartDate: '2024-08-07',
      status: 'in_programme',
      tags: ['LTFT', 'mentor assigned'],
      preferredName: null,
      pronouns: null,
      educationalSupervisor: null,
      currentPost: null,
    });
  });

  it('collapses inner runs of spaces in names', () => {
    expect(traineeFieldsSchema.parse({ ...VALID, givenName: 'Mary   Jane' }).givenName).toBe('Mary Jane');
  });

  it('refuses an expected CCT date on or before the start date', () => {
    expect(firstIssue({ ...VALID, expectedCctDate: '01/08/2024' }, 'expectedCctDate')).toMatch(
      /after the programme start date/,
    );
    expect(firstIssue({ ...VALID, expectedCctDate: '07/08/2024' }, 'expectedCctDate')).toMatch(
      /after the programme start date/,
    );
    expect(traineeFieldsSchema.safeParse({ ...VALID, expectedCctDate: '08/08/2027' }).success).toBe(true);
  });

  it('gives the impossible date its own message rather than a CCT comparison', () => {
    const parsed = traineeFieldsSchema.safeParse({
      ...VALID,
      programmeStartDate: '31/02/2025',
      expectedCctDate: '01/01/2020',
    });
    expect(parsed.success).toBe(false);
    const fields = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(fields).toContain('programmeStartDate');
    expect(fields).not.toContain('expectedCctDate');
  });

  it('names every missing required field', () => {
    const parsed = traineeFieldsSchema.safeParse({});
    expect(parsed.success).toBe(false);
    const fields = new Set(parsed.error!.issues.map((i) => String(i.path[0])));
    for (const f of ['givenName', 'familyName', 'gmcNumber', 'programme', 'grade', 'programmeStartDate', 'wte'])
      expect(fields).toContain(f);
  });

  it('refuses a malformed email and an unknown status', () => {
    expect(firstIssue({ ...VALID, email: 'not-an-email' }, 'email')).toMatch(/valid email/);
    expect(firstIssue({ ...VALID, status: 'on_holiday' }, 'status')).toBe('Choose a status');
  });
});

describe('autoMapHeaders', () => {
  const sampleHeaders = fs
    .readFileSync(path.join(FIXTURES_DIR, 'trainees-scheme-export.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)[0]!
    .split(',');

  it('maps every required field of the sample scheme export', () => {
    const mapping = autoMapHeaders(sampleHeaders);
    for (const target of IMPORT_TARGETS.filter((t) => t.required)) {
      expect(mapping[target.field], target.field).toBeTruthy();
    }
    expect(mapping).toMatchObject({
      givenName: 'Forename',
      familyName: 'Surname',
      gmcNumber: 'GMC Number',
      programme: 'Programme',
      grade: 'Training Grade',
      programmeStartDate: 'Programme Start Date',
      expectedCctDate: 'Expected CCT Date',
      wte: 'WTE',
      educationalSupervisor: 'Educational Supervisor',
      currentPost: 'Current Post',
      email: 'Email',
      fullName: null,
      status: null,
      tags: null,
    });
  });

  it('ignores case, spaces and punctuation', () => {
    expect(normaliseHeader('  GMC No. ')).toBe('gmc no');
    expect(normaliseHeader('e-mail')).toBe('e mail');
    const mapping = autoMapHeaders(['FIRST_NAME', 'last-name', 'GMC No.', 'e-mail', 'Start Date', 'FTE']);
    expect(mapping).toMatchObject({
      givenName: 'FIRST_NAME',
      familyName: 'last-name',
      gmcNumber: 'GMC No.',
      email: 'e-mail',
      programmeStartDate: 'Start Date',
      wte: 'FTE',
    });
  });

  it('uses a single Name column only when there are no separate name columns', () => {
    expect(autoMapHeaders(['Name', 'GMC']).fullName).toBe('Name');
    expect(autoMapHeaders(['Name', 'Forename', 'Surname']).fullName).toBeNull();
  });

  it('uses each header at most once and leaves unknown headers unmapped', () => {
    const mapping = autoMapHeaders(['Programme Start Date', 'Shoe size']);
    const used = Object.values(mapping).filter(Boolean);
    expect(used).toEqual(['Programme Start Date']);
    expect(new Set(used).size).toBe(used.length);
  });
});
