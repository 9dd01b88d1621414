/** SQLite's bound-parameter limit leaves room for this many ids in one `in (...)`. */
export const TRAINEES_PER_READ = 500;

/** Runs `read` for the listed trainees in slices SQLite can bind, or once for everyone. */
export async function forTrainees<T>(
  traineeIds: readonly string[] | undefined,
  read: (slice: readonly string[] | undefined) => Promise<T[]>,
): Promise<T[]> {
  if (traineeIds === undefined) return read(undefined);
  const rows: T[] = [];
  for (let i = 0; i < traineeIds.length; i += TRAINEES_PER_READ)
    rows.push(...(await read(traineeIds.slice(i, i + TRAINEES_PER_READ))));
  return rows;
}
