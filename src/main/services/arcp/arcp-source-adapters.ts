import { CONTRIBUTING_FACTORS, READINESS_DECISIONS } from '../../../shared/exams/exam-reference';
import { formatUkDate } from '../../../shared/dates';
import type { PackExamAttempt, PackPlpGoal, PackSharedRecord, PackSupport } from '../../../shared/arcp/pack-types';
import type { ExamAttempt, SharedPostFailRecord } from '../../../shared/exams/exam-types';
import type { PlpGoalHead } from '../plp/plp-read';
import type { SupportItem } from '../../../shared/support/support-types';
import {
  listAttempts,
  listAttemptsOf,
  listSharedPostFailRecords,
  listSharedPostFailRecordsOf,
  listSharedReadinessRecords,
} from '../exams/exam-read';
import { listSharedMeetings } from '../meetings/meetings-read';
import { ACTION_OWNERS } from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import { listPlpGoalHeadsOf, listPlpGoals } from '../plp/plp-read';
import { listSupportItems, listSupportItemsOf } from '../support/support-read';
import type { Executor } from '../../store/open-store';
import type { ArcpSources, ManyReader } from './arcp-sources';

const packAttempt = (a: ExamAttempt): PackExamAttempt => ({
  exam: a.examCode,
  sittingDate: a.sittingDate,
  result: a.result,
  attemptNumber: a.attemptNumber,
  attemptsLeftAfter: { standard: a.standardLeftAfter, exceptional: a.exceptionalLeftAfter },
  score: a.scoreText !== null ? `${a.scoreText}${a.passMark !== null ? ` (pass mark ${a.passMark})` : ''}` : null,
  domains: a.components
    .filter((c) => c.value !== '')
    .map((c): [string, string] => [c.label, /^\d+(\.\d+)?$/.test(c.value) ? `${c.value}%` : c.value]),
});

const packPostFail = (r: SharedPostFailRecord): PackSharedRecord => ({
  title: `${r.examCode} post-fail conversation (fail ${r.failNumber}, sitting ${formatUkDate(r.sittingDate)})`,
  date: r.heldOn,
  fields: [
    ['Participants', r.participants],
    [
      'Feedback by area',
      r.feedbackByArea.map((f) => `${f.label}: ${f.result}${f.note ? ` (${f.note})` : ''}`).join('; '),
    ],
    [
      'Contributing factors',
      r.contributingFactors
        .map((f) => CONTRIBUTING_FACTORS.label(f.factor) + (f.note ? ` (${f.note})` : ''))
        .join('; '),
    ],
    ['Trainee’s reflection', r.traineeReflection ?? ''],
    ['Support tier', r.supportTierLabel ?? String(r.supportTier)],
    [
      'Support offered',
      r.supportOffered.map((s) => `${s.label}${s.accepted ? ' (accepted)' : ' (not taken up)'}`).join('; '),
    ],
    ['Study plan', r.studyPlan ?? ''],
    ['Re-sit target', r.resitTargetDate ? formatUkDate(r.resitTargetDate) : ''],
  ],
  actions: r.agreedActions,
});

const packGoal = (g: PlpGoalHead): PackPlpGoal => ({
  goal: g.title,
  status: g.status,
  due: g.targetOn,
  detail: g.successCriteria || null,
});

const packSupport = (s: SupportItem): PackSupport => ({
  support: s.label,
  offeredOn: s.offeredOn,
  status: s.status,
  outcome: s.outcome,
});

/** A batched reader mapped to a pack view, trainee by trainee. */
function mapped<S, T>(
  read: (db: Executor, traineeIds: readonly string[]) => Promise<ReadonlyMap<string, S[]>>,
  view: (item: S) => T,
): ManyReader<T> {
  return async (db, traineeIds) => {
    const byTrainee = await read(db, traineeIds);
    return new Map([...byTrainee].map(([id, items]) => [id, items.map(view)]));
  };
}

/**
 * The other features' shared read functions, mapped to the pack's views. Only fields that are
 * shown to the trainee are copied; the source types already leave private notes out.
 */
export function arcpSources(): ArcpSources {
  return {
    examAttempts: async (db, traineeId) => (await listAttempts(db, traineeId)).map(packAttempt),
    postFail: async (db, traineeId) => (await listSharedPostFailRecords(db, traineeId)).map(packPostFail),
    readiness: async (db, traineeId) =>
      (await listSharedReadinessRecords(db, traineeId)).map((r): PackSharedRecord => ({
        title: `${r.examCode} readiness to sit`,
        date: r.discussedOn,
        fields: [
          ['Decision', READINESS_DECISIONS.label(r.decision)],
          ['Planned sitting', r.plannedSittingDate ? formatUkDate(r.plannedSittingDate) : ''],
          ['Mock results', r.mockResults ?? ''],
          ['Gaps', r.gaps ?? ''],
          ['Trainee’s view', r.traineeView ?? ''],
          ['Educator’s view', r.educatorView ?? ''],
          ['Reasons', r.reasons ?? ''],
        ],
        actions: r.agreedActions,
      })),
    plpGoals: async (db, traineeId) => (await listPlpGoals(db, traineeId)).map(packGoal),
    support: async (db, traineeId) => (await listSupportItems(db, traineeId)).map(packSupport),
    meetings: async (db, traineeId, from, to) =>
      (await listSharedMeetings(db, traineeId, from, to)).map((m) => ({
        date: m.heldOn,
        kind: m.meetingTypeLabel,
        summary: m.sharedSummary,
        actions: m.actions.map(
          (a) =>
            `${a.description} (${labelOf(ACTION_OWNERS, a.owner)}, due ${formatUkDate(a.dueOn)}${a.doneOn ? `, done ${formatUkDate(a.doneOn)}` : ''})`,
        ),
      })),
    many: {
      examAttempts: mapped(listAttemptsOf, packAttempt),
      postFail: mapped(listSharedPostFailRecordsOf, packPostFail),
      plpGoals: mapped(listPlpGoalHeadsOf, packGoal),
      support: mapped(listSupportItemsOf, packSupport),
    },
  };
}
