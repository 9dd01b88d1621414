/** Ids per `where … in (…)`: well under SQLite's bound-parameter limit, and the size every batched reader uses. */
export const ID_CHUNK = 500;

/** The ids in slices of at most `ID_CHUNK`. */
export function idSlices(ids: readonly string[]): string[][] {
  const slices: string[][] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) slices.push(ids.slice(i, i + ID_CHUNK));
  return slices;
}

/** Runs a query per slice of ids and concatenates the rows, in slice order. */
export async function inChunks<T>(ids: readonly string[], query: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const slice of idSlices(ids)) out.push(...(await query(slice)));
  return out;
}

/** Rows grouped by a key, each group keeping the rows' order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** A read for every trainee (`traineeIds` undefined) or, in slices, for the listed ones only. */
export function forTrainees<T>(
  traineeIds: readonly string[] | undefined,
  read: (slice: readonly string[] | undefined) => Promise<T[]>,
): Promise<T[]> {
  return traineeIds === undefined ? read(undefined) : inChunks(traineeIds, read);
}
