import type { EverydayTables } from './schema-everyday';
import type { ArcpTables } from './schema-arcp';
import type { ExamTables } from './schema-exams';
import type { ErasureTables } from './schema-erasure';
import type { HandoverTables } from './schema-handover';
import type { TodayTables } from './schema-today';

/**
 * Row types of every table, as Kysely sees them. Columns are snake_case; ids are text UUIDs;
 * dates are `yyyy-MM-dd` text and instants ISO-8601 UTC text, so the same schema ports to PostgreSQL.
 */
export interface TraineesTable {
  id: string;
  gmc_number: string;
  given_name: string;
  family_name: string;
  preferred_name: string | null;
  pronouns: string | null;
  email: string | null;
  programme: string;
  grade: string;
  programme_start_date: string;
  expected_cct_date: string | null;
  /** The day the trainee left training (migration 0012); see the status for with or without a CCT. */
  left_training_on: string | null;
  wte: number;
  status: string;
  educational_supervisor: string | null;
  current_post: string | null;
  /** JSON array of strings. */
  tags: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

export interface SettingsTable {
  key: string;
  /** JSON value. */
  value: string;
  updated_at: string;
}

/** Who changed what, when: feeds edit history, timelines and undo. */
export interface ChangeLogTable {
  id: string;
  entity: string;
  entity_id: string;
  action: string;
  /** JSON: the fields before and after. */
  changes: string | null;
  at: string;
}

/** A characteristic kept for cohort evaluation only, with the trainee's agreement (its date). */
export interface EvaluationCharacteristicsTable {
  trainee_id: string;
  field: string;
  value: string;
  agreed_on: string;
  updated_at: string;
}

/** One row each time data leaves the app (migration 0009); never any content. */
export interface ExportLogTable {
  id: string;
  at: string;
  kind: string;
  /** What was exported, e.g. "PLP PDF": never the content itself. */
  description: string;
  /** The folder written to, where known (ARCP batch, backup); null for a browser download. */
  destination: string | null;
}

/** Which trainees an export was about; trainee_id is set to NULL when the trainee is erased. */
export interface ExportLogTraineesTable {
  id: string;
  export_id: string;
  trainee_id: string | null;
}

export interface DB extends EverydayTables, ExamTables, ArcpTables, HandoverTables, ErasureTables, TodayTables {
  trainees: TraineesTable;
  settings: SettingsTable;
  change_log: ChangeLogTable;
  evaluation_characteristics: EvaluationCharacteristicsTable;
  export_log: ExportLogTable;
  export_log_trainees: ExportLogTraineesTable;
}
