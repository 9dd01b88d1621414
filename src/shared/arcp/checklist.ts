import type { EvidenceTemplateItem } from './arcp-reference';

export interface ChecklistRow {
  key: string;
  label: string;
  /** What the rules ask for, for this trainee and period. */
  required: number;
  /** What the user saw in the e-portfolio; null when not yet recorded. */
  recorded: number | null;
  /** How many are still missing (0 when met). */
  missing: number;
  /** How the requirement was worked out, in words ("7 × 0.6 WTE, rounded up"). */
  basis: string;
  note: string | null;
}

export interface Checklist {
  rows: ChecklistRow[];
  /** Items with something missing (or not yet recorded). */
  gaps: ChecklistRow[];
  complete: boolean;
}

export interface ChecklistContext {
  wte: number;
  /** Posts in the review period, for "1 per post" items. */
  posts: number;
}

/** The requirement for one item: per post multiplies by posts, pro rata multiplies by WTE and rounds up. */
export function requiredCount(
  item: EvidenceTemplateItem,
  context: ChecklistContext,
): { required: number; basis: string } {
  let required = item.minimum;
  const parts: string[] = [];
  if (item.basis === 'post') {
    required = item.minimum * Math.max(context.posts, 1);
    parts.push(`${item.minimum} per post × ${Math.max(context.posts, 1)} post${context.posts === 1 ? '' : 's'}`);
  }
  if (item.proRata && context.wte < 1 && required > 0) {
    const before = required;
    // Never below 1 when the item is required at all: a part-time year still needs the item.
    required = Math.max(1, Math.ceil(Math.round(before * context.wte * 1000) / 1000));
    parts.push(`${before} × ${context.wte} WTE, rounded up`);
  }
  return { required, basis: parts.join('; ') || (item.basis === 'review' ? 'per review' : 'per training year') };
}

/** Compares recorded counts with the template; items not yet recorded count as gaps. */
export function evaluateChecklist(
  items: EvidenceTemplateItem[],
  counts: Record<string, number>,
  context: ChecklistContext,
): Checklist {
  const rows = items.map((item): ChecklistRow => {
    const { required, basis } = requiredCount(item, context);
    const recorded = Object.prototype.hasOwnProperty.call(counts, item.key) ? counts[item.key]! : null;
    const missing = required === 0 ? 0 : Math.max(required - (recorded ?? 0), 0);
    return { key: item.key, label: item.label, required, recorded, missing, basis, note: item.note };
  });
  const gaps = rows.filter((r) => r.missing > 0);
  return { rows, gaps, complete: gaps.length === 0 };
}

/** "COT: 3 missing; MSF: 1 missing" — for tables, CSV and the batch index. */
export function describeGaps(gaps: ChecklistRow[]): string {
  return gaps.map((g) => `${g.label}: ${g.recorded === null ? 'not recorded' : `${g.missing} missing`}`).join('; ');
}

/** Checklist keys that follow the record's ESR dates (in the GP templates). */
export const ESR_ITEM_KEYS = { interim: 'esr_interim', full: 'esr_full' } as const;

/**
 * Counts as the checklist should read them: an ESR item not counted by hand follows the record's
 * ESR date, so recording the full ESR's date closes that gap without typing a count too.
 */
export function effectiveCounts(
  counts: Record<string, number>,
  record: { esrInterimDate: string | null; esrFullDate: string | null },
): Record<string, number> {
  const out = { ...counts };
  if (out[ESR_ITEM_KEYS.interim] === undefined && record.esrInterimDate) out[ESR_ITEM_KEYS.interim] = 1;
  if (out[ESR_ITEM_KEYS.full] === undefined && record.esrFullDate) out[ESR_ITEM_KEYS.full] = 1;
  return out;
}
