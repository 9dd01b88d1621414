import type { Kysely } from 'kysely';
import type { TodayItem } from '../../../shared/today/today-types';
import type { DB } from '../../store/schema';
import { arcpDeadlinesDue } from '../arcp';
import { examWarningsDue } from '../exams';
import {
  earlyNeedsRetentionDue,
  meetingActionsDue,
  meetingsDue,
  planReviewsDue,
  supportFollowUpsDue,
} from './everyday-providers';

/**
 * A source of Today rows: everything of its kind that is overdue or falls due within
 * TODAY_WINDOW_DAYS of `today` (yyyy-MM-dd). Each row's `link` opens the place to act.
 */
export type TodayProvider = (db: Kysely<DB>, today: string) => Promise<TodayItem[]>;

/** Every provider the Today view runs. Features append theirs here. */
export const TODAY_PROVIDERS: TodayProvider[] = [
  meetingActionsDue,
  meetingsDue,
  planReviewsDue,
  supportFollowUpsDue,
  earlyNeedsRetentionDue,
  arcpDeadlinesDue,
  examWarningsDue,
];
