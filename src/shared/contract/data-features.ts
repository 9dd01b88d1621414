/**
 * The features that own data. Every table in the store belongs to exactly one of them, every
 * renderer query key starts with one of them (or with a view below), and every write channel
 * declares which of them it changes, so the client can refresh exactly what a save touched.
 */
export const DATA_FEATURES = [
  'trainees',
  'settings',
  'meetings',
  'drafts',
  'plp',
  'needs',
  'support',
  'exams',
  'arcp',
  'backups',
  /** Retention decisions: archived trainees kept past the retention period. */
  'erasure',
  /** Characteristics for cohort evaluation only (never shown about a trainee). */
  'evaluation',
  'handover',
  'exportLog',
  /** The app lock: its PIN, wrong tries and idle period (a file beside the database). */
  'lock',
] as const;
export type DataFeature = (typeof DATA_FEATURES)[number];

/**
 * Data features that keep their state in files beside the database rather than in its tables
 * (the backup folder, last backup and key slots, the lock's PIN and wrong tries describe this
 * computer, so a restore must not roll them back).
 */
export const FILE_BACKED_FEATURES: readonly DataFeature[] = ['backups', 'lock'];

/**
 * Read-only views built from other features' data. They own no table; after a write they are
 * refreshed when any feature they read from changed.
 */
export const VIEW_SOURCES = {
  app: ['trainees'],
  today: ['trainees', 'settings', 'meetings', 'plp', 'needs', 'support', 'exams', 'arcp', 'backups', 'erasure'],
  timeline: ['trainees', 'meetings', 'plp', 'needs', 'support', 'exams', 'arcp'],
  search: ['trainees', 'meetings', 'plp'],
  /** "What works" figures: the threshold is a setting. */
  insights: ['trainees', 'settings', 'meetings', 'needs', 'support', 'exams', 'arcp', 'evaluation'],
  /** Everything held about one trainee, for a subject access request. */
  subjectAccess: [
    'trainees',
    'meetings',
    'drafts',
    'plp',
    'needs',
    'support',
    'exams',
    'arcp',
    'exportLog',
    'evaluation',
    'handover',
  ],
} as const satisfies Record<string, readonly DataFeature[]>;
export type View = keyof typeof VIEW_SOURCES;

/** What a query key may start with. */
export type QueryNamespace = DataFeature | View;

/** The data features a write changed, and every view that reads from them: what to refresh. */
export function namespacesToRefresh(changes: readonly DataFeature[]): QueryNamespace[] {
  if (changes.length === 0) return [];
  const views = (Object.keys(VIEW_SOURCES) as View[]).filter((view) =>
    VIEW_SOURCES[view].some((source: DataFeature) => changes.includes(source)),
  );
  return [...changes, ...views];
}
