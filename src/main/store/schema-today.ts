/** Row types for Today's rows kept between sessions (migration 0015; services/today/today-rows.ts). */
/** One Today row as last read (migration 0015). */
export interface TodayRowsTable {
  trainee_id: string;
  kind: string;
  due_on: string;
  /** 1: a SQL source's row, whose urgency follows its date and which shows once its window opens. */
  dated: number;
  /** As read on today_state.day (what counts for rows not dated). */
  urgency: string;
  /** JSON: the TodayItem. */
  item: string;
  /** yyyy-MM-dd a row not dated was read for; null for dated rows. */
  day: string | null;
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
  /** yyyy-MM-dd: the rows not dated are read for every day from `day` to this one. */
  staged_until: string;
}

/** How many today_rows share a kind, date, urgency and day read for ('' for dated rows). */
export interface TodayCountsTable {
  kind: string;
  due_on: string;
  dated: number;
  urgency: string;
  day: string;
  n: number;
}

export interface TodayTables {
  today_counts: TodayCountsTable;
  today_rows: TodayRowsTable;
  today_dirty: TodayDirtyTable;
  today_state: TodayStateTable;
}
