import { labelledEnum, type EnumValue } from '../labelled-enum';

/** Every way data leaves the app. A new way out gets a kind here, then a `recordExport` where it is made. */
export const EXPORT_KINDS = labelledEnum(
  [
    'pdf',
    'docx',
    'csv',
    'copy',
    'email',
    'print',
    'ics',
    'arcp_pack',
    'arcp_batch',
    'backup',
    'insights_return',
    'subject_access',
    'handover',
  ],
  {
    pdf: 'PDF',
    docx: 'Word document',
    csv: 'CSV',
    copy: 'Paste-ready copy',
    email: 'Email draft',
    print: 'Print',
    ics: 'Calendar file (.ics)',
    arcp_pack: 'ARCP pack',
    arcp_batch: 'ARCP batch',
    backup: 'Backup',
    insights_return: '“What works” return',
    subject_access: 'Subject access',
    handover: 'Handover',
  },
);
export type ExportKind = EnumValue<typeof EXPORT_KINDS>;

/**
 * What the renderer may record itself: the exports it makes without main (table CSVs, clipboard
 * copies, a mail draft, a printed page). Files main produces are recorded in main, so a caller cannot claim a backup.
 */
export const RENDERER_EXPORT_KINDS = ['csv', 'copy', 'email', 'print'] as const satisfies readonly ExportKind[];

/** Shown in place of a trainee whose record has been erased. */
export const ERASED_TRAINEE = 'an erased trainee';
/** Shown where an export's destination is not known (a browser download, the clipboard). */
export const UNKNOWN_DESTINATION = 'Downloads / not known';

export interface ExportLogTrainee {
  /** null once the trainee has been erased. */
  traineeId: string | null;
  /** Read from the register when the log is shown; ERASED_TRAINEE once erased. */
  name: string;
}

export interface ExportLogEntry {
  id: string;
  /** ISO instant. */
  at: string;
  kind: ExportKind;
  description: string;
  destination: string | null;
  trainees: ExportLogTrainee[];
}

/** What a producer records: never the content, only what kind, about whom, and where it went. */
export interface ExportRecord {
  kind: ExportKind;
  traineeIds: readonly string[];
  description: string;
  destination?: string | null;
}

/**
 * "Ana Silva, Ben Okafor", "an erased trainee", "2 erased trainees", or "—" for none. With `max`,
 * names after the first `max` are counted ("Ana Silva, Ben Okafor and 998 more"), for a table cell.
 */
export function describeTrainees(trainees: readonly ExportLogTrainee[], max = Infinity): string {
  if (trainees.length === 0) return '—';
  const named = trainees.filter((t) => t.traineeId !== null).map((t) => t.name);
  const erased = trainees.length - named.length;
  const parts = named.slice(0, max);
  if (erased === 1) parts.push(ERASED_TRAINEE);
  if (erased > 1) parts.push(`${erased} erased trainees`);
  const more = named.length - Math.min(named.length, max);
  return more > 0 ? `${parts.join(', ')} and ${more} more` : parts.join(', ');
}
