import { DATA_FEATURES, type DataFeature } from '../../shared/contract/data-features';

/**
 * Which data feature owns each table. A write channel may change only the tables of the
 * features it declares (`channel(...).changes('exams', 'support')`); test/node/write-declarations
 * runs every channel and checks that against the tables it really wrote.
 */
export const TABLE_OWNERS = {
  trainees: 'trainees',
  settings: 'settings',
  // Which day's reminder the Electron app has shown: app state, written by its hourly timer, never by a channel.
  daily_notifications: 'settings',
  meetings: 'meetings',
  meeting_actions: 'meetings',
  meeting_goals: 'meetings',
  meeting_templates: 'meetings',
  meeting_cadence: 'meetings',
  drafts: 'drafts',
  plp_goals: 'plp',
  plp_reviews: 'plp',
  early_needs: 'needs',
  identified_needs: 'needs',
  support_catalogue: 'support',
  support_items: 'support',
  exam_definitions: 'exams',
  exam_rules: 'exams',
  exam_attempts: 'exams',
  exam_post_fail: 'exams',
  exam_readiness: 'exams',
  exam_extensions: 'exams',
  arcp_codes: 'arcp',
  arcp_records: 'arcp',
  arcp_panels: 'arcp',
  evidence_templates: 'arcp',
  retention_keeps: 'erasure',
  evaluation_characteristics: 'evaluation',
  handover_imports: 'handover',
  handover_records: 'handover',
  export_log: 'exportLog',
  export_log_trainees: 'exportLog',
} as const satisfies Record<string, DataFeature>;

/** Trainees, 1:1 notes and actions, and goals: what Ctrl+K searches. */
const SEARCHED: readonly DataFeature[] = ['trainees', 'meetings', 'plp'];

/**
 * Tables no feature writes on its own: they follow other features' tables. A write that may
 * change any of the listed features may touch them too, and nothing else may.
 * - The search index (search_docs and the FTS5 table over it, with the shadow tables SQLite keeps
 *   for it) is kept by triggers on the searched tables, so it changes exactly when they do.
 * - change_log is the audit trail every feature appends its own changes to (and reads back for
 *   history and undo); each row names the entity it is about.
 */
export const FOLLOWER_TABLES: Record<string, readonly DataFeature[]> = {
  search_docs: SEARCHED,
  search_fts: SEARCHED,
  search_fts_data: SEARCHED,
  search_fts_idx: SEARCHED,
  search_fts_docsize: SEARCHED,
  search_fts_config: SEARCHED,
  change_log: DATA_FEATURES,
};

/** Kysely's own bookkeeping of applied migrations: written when the store opens, never by a channel. */
export const STORE_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;

export type OwnedTable = keyof typeof TABLE_OWNERS;

/** Every table a write declaring `changes` may change. */
export function tablesChangedBy(changes: readonly DataFeature[]): Set<string> {
  const tables = new Set<string>();
  for (const [table, owner] of Object.entries(TABLE_OWNERS)) if (changes.includes(owner)) tables.add(table);
  for (const [table, sources] of Object.entries(FOLLOWER_TABLES))
    if (sources.some((source) => changes.includes(source))) tables.add(table);
  return tables;
}

/**
 * Today's saved rows and its notes of written trainees (services/today/today-rows.ts): triggers
 * note every write, and a look at Today, a read, saves rows and clears notes. Derived from the
 * other tables and never shown as such, so no channel declares them.
 */
export const CACHE_TABLES = ['today_rows', 'today_counts', 'today_dirty', 'today_state'] as const;

/** Whether the store knows who owns `table`. */
export function hasOwner(table: string): boolean {
  return (
    table in TABLE_OWNERS ||
    table in FOLLOWER_TABLES ||
    (STORE_TABLES as readonly string[]).includes(table) ||
    (CACHE_TABLES as readonly string[]).includes(table)
  );
}
