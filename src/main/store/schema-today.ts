/** Row types for Today's rows kept between sessions (migration 0015; services/today/today-rows.ts). */
export interface TodayRowsTable {
  trainee_id: string;
  /** JSON: the trainee's TodayItem[] as last read. */
  items: string;
}

/** A trainee written since Today's rows were saved, or '*' for everyone. */
export interface TodayDirtyTable {
  trainee_id: string;
}

export interface TodayStateTable {
  id: number;
  /** The rules the rows were read by (today-rows.ts rulesStamp): any other means read again. */
  stamp: string;
  /** yyyy-MM-dd the day-dependent rows (ARCP, exams, retention) were read for. */
  day: string;
  /** yyyy-MM-dd the other rows were read up to (their window's end falls that many days later). */
  horizon: string;
}

export interface TodayTables {
  today_rows: TodayRowsTable;
  today_dirty: TodayDirtyTable;
  today_state: TodayStateTable;
}
