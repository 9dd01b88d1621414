import type { Selectable } from 'kysely';
import { scoreText } from '../../../shared/exams/akt-papers';
import { unlikelyResult } from '../../../shared/exams/exam-schemas';
import {
  bookingDeadline,
  countAttempts,
  describeAllowance,
  limitRuleFor,
  weakestAreas,
  type ComponentValue,
} from '../../../shared/exams/attempt-limits';
import {
  DEFAULT_EXAM_RULES,
  type AttemptLimitRule,
  type ComponentKind,
  type ExamDefinition,
  type ExamResult,
  type ExamRules,
  type PostFailTier,
  type ReadinessDecision,
} from '../../../shared/exams/exam-reference';
import type {
  ExamAttempt,
  ExamGroupSummary,
  PostFailRecord,
  ReadinessRecord,
  SharedPostFailRecord,
  SharedReadinessRecord,
} from '../../../shared/exams/exam-types';
import type { Executor } from '../../store/open-store';
import type {
  ExamAttemptsTable,
  ExamDefinitionsTable,
  ExamPostFailTable,
  ExamReadinessTable,
} from '../../store/schema-exams';

/** Reads a JSON column, falling back when it is damaged rather than failing the whole screen. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function rowToDefinition(row: Selectable<ExamDefinitionsTable>): ExamDefinition {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    hasScore: row.has_score === 1,
    componentKind: row.component_kind as ComponentKind,
    components: parseJson(row.components, []),
    earliestGrade: row.earliest_grade,
    historic: row.historic === 1,
    attemptGroup: row.attempt_group,
    bookingWeeksBefore: row.booking_weeks_before,
    builtIn: row.built_in === 1,
    archivedAt: row.archived_at,
  };
}

export async function loadDefinitions(db: Executor): Promise<ExamDefinition[]> {
  const rows = await db.selectFrom('exam_definitions').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map(rowToDefinition);
}

export async function loadRules(db: Executor): Promise<ExamRules> {
  const rows = await db.selectFrom('exam_rules').selectAll().execute();
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return {
    attemptLimits: parseJson<AttemptLimitRule[]>(byKey.get('attemptLimits'), DEFAULT_EXAM_RULES.attemptLimits),
    ladder: parseJson<PostFailTier[]>(byKey.get('ladder'), DEFAULT_EXAM_RULES.ladder),
  };
}

export function componentValues(def: ExamDefinition, stored: Record<string, string>): ComponentValue[] {
  return def.components.map((c) => ({ key: c.key, label: c.label, value: stored[c.key] ?? '' }));
}

/**
 * Results worth checking against the college's letter: a pass under its pass mark, a fail at or
 * over it, or a pass with every reported domain graded Fail or Clear Fail.
 */
export function attemptFlags(
  row: Pick<ExamAttemptsTable, 'result' | 'score' | 'pass_mark'> & { item_count?: number | null },
  gradedDomains: readonly string[] = [],
): string[] {
  const flags: string[] = [];
  if (row.score !== null && row.item_count != null && row.score > row.item_count)
    flags.push(`Score of ${row.score} is more than the ${row.item_count} items in the paper`);
  // The same test the attempt form applies before it asks for "Record it anyway".
  const unlikely = unlikelyResult({ result: row.result, score: row.score, passMark: row.pass_mark, gradedDomains });
  if (unlikely) flags.push(unlikely);
  return flags;
}

/** The exam a group is sat as now: the non-historic one (SCA rather than RCA). */
export function currentExamOfGroup(definitions: readonly ExamDefinition[], group: string): ExamDefinition | undefined {
  const members = definitions.filter((d) => d.attemptGroup === group);
  return members.find((d) => !d.historic && !d.archivedAt) ?? members.find((d) => !d.historic) ?? members[0];
}

/**
 * Numbers one trainee's attempts group by group and summarises each group. Pure: the monitor
 * calls it for thousands of trainees from rows it loaded in bulk.
 */
export function numberAttempts(
  rows: ReadonlyArray<Selectable<ExamAttemptsTable>>,
  definitionsById: ReadonlyMap<string, ExamDefinition>,
  rules: ExamRules,
  entryDate: string,
): { attempts: ExamAttempt[]; summaries: ExamGroupSummary[] } {
  const rule = limitRuleFor(rules.attemptLimits, entryDate);
  const byGroup = new Map<string, Array<Selectable<ExamAttemptsTable>>>();
  for (const row of rows) {
    const def = definitionsById.get(row.exam_id);
    if (!def) continue;
    const list = byGroup.get(def.attemptGroup) ?? [];
    list.push(row);
    byGroup.set(def.attemptGroup, list);
  }
  const attempts: ExamAttempt[] = [];
  const summaries: ExamGroupSummary[] = [];
  const definitions = [...definitionsById.values()];
  for (const [group, groupRows] of byGroup) {
    const { numbered, allowance } = countAttempts(
      rule,
      groupRows.map((r) => ({ id: r.id, sittingDate: r.sitting_date, result: r.result as ExamResult })),
    );
    const rowById = new Map(groupRows.map((r) => [r.id, r]));
    for (const n of numbered) {
      const row = rowById.get(n.id)!;
      const def = definitionsById.get(row.exam_id)!;
      const components = componentValues(def, parseJson(row.components, {}));
      attempts.push({
        id: row.id,
        traineeId: row.trainee_id,
        examId: def.id,
        examCode: def.code,
        examName: def.name,
        attemptGroup: group,
        sittingDate: row.sitting_date,
        result: row.result as ExamResult,
        score: row.score,
        passMark: row.pass_mark,
        itemCount: row.item_count,
        scoreText: scoreText(row.score, row.item_count),
        components,
        weakestAreas: row.result === 'fail' || row.result === 'pass' ? weakestAreas(def, components) : [],
        feedback: row.feedback,
        attemptNumber: n.attemptNumber,
        exceptional: n.exceptional,
        overLimit: n.overLimit,
        standardLeftAfter: n.standardLeftAfter,
        exceptionalLeftAfter: n.exceptionalLeftAfter,
        flags: attemptFlags(row, def.componentKind === 'grade' ? components.map((c) => c.value).filter(Boolean) : []),
        source: row.source as ExamAttempt['source'],
      });
    }
    const current = currentExamOfGroup(definitions, group);
    summaries.push({
      attemptGroup: group,
      examCode: current?.code ?? group,
      used: allowance.used,
      standardLimit: allowance.standardLimit,
      exceptionalLimit: allowance.exceptionalLimit,
      standardLeft: allowance.standardLeft,
      exceptionalLeft: allowance.exceptionalLeft,
      passed: allowance.passed,
      nextIsExceptional: allowance.nextIsExceptional,
      nextIsLast: allowance.nextIsLast,
      exhausted: allowance.exhausted,
      ruleLabel: rule?.label ?? null,
      description: describeAllowance(allowance),
      earliestGrade: current?.earliestGrade ?? null,
    });
  }
  // Newest first, as people read a history.
  attempts.sort((a, b) => b.sittingDate.localeCompare(a.sittingDate) || a.examCode.localeCompare(b.examCode));
  summaries.sort((a, b) => a.attemptGroup.localeCompare(b.attemptGroup));
  return { attempts, summaries };
}

export function rowToReadiness(row: Selectable<ExamReadinessTable>, def: ExamDefinition | undefined): ReadinessRecord {
  return {
    ...rowToSharedReadiness(row, def),
    privateNote: row.private_note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Built field by field, so a private note can never ride along with a spread. */
export function rowToSharedReadiness(
  row: Selectable<ExamReadinessTable>,
  def: ExamDefinition | undefined,
): SharedReadinessRecord {
  return {
    id: row.id,
    traineeId: row.trainee_id,
    examId: row.exam_id,
    examCode: def?.code ?? '',
    discussedOn: row.discussed_on,
    plannedSittingDate: row.planned_sitting_date,
    bookingDeadline: bookingDeadline(row.planned_sitting_date, def?.bookingWeeksBefore ?? null),
    mockResults: row.mock_results,
    gaps: row.gaps,
    consultationFeedback: row.consultation_feedback,
    wellbeing: row.wellbeing,
    traineeView: row.trainee_view,
    educatorView: row.educator_view,
    decision: row.decision as ReadinessDecision,
    reasons: row.reasons,
    agreedActions: parseJson(row.agreed_actions, []),
  };
}

export interface SupportItemLink {
  label: string;
  id: string;
}

export function rowToSharedPostFail(
  row: Selectable<ExamPostFailTable>,
  attempt: ExamAttempt | undefined,
  failNumber: number,
  def: ExamDefinition | undefined,
): SharedPostFailRecord {
  return {
    id: row.id,
    traineeId: row.trainee_id,
    attemptId: row.attempt_id,
    examCode: attempt?.examCode ?? def?.code ?? '',
    examName: attempt?.examName ?? def?.name ?? '',
    sittingDate: attempt?.sittingDate ?? '',
    failNumber,
    attemptNumber: attempt?.attemptNumber ?? null,
    heldOn: row.held_on,
    participants: row.participants,
    owner: row.owner,
    traineeReflection: row.trainee_reflection,
    feedbackByArea: parseJson(row.feedback_by_area, []),
    contributingFactors: parseJson(row.contributing_factors, []),
    supportTier: row.support_tier,
    supportTierLabel: row.support_tier_label,
    supportOffered: parseJson(row.support_offered, []),
    resitTargetDate: row.resit_target_date,
    resitBookingDeadline: bookingDeadline(row.resit_target_date, def?.bookingWeeksBefore ?? null),
    studyPlan: row.study_plan,
    mocks: row.mocks,
    reviewDates: parseJson(row.review_dates, []),
    agreedActions: parseJson(row.agreed_actions, []),
    traineeAgreed: row.trainee_agreed === 1,
  };
}

export function rowToPostFail(
  row: Selectable<ExamPostFailTable>,
  attempt: ExamAttempt | undefined,
  failNumber: number,
  def: ExamDefinition | undefined,
): PostFailRecord {
  return {
    ...rowToSharedPostFail(row, attempt, failNumber, def),
    privateNote: row.private_note,
    supportItemIds: parseJson<SupportItemLink[]>(row.support_item_ids, []).map((l) => l.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Which fail (1st, 2nd…) an attempt is within its group, counting earlier fails by sitting date. */
export function failNumberOf(attempt: ExamAttempt, all: readonly ExamAttempt[]): number {
  return all.filter(
    (a) =>
      a.attemptGroup === attempt.attemptGroup &&
      a.result === 'fail' &&
      (a.sittingDate < attempt.sittingDate || a.id === attempt.id),
  ).length;
}
