/** Row types for handover provenance (migration 0010): where imported records came from. */
export interface HandoverImportsTable {
  id: string;
  /** The sender's name, as written in the file. */
  from_name: string;
  /** When the sender made the file (ISO instant). */
  made_at: string;
  imported_at: string;
}

/** One row per record an import wrote; `trainee_id` is the local trainee the record belongs to. */
export interface HandoverRecordsTable {
  table_name: string;
  record_id: string;
  trainee_id: string;
  import_id: string;
}

export interface HandoverTables {
  handover_imports: HandoverImportsTable;
  handover_records: HandoverRecordsTable;
}
