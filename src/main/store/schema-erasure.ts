/** Row types for retention and erasure (migration 0011). */
export interface RetentionKeepsTable {
  trainee_id: string;
  /** yyyy-MM-dd: kept for another retention period from this day. */
  kept_on: string;
  decided_at: string;
}

export interface ErasureTables {
  retention_keeps: RetentionKeepsTable;
}
