import Papa from 'papaparse';
import { PROTOTYPE_KEYS } from '../../../shared/prototype-keys';
import { AppError } from '../../../shared/result';
import { shortenForEcho } from '../../../shared/text';
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
 * How many well-formed multi-byte UTF-8 sequences the bytes hold, and how many bytes belong to none.
 * Windows-1252 text almost never forms a valid sequence ("Zoë" is 5A 6F EB: EB must be followed by
 * two continuation bytes), so valid sequences are the mark of a UTF-8 file, damaged or not.
 */
function utf8Tally(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    // The second byte's narrower ranges rule out overlong forms, surrogates and code points past U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) {
      const c = bytes[i + k]!;
      ok = k === 1 ? c >= low && c <= high : c >= 0x80 && c <= 0xbf;
    }
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  /** UTF-8 with a few bytes that are not: each shows as U+FFFD, and the rows holding one are named. */
  damaged?: boolean;
}

/** What a byte that is not UTF-8 becomes in a file read as UTF-8 anyway. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * Reads a spreadsheet export's bytes as text. UTF-8 with or without a BOM, UTF-16 with a BOM,
 * UTF-8 with a few damaged bytes (more valid UTF-8 than bytes that are not: one bad byte must not
 * turn "Zoë Brontë" into "ZoÃ« BrontÃ«"), and otherwise Windows-1252, which is what Excel's
 * "CSV (Comma delimited)" writes on UK PCs.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const text = new TextDecoder('utf-8').decode(body);
    return text.includes(REPLACEMENT_CHARACTER) && utf8Tally(body).invalid > 0
      ? { text, encoding: 'utf-8', damaged: true }
      : { text, encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const { valid, invalid } = utf8Tally(bytes);
    if (valid > 0 && invalid <= valid)
      return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', damaged: true };
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

/** The longest column heading a file may have: headings are matched and sent back, never a whole cell's worth. */
export const MAX_HEADER_LENGTH = 200;

/**
 * Parses CSV text with a header row. Blank lines are skipped but still counted for line numbers.
 * With `damaged` (UTF-8 with bytes that are not), a row holding one is named as a problem.
 * A file with more than MAX_IMPORT_ROWS rows (blank ones too) or MAX_IMPORT_COLUMNS columns is refused
 * before any record is made, so the file does not decide how much work and memory the check takes.
 */
export function readCsv(text: string, options: { damaged?: boolean } = {}): CsvTable {
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
  const tooLong = headers.findIndex((h) => h.length > MAX_HEADER_LENGTH);
  if (tooLong >= 0)
    throw new AppError(
      'invalid_input',
      `Column ${tooLong + 1} of the header row is ${headers[tooLong]!.length.toLocaleString('en-GB')} characters long (“${shortenForEcho(headers[tooLong]!, 40)}”); a heading has at most ${MAX_HEADER_LENGTH}. Is the first row the headings?`,
    );
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
    const unreadable = options.damaged
      ? headers.filter((h, i) => h !== '' && (row[i] ?? '').includes(REPLACEMENT_CHARACTER))
      : [];
    const problem = extra
      ? `has ${row.length} values but the header has ${headers.length} columns (is there an unquoted comma?)`
      : unreadable.length > 0
        ? `holds bytes that are not UTF-8 text (shown as “${REPLACEMENT_CHARACTER}”) in ${unreadable.map((h) => `“${shortenForEcho(h, 40)}”`).join(', ')}: correct them in the spreadsheet and save it again as CSV UTF-8`
        : null;
    records.push(problem ? { line: start, values, problem } : { line: start, values });
  }
  return { headers: headers.filter((h) => h !== ''), records };
}
