import Papa from 'papaparse';

/**
 * The one CSV writer of the app (main and renderer alike); `eslint-rules/one-csv-writer.mjs` keeps
 * every other module from writing CSV, and the export tests read each kind back byte by byte.
 */

/**
 * Text that Excel, LibreOffice or Google Sheets would read as a formula (CSV injection, OWASP): a
 * cell starting with = + - @, a tab or a carriage return, after any spaces, and the full-width
 * forms of those signs, which some locales' spreadsheets also take for formulas.
 */
export const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

/** A cell as the app hands it over: text, a number it computed, or nothing. */
export type CsvCell = string | number | null | undefined;

function cell(value: CsvCell): string | number {
  if (value === null || value === undefined) return '';
  // NaN or Infinity never reach a person's spreadsheet as words.
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  return value;
}

/**
 * A CSV file as text: a byte order mark so Excel on Windows reads accented names as UTF-8, CRLF
 * line ends, quotes where needed, and every text cell that would start a formula prefixed with an
 * apostrophe and quoted, so the spreadsheet shows it as text instead of evaluating it.
 *
 * Numbers stay numeric, negative ones too: they are values the app computed (a count, a score, a
 * difference in percentage points), and a JavaScript number prints only as digits, a sign, a point
 * and an exponent, which no spreadsheet evaluates as a formula. Text that merely looks like a
 * number ("-3" typed into a note) is text from a person, so it is escaped like any other text.
 */
export function toCsv(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  const body = Papa.unparse(
    { fields: [...headers], data: rows.map((row) => row.map(cell)) },
    { newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `\uFEFF${body}\r\n`;
}
