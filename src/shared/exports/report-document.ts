/**
 * One document model for every export (PLP, post-fail record, ARCP pack). Services build it from
 * shared content only; renderers in src/main/exports turn it into PDF, Word or paste-ready text.
 * There is no field for private notes here, by design: what is not in the model cannot leak.
 */
export type ReportBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'fields'; rows: Array<[label: string, value: string]> }
  | { kind: 'bullets'; items: string[] }
  | {
      kind: 'table';
      columns: string[];
      rows: string[][];
      /** Rows to stand out (gaps, fails): bold and marked in text, not by colour alone. */
      emphasisedRows?: number[];
      /** Relative column widths; equal when omitted. */
      widths?: number[];
    }
  | { kind: 'note'; text: string };

export interface ReportSection {
  heading: string;
  blocks: ReportBlock[];
}

/**
 * What a document is, named without naming anyone: the only words of it that go into the file's own
 * metadata (PDF title, Word title), which file browsers, mail previews and search indexes show.
 */
export const REPORT_KINDS = {
  'learning-plan': 'Personalised learning plan',
  'post-fail': 'Post-fail conversation',
  readiness: 'Readiness-to-sit discussion',
  'arcp-pack': 'ARCP evidence pack',
  'subject-access': 'Subject access response',
  'recovery-sheet': 'TPD Companion recovery key',
} as const;
export type ReportKind = keyof typeof REPORT_KINDS;

export interface ReportDocument {
  kind: ReportKind;
  /** On the cover; may name the trainee. Never in the file's metadata: see REPORT_KINDS. */
  title: string;
  subtitle?: string;
  /** Shown on the cover: trainee, GMC number, dates… */
  cover: Array<[label: string, value: string]>;
  sections: ReportSection[];
  /** Printed on every page. */
  footer: string;
  /** A contents list on the cover, with page numbers. */
  contents?: boolean;
}

/** A section as paste-ready text, for a copy button per section. */
export interface TextSection {
  heading: string;
  text: string;
}

/** A generated file handed to the renderer to save (a download; Electron asks where). */
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv;charset=utf-8',
  ics: 'text/calendar;charset=utf-8',
} as const;
