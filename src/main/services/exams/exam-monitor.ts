import { daysBetween } from '../../../shared/dates';
import { bookingDeadline } from '../../../shared/exams/attempt-limits';
import {
  BOOKING_WARNING_DAYS,
  POST_FAIL_CONVERSATION_DUE_DAYS,
  type ReadinessDecision,
} from '../../../shared/exams/exam-reference';
import type { ExamAttempt, MonitorRow, MonitorWarning } from '../../../shared/exams/exam-types';
import { displayName } from '../../../shared/trainees/trainee-schema';
import { groupBy, inChunks } from '../../store/in-chunks';
import type { Executor } from '../../store/open-store';
import { currentExamOfGroup, loadDefinitions, loadRules, numberAttempts, parseJson } from './exam-rows';

/**
 * The re-sit monitor: one row per trainee and exam group whose latest attempt that counts is a
 * fail or is awaiting its result. Reads only the trainees it concerns, so it stays quick for a
 * region-sized register.
 */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// localeCompare's own order, without making a collator per call (a thousand rows sort in ~10k compares).
const byName = new Intl.Collator().compare;

/**
 * The monitor's rows, for the whole register or (the Today cache, as trainees change) only for
 * `traineeIds`: then only their rows are read, so a few trainees cost a few queries by index.
 */
export async function monitorRows(db: Executor, today: string, traineeIds?: readonly string[]): Promise<MonitorRow[]> {
  // An indexed query finds the trainees with an exam group not yet passed whose attempts include a
  // fail or a pending result; only their rows are read (a region holds far more trainees than that).
  const candidatesAmong = (slice?: string[]) =>
    db
      .selectFrom('exam_attempts as a')
      .innerJoin('exam_definitions as d', 'd.id', 'a.exam_id')
      .innerJoin('trainees as t', 't.id', 'a.trainee_id')
      // The trainee's columns come with the candidate: the join reads the trainee's row anyway.
      .select([
        't.id',
        't.given_name',
        't.family_name',
        't.preferred_name',
        't.gmc_number',
        't.grade',
        't.programme',
        't.programme_start_date',
        't.educational_supervisor',
      ])
      .distinct()
      .where('a.result', 'in', ['fail', 'awaiting'])
      .where('t.archived_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('exam_attempts as p')
              .innerJoin('exam_definitions as pd', 'pd.id', 'p.exam_id')
              .select('p.id')
              .whereRef('p.trainee_id', '=', 'a.trainee_id')
              .where('p.result', '=', 'pass')
              .whereRef('pd.attempt_group', '=', 'd.attempt_group'),
          ),
        ),
      )
      .$if(slice !== undefined, (q) => q.where('a.trainee_id', 'in', slice!))
      .execute();
  const [definitions, rules, trainees] = await Promise.all([
    loadDefinitions(db),
    loadRules(db),
    traineeIds ? inChunks([...new Set(traineeIds)], candidatesAmong) : candidatesAmong(),
  ]);
  const definitionsById = new Map(definitions.map((d) => [d.id, d]));
  if (trainees.length === 0) return [];
  // Per exam group, worked out once rather than per row.
  const groupExamIds = new Map<string, Set<string>>();
  for (const d of definitions) {
    const ids = groupExamIds.get(d.attemptGroup) ?? new Set<string>();
    ids.add(d.id);
    groupExamIds.set(d.attemptGroup, ids);
  }
  const currentExams = new Map([...groupExamIds.keys()].map((g) => [g, currentExamOfGroup(definitions, g)]));
  // Many rows share a sitting date: count the days from each date once.
  const daysTo = new Map<string, number>();
  const daysFrom = (date: string) => {
    let days = daysTo.get(date);
    if (days === undefined) daysTo.set(date, (days = daysBetween(date, today)));
    return days;
  };
  const candidateIds = trainees.map((t) => t.id);

  const attemptRows = await inChunks(candidateIds, (slice) =>
    db.selectFrom('exam_attempts').selectAll().where('trainee_id', 'in', slice).execute(),
  );
  const passedGroups = new Set<string>();
  for (const row of attemptRows) {
    const def = definitionsById.get(row.exam_id);
    if (def && row.result === 'pass') passedGroups.add(`${row.trainee_id}|${def.attemptGroup}`);
  }
  const attemptsByTrainee = groupBy(
    attemptRows.filter((row) => {
      const def = definitionsById.get(row.exam_id);
      return def && !passedGroups.has(`${row.trainee_id}|${def.attemptGroup}`);
    }),
    (row) => row.trainee_id,
  );

  const [postFails, readiness] = await Promise.all([
    inChunks(candidateIds, (slice) =>
      db
        .selectFrom('exam_post_fail')
        .select(['attempt_id', 'owner', 'support_tier_label', 'support_offered', 'resit_target_date'])
        .where('trainee_id', 'in', slice)
        .execute(),
    ),
    inChunks(candidateIds, (slice) =>
      db
        .selectFrom('exam_readiness')
        .select(['trainee_id', 'exam_id', 'discussed_on', 'planned_sitting_date', 'decision', 'created_at'])
        .where('trainee_id', 'in', slice)
        .execute(),
    ),
  ]);
  const postFailByAttempt = new Map(postFails.map((p) => [p.attempt_id, p]));
  const readinessByTrainee = groupBy(readiness, (r) => r.trainee_id);

  const rows: MonitorRow[] = [];
  for (const trainee of trainees) {
    const own = attemptsByTrainee.get(trainee.id);
    if (!own) continue;
    const { attempts, summaries } = numberAttempts(own, definitionsById, rules, trainee.programme_start_date);
    for (const summary of summaries) {
      if (summary.passed) continue;
      // Oldest first, counted attempts only.
      const counted = attempts
        .filter((a) => a.attemptGroup === summary.attemptGroup && a.attemptNumber !== null)
        .reverse();
      const last = counted.at(-1);
      if (!last || (last.result !== 'fail' && last.result !== 'awaiting')) continue;
      const lastFail: ExamAttempt | undefined = [...counted].reverse().find((a) => a.result === 'fail');
      const conversation = lastFail ? postFailByAttempt.get(lastFail.id) : undefined;
      const examIds = groupExamIds.get(summary.attemptGroup);
      const discussion = (readinessByTrainee.get(trainee.id) ?? [])
        .filter((r) => examIds?.has(r.exam_id) && r.discussed_on >= last.sittingDate)
        .sort((a, b) => b.discussed_on.localeCompare(a.discussed_on) || b.created_at.localeCompare(a.created_at))[0];
      const current = currentExams.get(summary.attemptGroup);
      const nextSitting = discussion?.planned_sitting_date ?? conversation?.resit_target_date ?? null;
      const nextSittingAhead = nextSitting && nextSitting >= today ? nextSitting : null;
      const deadline = bookingDeadline(nextSittingAhead, current?.bookingWeeksBefore ?? null);
      const offered = conversation ? parseJson<Array<{ accepted: boolean }>>(conversation.support_offered, []) : [];
      const daysSinceFail = lastFail ? daysFrom(lastFail.sittingDate) : null;
      const daysToDeadline = deadline ? -daysFrom(deadline) : null;

      const warnings: MonitorWarning[] = [];
      if (
        last.result === 'fail' &&
        !conversation &&
        daysSinceFail !== null &&
        daysSinceFail > POST_FAIL_CONVERSATION_DUE_DAYS
      )
        warnings.push('no_conversation');
      if (last.result === 'fail' && summary.exhausted) warnings.push('no_attempts_left');
      else if (last.result === 'fail' && summary.nextIsLast) warnings.push('last_attempt');
      if (daysToDeadline !== null && !discussion && daysToDeadline >= 0 && daysToDeadline <= BOOKING_WARNING_DAYS)
        warnings.push('booking_without_readiness');

      rows.push({
        traineeId: trainee.id,
        traineeName: displayName({
          givenName: trainee.given_name,
          familyName: trainee.family_name,
          preferredName: trainee.preferred_name,
        }),
        gmcNumber: trainee.gmc_number,
        grade: trainee.grade,
        programme: trainee.programme,
        examCode: current?.code ?? last.examCode,
        attemptGroup: summary.attemptGroup,
        attemptsUsed: summary.used,
        attemptsLeft: summary.standardLeft,
        exceptionalLeft: summary.exceptionalLeft,
        attemptsText: `${summary.used} used, ${summary.standardLeft} left${summary.exceptionalLeft ? ` (+${summary.exceptionalLeft} exceptional)` : ''}`,
        lastResult: last.result,
        lastSittingDate: last.sittingDate,
        weakestArea: lastFail?.weakestAreas.join(', ') || null,
        daysSinceFail,
        nextSittingDate: nextSittingAhead,
        bookingDeadline: deadline,
        postFailDone: Boolean(conversation),
        supportTier: conversation?.support_tier_label ?? null,
        supportOffered: offered.length,
        supportAccepted: offered.filter((o) => o.accepted).length,
        readinessDone: Boolean(discussion),
        readinessDecision: (discussion?.decision as ReadinessDecision | undefined) ?? null,
        owner: conversation?.owner ?? trainee.educational_supervisor,
        warnings,
      });
    }
  }
  rows.sort(
    (a, b) =>
      b.warnings.length - a.warnings.length ||
      (b.daysSinceFail ?? -1) - (a.daysSinceFail ?? -1) ||
      byName(a.traineeName, b.traineeName) ||
      byCode(a.traineeId, b.traineeId) ||
      byCode(a.attemptGroup, b.attemptGroup),
  );
  return rows;
}
