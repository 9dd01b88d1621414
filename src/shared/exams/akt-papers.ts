/**
 * The AKT's size belongs to the sitting: 200 items until mid-2025, 160 items in 160 minutes from
 * the October 2025 sitting. A score reads against its own paper ("109/160"), and the pass mark
 * check uses the sitting's own figures (both are recorded on the attempt).
 */
export const AKT_CODE = 'AKT';
export const AKT_160_FROM = '2025-10-01';
export const AKT_ITEMS_BEFORE = 200;
export const AKT_ITEMS_FROM_OCTOBER_2025 = 160;

/** The number of items a paper had, when the exam is the AKT and nothing else was recorded. */
export function defaultItemCount(examCode: string, sittingDate: string): number | null {
  if (examCode.toUpperCase() !== AKT_CODE) return null;
  return sittingDate >= AKT_160_FROM ? AKT_ITEMS_FROM_OCTOBER_2025 : AKT_ITEMS_BEFORE;
}

/** "109/160", or the bare score when the paper's size is not known. */
export function scoreText(score: number | null, itemCount: number | null): string | null {
  if (score === null) return null;
  return itemCount === null ? String(score) : `${score}/${itemCount}`;
}
