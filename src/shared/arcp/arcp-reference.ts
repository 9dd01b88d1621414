/**
 * ARCP vocabulary. Outcome and reason codes themselves live in the database (`arcp_codes`) as
 * reference data; this file holds only the shapes and the few rules that tie codes together.
 */

/** How a checklist item's minimum scales. */
export const EVIDENCE_BASES = [
  { value: 'year', label: 'per training year' },
  { value: 'post', label: 'per post' },
  { value: 'review', label: 'per review' },
] as const;
export type EvidenceBasis = (typeof EVIDENCE_BASES)[number]['value'];

export interface EvidenceTemplateItem {
  /** Stable key the recorded counts refer to. */
  key: string;
  label: string;
  /** The minimum per full-time-equivalent year (or per post, or per review). */
  minimum: number;
  basis: EvidenceBasis;
  /** LTFT: multiply by whole-time equivalent (rounded up), as RCGP asks "per FTE year". */
  proRata: boolean;
  /** Shown beside the item, e.g. "1 if not done in ST1". */
  note: string | null;
}

export interface EvidenceTemplate {
  id: string;
  name: string;
  /** The programme prefix it serves ("GP" for GP - Northtown VTS). */
  specialty: string;
  grade: string;
  items: EvidenceTemplateItem[];
  updatedAt: string;
}

export type ArcpCodeKind = 'outcome' | 'reason';

export interface ArcpCode {
  code: string;
  kind: ArcpCodeKind;
  label: string;
  /** For reasons: the outcomes it may be given with. */
  appliesTo: string[];
  /** The reason needs free-text detail ("other"). */
  requiresDetail: boolean;
  /** Kept for history (e.g. COVID-era 10.1/10.2); not offered for new outcomes. */
  historic: boolean;
  /** Where the wording comes from, e.g. "Gold Guide, 10th edition (in force from 7 August 2024)". */
  source: string | null;
}

export const NOT_ASSESSED = 'NA';
export const OUTCOME_FIVE = '5';
/** Days an outcome 5 usually allows to supply missing evidence. */
export const OUTCOME_FIVE_DAYS = 14;
/** The full ESR must be visible this many days before the panel… */
export const ESR_VISIBLE_DAYS_BEFORE = 14;
/** …and written no more than this many months before it. */
export const ESR_EARLIEST_MONTHS_BEFORE = 2;
/** A trainee needs an ARCP at least this often. */
export const ARCP_INTERVAL_MONTHS = 12;

export type EsrState = 'not_started' | 'interim' | 'full';

export function esrState(record: { esrInterimDate: string | null; esrFullDate: string | null }): EsrState {
  return record.esrFullDate ? 'full' : record.esrInterimDate ? 'interim' : 'not_started';
}

export const ESR_STATE_LABEL: Record<EsrState, string> = {
  not_started: 'No ESR yet',
  interim: 'Interim ESR only',
  full: 'Full ESR done',
};

export function outcomeLabel(code: string | null, codes: ArcpCode[]): string {
  if (!code) return 'Awaiting panel';
  const found = codes.find((c) => c.kind === 'outcome' && c.code === code);
  return found ? `${code === NOT_ASSESSED ? 'Not assessed' : `Outcome ${code}`}: ${found.label}` : code;
}
