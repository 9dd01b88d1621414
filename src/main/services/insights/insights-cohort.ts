import { DEFAULT_CADENCE_WEEKS } from '../../../shared/meetings/meeting-types';
import type { Executor } from '../../store/open-store';

/**
 * Everything the indicators count, loaded in one pass of bulk queries (no per-trainee look-ups,
 * so the 10,000-trainee demo stays fast). Only status values and dates: no names, no notes.
 */
export interface CohortTrainee {
  id: string;
  programme: string;
  grade: string;
  startedOn: string;
  status: string;
  cadenceWeeks: number;
}

export interface CohortAttempt {
  id: string;
  traineeId: string;
  /** Attempt group: AKT, SCA (RCA attempts count with SCA). */
  exam: string;
  sittingDate: string;
  result: string;
}

export interface Cohort {
  today: string;
  trainees: CohortTrainee[];
  /** Attempts that count (pass, fail, awaiting), oldest first per trainee. */
  attemptsByTrainee: Map<string, CohortAttempt[]>;
  /** Earliest post-fail conversation per failed attempt. */
  conversationByAttempt: Map<string, string>;
  readinessByTrainee: Map<string, Array<{ exam: string; discussedOn: string }>>;
  earlyNeedsCompletedOn: Map<string, string | null>;
  arcpByTrainee: Map<string, Array<{ panelDate: string; outcome: string }>>;
  catalogue: Array<{ id: string; label: string }>;
  supportByTrainee: Map<string, Array<{ catalogueId: string | null; status: string; offeredOn: string }>>;
  /** Each trainee's first offer of each catalogue entry: catalogue id → trainee id → offer. */
  firstOfferByCatalogue: Map<string, Map<string, { status: string; offeredOn: string }>>;
  /** Each trainee's latest 1:1 on or before the as-of date. */
  lastMeetingByTrainee: Map<string, string>;
  /**
   * Characteristics recorded for evaluation, with agreement (nothing else is stored): trainee id →
   * field → value. Read here only to count groups; never shown about anyone.
   */
  characteristicsByTrainee: Map<string, Map<string, string>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Attempts that use up an attempt: withdrawn and void sittings are not attempts. */
const COUNTED = ['pass', 'fail', 'awaiting'];

export async function loadCohort(
  db: Executor,
  today: string,
  filters: { programme?: string | null; grade?: string | null },
  asOf: string = today,
): Promise<Cohort> {
  let traineeQuery = db
    .selectFrom('trainees as t')
    .leftJoin('meeting_cadence as c', 'c.trainee_id', 't.id')
    .select(['t.id', 't.programme', 't.grade', 't.programme_start_date', 't.status', 'c.weeks'])
    .where('t.archived_at', 'is', null);
  if (filters.programme) traineeQuery = traineeQuery.where('t.programme', '=', filters.programme);
  if (filters.grade) traineeQuery = traineeQuery.where('t.grade', '=', filters.grade);
  const [
    trainees,
    definitions,
    attempts,
    postFail,
    readiness,
    needs,
    arcp,
    catalogue,
    support,
    meetings,
    characteristics,
  ] = await Promise.all([
    traineeQuery.execute(),
    db.selectFrom('exam_definitions').select(['id', 'attempt_group']).execute(),
    db
      .selectFrom('exam_attempts')
      .select(['id', 'trainee_id', 'exam_id', 'sitting_date', 'result'])
      .where('result', 'in', COUNTED)
      .orderBy('sitting_date')
      .execute(),
    db.selectFrom('exam_post_fail').select(['attempt_id', 'held_on']).execute(),
    db.selectFrom('exam_readiness').select(['trainee_id', 'exam_id', 'discussed_on']).execute(),
    db.selectFrom('early_needs').select(['trainee_id', 'completed_on']).execute(),
    db
      .selectFrom('arcp_records')
      .select(['trainee_id', 'panel_date', 'outcome'])
      .where('outcome', 'is not', null)
      .orderBy('panel_date')
      .execute(),
    db.selectFrom('support_catalogue').select(['id', 'label']).orderBy('sort_order').orderBy('label').execute(),
    db
      .selectFrom('support_items')
      .select(['trainee_id', 'catalogue_id', 'status', 'offered_on'])
      .where('deleted_at', 'is', null)
      .orderBy('offered_on')
      .execute(),
    db
      .selectFrom('meetings')
      .select(['trainee_id', (eb) => eb.fn.max('held_on').as('last')])
      .where('deleted_at', 'is', null)
      .where('held_on', '<=', asOf)
      .groupBy('trainee_id')
      .execute(),
    db.selectFrom('evaluation_characteristics').select(['trainee_id', 'field', 'value']).execute(),
  ]);
  const groupOf = new Map(definitions.map((d) => [d.id, d.attempt_group]));
  const cohort: Cohort = {
    today,
    trainees: trainees.map((t) => ({
      id: t.id,
      programme: t.programme,
      grade: t.grade,
      startedOn: t.programme_start_date,
      status: t.status,
      cadenceWeeks: t.weeks ?? DEFAULT_CADENCE_WEEKS,
    })),
    attemptsByTrainee: new Map(),
    conversationByAttempt: new Map(),
    readinessByTrainee: new Map(),
    earlyNeedsCompletedOn: new Map(needs.map((n) => [n.trainee_id, n.completed_on])),
    arcpByTrainee: new Map(),
    catalogue: catalogue.map((c) => ({ id: c.id, label: c.label })),
    supportByTrainee: new Map(),
    firstOfferByCatalogue: new Map(),
    lastMeetingByTrainee: new Map(meetings.map((m) => [m.trainee_id, m.last])),
    characteristicsByTrainee: new Map(),
  };
  for (const c of characteristics) {
    const fields = cohort.characteristicsByTrainee.get(c.trainee_id) ?? new Map<string, string>();
    cohort.characteristicsByTrainee.set(c.trainee_id, fields.set(c.field, c.value));
  }
  for (const a of attempts)
    push(cohort.attemptsByTrainee, a.trainee_id, {
      id: a.id,
      traineeId: a.trainee_id,
      exam: groupOf.get(a.exam_id) ?? a.exam_id,
      sittingDate: a.sitting_date,
      result: a.result,
    });
  for (const p of postFail) {
    const held = cohort.conversationByAttempt.get(p.attempt_id);
    if (!held || p.held_on < held) cohort.conversationByAttempt.set(p.attempt_id, p.held_on);
  }
  for (const r of readiness)
    push(cohort.readinessByTrainee, r.trainee_id, {
      exam: groupOf.get(r.exam_id) ?? r.exam_id,
      discussedOn: r.discussed_on,
    });
  for (const r of arcp) push(cohort.arcpByTrainee, r.trainee_id, { panelDate: r.panel_date, outcome: r.outcome! });
  for (const s of support) {
    const offer = { catalogueId: s.catalogue_id, status: s.status, offeredOn: s.offered_on };
    push(cohort.supportByTrainee, s.trainee_id, offer);
    if (!s.catalogue_id) continue;
    const first = cohort.firstOfferByCatalogue.get(s.catalogue_id) ?? new Map<string, typeof offer>();
    cohort.firstOfferByCatalogue.set(s.catalogue_id, first);
    // Rows come oldest first, so the first seen is the first offer.
    if (!first.has(s.trainee_id)) first.set(s.trainee_id, offer);
  }
  return cohort;
}
