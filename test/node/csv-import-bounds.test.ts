/**
 * A CSV import's file does not decide how much work the check does: more rows or columns than any real
 * list is refused before a single record is made, and a column named like a JavaScript object key is
 * refused by name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCsv } from '../../src/main/services/csv/read-csv';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../src/shared/schema-helpers';
import { settledMemory } from '../support/memory';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

const HEADER = 'Forename,Surname,GMC Number,Programme,Grade,Programme start date,WTE';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const rowsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => `A,B,${String(5000000 + i)},GP,ST1,07/08/2024,1`).join('\n');

describe('readCsv bounds', () => {
  it('reads exactly the most rows allowed, with or without a final line end and blank lines', () => {
    const body = rowsOf(MAX_IMPORT_ROWS);
    expect(readCsv(`${HEADER}\n${body}`).records).toHaveLength(MAX_IMPORT_ROWS);
    expect(readCsv(`${HEADER}\r\n${body.replaceAll('\n', '\r\n')}\r\n\r\n`).records).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('refuses one row more, and more columns than an import takes', () => {
    expect(() => readCsv(`${HEADER}\n${rowsOf(MAX_IMPORT_ROWS + 1)}\n`)).toThrow(
      'The file has more than 100,000 rows; import it in parts of at most that many.',
    );
    const wide = Array.from({ length: MAX_IMPORT_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    expect(() => readCsv(`${wide}\n${'x,'.repeat(MAX_IMPORT_COLUMNS)}x`)).toThrow(
      /^The header row has 201 columns; an import takes at most 200\./,
    );
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a column called %s by name', (name) => {
    expect(() => readCsv(`Forename,${name}\nAna,x`)).toThrow(
      `The header row has a column called “${name}”, a name that cannot be used; rename it and try again.`,
    );
  });
});

describe('the import channels', () => {
  let backend: TempBackend;
  beforeEach(async () => {
    backend = await createTempBackend();
  });
  afterEach(() => backend.close());

  it('refuse a file of 7,500,000 one-letter rows before checking any, and hold nothing afterwards', async () => {
    // 15 MB, under the upload limit: once every line became a record and a row of the preview.
    const content = base64(`${HEADER}\n${'x\n'.repeat(7_000_000)}`);
    const before = settledMemory();
    for (const channel of ['traineeImport:preview', 'examImport:preview'] as const) {
      const result = await backend.dispatch(channel, { jobId: 'big', fileName: 'big.csv', contentBase64: content });
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'invalid_input',
          message: 'The file has more than 100,000 rows; import it in parts of at most that many.',
        },
      });
    }
    const after = settledMemory();
    expect(after.heapUsed - before.heapUsed).toBeLessThan(50 * 1024 * 1024);
    expect((await call(backend, 'trainees:list', {})).length).toBe(0);
  });
});
