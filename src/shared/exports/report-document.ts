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

export interface ReportDocument {
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
