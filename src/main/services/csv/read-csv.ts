import Papa from 'papaparse';
import { PROTOTYPE_KEYS } from '../../../shared/prototype-keys';
import { AppError } from '../../../shared/result';
import { MAX_IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../../shared/schema-helpers';

export type CsvEncoding = 'utf-8' | 'windows-1252' | 'utf-16le';

/** Windows-1252 bytes 0x80-0x9F (WHATWG index), where it differs from Latin-1. */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node's `TextDecoder('windows-1252')` decodes as Latin-1 since 20.18.3 / 22.13
 * (nodejs/node#56542), turning Excel's ’ – € into control characters; map them back.
 * Correct decoders are unaffected: they never yield the remapped code points.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

/**
 * Reads a spreadsheet export's bytes as text. UTF-8 with or without a BOM, UTF-16 with a BOM,
 * and otherwise Windows-1252, which is what Excel's "CSV (Comma delimited)" writes on UK PCs.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

export interface CsvRecord {
  /** Line where the record starts; the header is line 1. */
  line: number;
  /** Header → cell text (trimmed). Cells missing at the end of a short row are blank. */
  values: Record<string, string>;
  /** Set when the row cannot be read as a record at all. */
  problem?: string;
}

export interface CsvTable {
  headers: string[];
  records: CsvRecord[];
}

function countNewlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (let i = 0; i < cell.length; i++) if (cell.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Parses CSV text with a header row. Blank lines are skipped but still counted for line numbers.
 * A file with more than MAX_IMPORT_ROWS rows (blank ones too) or MAX_IMPORT_COLUMNS columns is refused
 * before any record is made, so the file does not decide how much work and memory the check takes.
 */
export function readCsv(text: string): CsvTable {
  // The header and the most records allowed; Papa says when it stopped before the end (line ends at the
  // very end are dropped first, or it would count the empty line after them as one more).
  const parsed = Papa.parse<string[]>(text.replace(/[\r\n]+$/, ''), {
    skipEmptyLines: false,
    delimitersToGuess: [',', ';', '\t'],
    preview: MAX_IMPORT_ROWS + 1,
  });
  if (parsed.meta.truncated)
    throw new AppError(
      'invalid_input',
      `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en-GB')} rows; import it in parts of at most that many.`,
    );
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    throw new AppError(
      'invalid_input',
      `The file is not valid CSV: a quoted value that starts in record ${(quoteError.row ?? 0) + 1} never ends. Check for a stray quote mark and try again.`,
    );
  }
  const rows = parsed.data;
  const headerRow = rows[0];
  if (!headerRow || headerRow.every((h) => h.trim() === '')) {
    throw new AppError('invalid_input', 'The file is empty: there is no header row to read.');
  }
  if (headerRow.length > MAX_IMPORT_COLUMNS)
    throw new AppError(
      'invalid_input',
      `The header row has ${headerRow.length.toLocaleString('en-GB')} columns; an import takes at most ${MAX_IMPORT_COLUMNS}. Check the file is the right one, or remove the columns you do not need.`,
    );
  const headers = headerRow.map((h) => h.trim());
  const reserved = headers.find((h) => PROTOTYPE_KEYS.has(h));
  if (reserved)
    throw new AppError(
      'invalid_input',
      `The header row has a column called “${reserved}”, a name that cannot be used; rename it and try again.`,
    );
  const duplicate = headers.find((h, i) => h !== '' && headers.indexOf(h) !== i);
  if (duplicate)
    throw new AppError(
      'invalid_input',
      `The header row names the column “${duplicate}” twice; rename one and try again.`,
    );

  const records: CsvRecord[] = [];
  let line = 1 + countNewlines(headerRow) + 1;
  for (const row of rows.slice(1)) {
    const start = line;
    line += countNewlines(row) + 1;
    if (row.every((cell) => cell.trim() === '')) continue;
    const values: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h !== '') values[h] = (row[i] ?? '').trim();
    });
    const extra = row.slice(headers.length).some((cell) => cell.trim() !== '');
    records.push(
      extra
        ? {
            line: start,
            values,
            problem: `has ${row.length} values but the header has ${headers.length} columns (is there an unquoted comma?)`,
          }
        : { line: start, values },
    );
  }
  return { headers: headers.filter((h) => h !== ''), records };
}
