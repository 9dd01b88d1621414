/** A small seeded PRNG (mulberry32), so demo data is the same on every machine and run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** One row of a demo table, as inserted. */
export type DemoRow = Record<string, unknown>;

/** What every feature's demo rows are built from: the random stream, the day and the register's size. */
export interface DemoContext {
  random: Random;
  today: string;
  /** created_at/updated_at of every demo row. */
  at: string;
  /** A scheme-sized register gets a full history; the 10,000-trainee stress set a thinner one, so it loads in seconds. */
  full: boolean;
}

/** The trainee columns the demo builders depend on. */
export interface DemoTrainee {
  id: string;
  grade: string;
  expected_cct_date: string | null;
  programme_start_date: string;
}
