import type { Kysely } from 'kysely';
import type { TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { arcpDeadlinesDue } from '../arcp';
import { retentionDue } from '../erasure';
import { examWarningsDue } from '../exams';
import { EVERYDAY_SQL_SOURCES, sourceProvider, type AnyTodaySqlSource } from './everyday-providers';

/**
 * A source of Today rows: everything of its kind that is overdue or falls due within
 * TODAY_WINDOW_DAYS of `today` (yyyy-MM-dd). Each row's `link` opens the place to act.
 */
export type TodayProvider = (db: Kysely<DB>, today: string) => Promise<TodayItem[]>;

/** Sources SQL counts and caps by itself (the Today view reads only the rows it shows). */
export const TODAY_SQL_SOURCES: AnyTodaySqlSource[] = EVERYDAY_SQL_SOURCES;

/**
 * Sources whose rules run in code (ARCP windows, exam attempt counting). They read only the
 * trainees an indexed query finds to be near a deadline, so their rows are few.
 */
export const TODAY_CODE_PROVIDERS: TodayProvider[] = [arcpDeadlinesDue, examWarningsDue, retentionDue];

/** Every provider, read whole (the daily notification). Features append theirs here. */
export const TODAY_PROVIDERS: TodayProvider[] = [...TODAY_SQL_SOURCES.map(sourceProvider), ...TODAY_CODE_PROVIDERS];
