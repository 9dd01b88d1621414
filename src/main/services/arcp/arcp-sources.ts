import type { Executor } from '../../store/open-store';
import type {
  PackExamAttempt,
  PackMeeting,
  PackPlpGoal,
  PackSharedRecord,
  PackSupport,
} from '../../../shared/arcp/pack-types';

/**
 * Where an ARCP pack and the panel page read other features' shared content. Each reader
 * returns a shared view only (no private notes). A missing reader means that feature is not
 * available, and the pack says so rather than printing "none".
 */
export interface ArcpSources {
  examAttempts?: (db: Executor, traineeId: string) => Promise<PackExamAttempt[]>;
  postFail?: (db: Executor, traineeId: string) => Promise<PackSharedRecord[]>;
  readiness?: (db: Executor, traineeId: string) => Promise<PackSharedRecord[]>;
  plpGoals?: (db: Executor, traineeId: string) => Promise<PackPlpGoal[]>;
  support?: (db: Executor, traineeId: string) => Promise<PackSupport[]>;
  meetings?: (db: Executor, traineeId: string, from: string, to: string) => Promise<PackMeeting[]>;
}

export const SOURCE_NAMES: Record<keyof ArcpSources, string> = {
  examAttempts: 'exam attempts',
  postFail: 'post-fail conversations',
  readiness: 'readiness-to-sit discussions',
  plpGoals: 'learning plan goals',
  support: 'support offers',
  meetings: '1:1 meetings',
};

/** Statuses that count as finished for "open PLP goals". */
export const CLOSED_GOAL = /^(achieved|complete|completed|closed|done|met|withdrawn)$/i;
/** Statuses that mean the trainee took the support up. */
export const TAKEN_UP = /^(accepted|attended|completed)$/i;

/** "AKT: passed at attempt 1", "SCA: failed 2 of 2 attempts (last 3 Mar 2026)". */
export function examPosition(attempts: PackExamAttempt[]): string[] {
  const byExam = new Map<string, PackExamAttempt[]>();
  for (const a of [...attempts].sort((x, y) => x.sittingDate.localeCompare(y.sittingDate))) {
    const list = byExam.get(a.exam) ?? [];
    list.push(a);
    byExam.set(a.exam, list);
  }
  return [...byExam.entries()].map(([exam, list]) => {
    const passed = list.find((a) => /pass/i.test(a.result) && !/fail/i.test(a.result));
    const fails = list.filter((a) => /fail/i.test(a.result)).length;
    if (passed) return `${exam}: passed${passed.attemptNumber ? ` at attempt ${passed.attemptNumber}` : ''}`;
    const last = list[list.length - 1]!;
    return fails > 0
      ? `${exam}: not yet passed, ${fails} fail${fails === 1 ? '' : 's'} (last ${last.result.toLowerCase()} on ${last.sittingDate.split('-').reverse().join('/')})`
      : `${exam}: ${last.result.toLowerCase()}`;
  });
}
