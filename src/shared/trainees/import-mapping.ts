import type { TraineeFieldChange } from './trainee-changes';

/**
 * Columns a scheme's spreadsheet may have, and the register field each one feeds. Header
 * matching ignores case, spaces and punctuation, so "GMC No." and "gmc_number" both match.
 */
export const IMPORT_TARGETS = [
  {
    field: 'givenName',
    label: 'First name',
    required: true,
    synonyms: ['forename', 'first name', 'given name', 'firstname', 'forenames'],
  },
  {
    field: 'familyName',
    label: 'Surname',
    required: true,
    synonyms: ['surname', 'last name', 'family name', 'lastname'],
  },
  {
    field: 'fullName',
    label: 'Full name (split into first name and surname)',
    required: false,
    synonyms: ['name', 'full name', 'trainee name', 'trainee'],
  },
  { field: 'preferredName', label: 'Preferred name', required: false, synonyms: ['preferred name', 'known as'] },
  { field: 'pronouns', label: 'Pronouns', required: false, synonyms: ['pronouns'] },
  {
    field: 'gmcNumber',
    label: 'GMC number',
    required: true,
    synonyms: ['gmc number', 'gmc', 'gmc no', 'gmc ref', 'gmc reference number'],
  },
  { field: 'email', label: 'Email', required: false, synonyms: ['email', 'e mail', 'email address', 'nhs email'] },
  {
    field: 'programme',
    label: 'Programme / scheme',
    required: true,
    synonyms: ['programme', 'program', 'scheme', 'training programme', 'programme name', 'vts'],
  },
  {
    field: 'grade',
    label: 'Training grade',
    required: true,
    synonyms: ['training grade', 'grade', 'training year', 'st level'],
  },
  {
    field: 'programmeStartDate',
    label: 'Programme start date',
    required: true,
    synonyms: ['programme start date', 'start date', 'programme start', 'program start date'],
  },
  {
    field: 'expectedCctDate',
    label: 'Expected CCT date',
    required: false,
    synonyms: ['expected cct date', 'cct date', 'expected cct', 'cct'],
  },
  {
    field: 'wte',
    label: 'Whole-time equivalent',
    required: true,
    synonyms: ['wte', 'whole time equivalent', 'fte', 'ltft percentage', 'less than full time'],
  },
  { field: 'status', label: 'Status', required: false, synonyms: ['status', 'training status'] },
  {
    field: 'educationalSupervisor',
    label: 'Educational supervisor',
    required: false,
    synonyms: ['educational supervisor', 'es', 'supervisor', 'edsup'],
  },
  {
    field: 'currentPost',
    label: 'Current post',
    required: false,
    synonyms: ['current post', 'post', 'placement', 'current placement', 'rotation'],
  },
  { field: 'tags', label: 'Tags (separated by ;)', required: false, synonyms: ['tags', 'labels'] },
] as const;

export type ImportField = (typeof IMPORT_TARGETS)[number]['field'];
export const IMPORT_FIELDS = IMPORT_TARGETS.map((t) => t.field) as [ImportField, ...ImportField[]];

/** field → the CSV header that feeds it, or null when nothing does. */
export type ImportMapping = Partial<Record<ImportField, string | null>>;

export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Proposes a mapping from a file's headers; each header is used at most once. */
export function autoMapHeaders(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  for (const target of IMPORT_TARGETS) {
    const match = headers.find(
      (h) => !used.has(h) && (target.synonyms as readonly string[]).includes(normaliseHeader(h)),
    );
    mapping[target.field] = match ?? null;
    if (match) used.add(match);
  }
  // A single "Name" column is only useful when there are no separate name columns.
  if (mapping.givenName && mapping.familyName) mapping.fullName = null;
  return mapping;
}

export type ImportRowStatus = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportRowPreview {
  /** Line in the file where the row starts (line 1 is the header). */
  line: number;
  status: ImportRowStatus;
  gmcNumber: string;
  name: string;
  reasons: string[];
  /** For a row that matches a trainee by GMC number: each field it would change, before → after. */
  changes?: TraineeFieldChange[];
  /**
   * The row matches a trainee by GMC number but names someone else (beyond case, accents and
   * spacing): left out of the import unless the user ticks it (`confirmedLines`).
   */
  nameDiffers?: { before: string; after: string };
}

export interface ImportPreview {
  fileName: string;
  encoding: 'utf-8' | 'windows-1252' | 'utf-16le';
  headers: string[];
  mapping: ImportMapping;
  /** Required fields the mapping leaves without a column. */
  unmappedRequired: ImportField[];
  rows: ImportRowPreview[];
  counts: Record<ImportRowStatus, number>;
  /** Update rows whose name differs from the register's: counted in `update`, imported only when ticked. */
  nameDiffers: number;
}

export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rows whose name differs that were not ticked, so left as the register has them. */
  leftOut: number;
}
