import type { Kysely } from 'kysely';
import type { TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { arcpDeadlinesDue } from '../arcp';
import { retentionDue } from '../erasure';
import { examWarningsDue } from '../exams';
import { EVERYDAY_SQL_SOURCES, sourceProvider } from './everyday-providers';

/**
 * A source of Today rows: everything of its kind that is overdue or falls due within
 * TODAY_WINDOW_DAYS of `today` (yyyy-MM-dd), for every trainee or only the listed ones (the
 * Today cache re-reads just the trainees a write touched, so a provider must narrow in SQL and
 * give a trainee's rows exactly as the whole read would). Each row's `link` opens the place to act.
 */
export type TodayProvider = (db: Kysely<DB>, today: string, traineeIds?: readonly string[]) => Promise<TodayItem[]>;

/**
 * The providers whose rules run in code (ARCP windows, exam attempt counting, retention periods)
 * over the few trainees an indexed query finds near a deadline. Their rows depend on the day in
 * more than their dates, so the Today cache reads them afresh each day.
 */
export const TODAY_DAY_PROVIDERS: TodayProvider[] = [arcpDeadlinesDue, examWarningsDue, retentionDue];

/**
 * Every provider: the SQL sources (one query each; a row's day shows only in its urgency and the
 * window, so the cache keeps them for days) and the day providers. Features append theirs here.
 */
export const TODAY_PROVIDERS: TodayProvider[] = [...EVERYDAY_SQL_SOURCES.map(sourceProvider), ...TODAY_DAY_PROVIDERS];
