import { defaultItemCount } from '../../../shared/exams/akt-papers';
import { randomUUID } from 'node:crypto';
import { addDays, format, parseISO } from 'date-fns';
import type { Insertable } from 'kysely';
import { tierForFail, weakestAreas } from '../../../shared/exams/attempt-limits';
import { CONTRIBUTING_FACTORS, DOMAIN_GRADES, type ExamDefinition } from '../../../shared/exams/exam-reference';
import type { Executor } from '../../store/open-store';
import type { ExamAttemptsTable, ExamPostFailTable, ExamReadinessTable } from '../../store/schema-exams';
import { seededRandom, type Random } from '../demo-kit';
import { componentValues, loadDefinitions, loadRules } from './exam-rows';
import { offerPostFailSupport } from './exam-support-link';
import { addExtensionDemo, type DemoLeaver } from './extension-demo';

const BATCH = 400;
const LEADS = ['Dr Helen Carter', 'Dr Anjali Desai', 'Dr Marcus Reid'];
const REFLECTIONS = [
  'Felt rushed in the second half; ran out of time on management plans.',
  'Revised the wrong areas: too much clinical detail, too little on evidence and organisation.',
  'Nervous on the day; the remote set-up was unfamiliar.',
  'Thought the consultations went well; surprised by the result.',
];
const ACTIONS = [
  'Book the regional mock exam',
  'Two timed practice consultations a week with the trainer',
  'Join the study group on Thursdays',
  'Review the college feedback statements with the ES',
  'Complete 200 practice questions in the weakest area',
  'Record two consultations for review',
];

function iso(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

function shift(isoDate: string, days: number): string {
  return iso(addDays(parseISO(isoDate), days));
}

async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

function aktComponents(random: Random, passed: boolean): Record<string, string> {
  const base = passed ? random.int(68, 82) : random.int(55, 68);
  return {
    clinical_knowledge: String(Math.min(95, base + random.int(-4, 6))),
    evidence_based_practice: String(Math.max(35, base - random.int(0, 18))),
    organisation_management: String(Math.max(35, base - random.int(-6, 14))),
  };
}

function scaComponents(random: Random, passed: boolean): Record<string, string> {
  const keys = ['data_gathering', 'clinical_management', 'relating_to_others'];
  const grades = keys.map(() =>
    passed ? random.pick(['Clear Pass', 'Pass', 'Pass', 'Fail']) : random.pick(['Pass', 'Fail', 'Fail', 'Clear Fail']),
  );
  // A fail has at least one failing domain.
  if (!passed && !grades.some((g) => g === 'Fail' || g === 'Clear Fail')) grades[random.int(0, 2)] = 'Fail';
  return Object.fromEntries(keys.map((k, i) => [k, grades[i]! as (typeof DOMAIN_GRADES)[number]]));
}

/**
 * Synthetic exam histories for demo trainees: AKT for most ST2-3s, SCA for ST3s, some fails
 * with post-fail conversations (and the support accepted), readiness discussions before
 * planned sittings, and a few results awaited. Batched so the large register loads in seconds.
 */
/** Its own stream, so exam demo data stays the same when other features change what they draw. */
export const EXAM_DEMO_SEED = 4_042_026;

export async function addExamDemo(trx: Executor, _shared: Random, traineeIds: string[], today: string): Promise<void> {
  const random = seededRandom(EXAM_DEMO_SEED);
  const definitions = await loadDefinitions(trx);
  const akt = definitions.find((d) => d.code === 'AKT');
  const sca = definitions.find((d) => d.code === 'SCA');
  if (!akt || !sca) return;
  const ladder = (await loadRules(trx)).ladder;
  const wanted = new Set(traineeIds);
  const trainees = (
    await trx
      .selectFrom('trainees')
      .select(['id', 'grade', 'status', 'programme_start_date', 'educational_supervisor'])
      .execute()
  ).filter((t) => wanted.has(t.id));
  const at = new Date().toISOString();

  const attempts: Array<Insertable<ExamAttemptsTable>> = [];
  const conversations: Array<{
    row: Insertable<ExamPostFailTable>;
    offers: Array<{ label: string; accepted: boolean }>;
  }> = [];
  const readiness: Array<Insertable<ExamReadinessTable>> = [];

  const addHistory = (
    traineeId: string,
    exam: ExamDefinition,
    firstSitting: string,
    passRate: number,
    supervisor: string | null,
  ) => {
    let sitting = firstSitting;
    let fails = 0;
    let supported = false;
    for (let n = 0; n < 4; n++) {
      if (sitting > shift(today, -7)) {
        // A sitting in the last three weeks whose result is not out yet.
        if (sitting <= today && sitting > shift(today, -21))
          attempts.push(attemptRow(traineeId, exam, sitting, 'awaiting', {}, null, null));
        return;
      }
      // After a post-fail conversation (and the support taken up) the odds of passing double, roughly as one
      // region found, so the "What works" figures have something to show: odds p/(1-p) × 2 → 2p/(1+p).
      const passed = random.chance(supported ? (2 * passRate) / (1 + passRate) : passRate);
      supported = false;
      const passMark = exam.hasScore ? random.int(136, 142) : null;
      const score = passMark === null ? null : passed ? passMark + random.int(1, 35) : passMark - random.int(1, 25);
      const components = exam.code === 'AKT' ? aktComponents(random, passed) : scaComponents(random, passed);
      const row = attemptRow(traineeId, exam, sitting, passed ? 'pass' : 'fail', components, score, passMark);
      attempts.push(row);
      if (passed) return;
      fails++;
      const nextSitting = shift(sitting, random.int(90, 130));
      const conversationDue = shift(sitting, 28);
      // Most fails have a conversation; recent ones and a few older ones do not yet, so the monitor has work to show.
      if (conversationDue < today ? random.chance(0.7) : random.chance(0.3)) {
        const heldOn = shift(sitting, random.int(7, 27));
        if (heldOn <= today) {
          conversations.push(conversation(row, exam, fails, heldOn, nextSitting, supervisor));
          supported = true;
        }
      }
      if (nextSitting > today && random.chance(0.5)) {
        readiness.push(
          readinessRow(
            traineeId,
            exam,
            shift(nextSitting, -random.int(50, 70)) > today ? today : shift(nextSitting, -random.int(50, 70)),
            nextSitting,
          ),
        );
      }
      sitting = nextSitting;
      passRate = Math.max(0.45, passRate - 0.05);
    }
  };

  const attemptRow = (
    traineeId: string,
    exam: ExamDefinition,
    sitting: string,
    result: 'pass' | 'fail' | 'awaiting',
    components: Record<string, string>,
    score: number | null,
    passMark: number | null,
  ): Insertable<ExamAttemptsTable> => {
    const items = score === null ? null : defaultItemCount(exam.code, sitting);
    // Scores are drawn out of 200; a shorter paper (the AKT's 160 items from October 2025) gets them scaled
    // to its size, keeping a fail under the pass mark and a pass at or over it, as the form insists.
    let scaled = { score, passMark };
    if (items !== null && items !== 200 && score !== null && passMark !== null) {
      const mark = Math.round((passMark * items) / 200);
      const raw = Math.round((score * items) / 200);
      scaled = { passMark: mark, score: result === 'pass' ? Math.max(raw, mark) : Math.min(raw, mark - 1) };
    }
    return attemptColumns(traineeId, exam, sitting, result, components, scaled.score, scaled.passMark, items);
  };

  const attemptColumns = (
    traineeId: string,
    exam: ExamDefinition,
    sitting: string,
    result: 'pass' | 'fail' | 'awaiting',
    components: Record<string, string>,
    score: number | null,
    passMark: number | null,
    items: number | null,
  ): Insertable<ExamAttemptsTable> => ({
    id: randomUUID(),
    trainee_id: traineeId,
    exam_id: exam.id,
    sitting_date: sitting,
    result,
    score,
    pass_mark: passMark,
    item_count: items,
    components: JSON.stringify(components),
    feedback: result === 'fail' ? 'Feedback statements received from the college.' : null,
    source: 'demo',
    created_at: at,
    updated_at: at,
  });

  const conversation = (
    attempt: Insertable<ExamAttemptsTable>,
    exam: ExamDefinition,
    failNumber: number,
    heldOn: string,
    target: string,
    supervisor: string | null,
  ) => {
    const values = componentValues(exam, JSON.parse(attempt.components as string) as Record<string, string>);
    const weakest = weakestAreas(exam, values);
    const tier = tierForFail(ladder, failNumber);
    const offers = (tier?.support ?? []).map((label) => ({ label, accepted: random.chance(0.75) }));
    const factors = [
      ...new Set([random.pick(CONTRIBUTING_FACTORS.values), random.pick(CONTRIBUTING_FACTORS.values)]),
    ].map((factor) => ({ factor, note: null }));
    const lead = random.pick(LEADS);
    const row: Insertable<ExamPostFailTable> = {
      id: randomUUID(),
      trainee_id: attempt.trainee_id,
      attempt_id: attempt.id as string,
      held_on: heldOn,
      participants: `${lead} (exam lead)${supervisor ? `, ${supervisor} (ES)` : ''}, trainee`,
      owner: lead,
      trainee_reflection: random.pick(REFLECTIONS),
      feedback_by_area: JSON.stringify(
        values.map((v) => ({
          key: v.key,
          label: v.label,
          result: v.value,
          weakest: weakest.includes(v.label),
          note: weakest.includes(v.label) ? 'Discussed the feedback statements for this area.' : null,
        })),
      ),
      contributing_factors: JSON.stringify(factors),
      support_tier: tier?.failNumber ?? failNumber,
      support_tier_label: tier?.label ?? null,
      support_offered: JSON.stringify(offers),
      support_item_ids: '[]',
      resit_target_date: target,
      study_plan: 'Weekly timed practice focused on the weakest areas, reviewed with the trainer.',
      mocks: random.chance(0.6) ? 'Regional mock booked' : null,
      review_dates: JSON.stringify([shift(heldOn, 28)]),
      agreed_actions: JSON.stringify(
        [random.pick(ACTIONS), random.pick(ACTIONS)].filter((a, i, all) => all.indexOf(a) === i),
      ),
      trainee_agreed: random.chance(0.8) ? 1 : 0,
      private_note: random.chance(0.2) ? 'Private: mentioned family pressures; check in informally.' : null,
      created_at: at,
      updated_at: at,
    };
    return { row, offers };
  };

  const readinessRow = (
    traineeId: string,
    exam: ExamDefinition,
    discussedOn: string,
    planned: string,
  ): Insertable<ExamReadinessTable> => ({
    id: randomUUID(),
    trainee_id: traineeId,
    exam_id: exam.id,
    discussed_on: discussedOn,
    planned_sitting_date: planned,
    mock_results: random.chance(0.6) ? `Mock: ${random.int(55, 80)}%` : null,
    gaps: random.chance(0.5) ? 'Evidence-based practice questions; time management' : null,
    consultation_feedback: exam.code === 'SCA' ? 'COTs show good rapport; management plans sometimes vague' : null,
    wellbeing: null,
    trainee_view: 'Feels more prepared than last time',
    educator_view: 'Agrees, with a mock first',
    decision: random.pick(['ready', 'ready', 'not_yet', 'defer']),
    reasons: 'Based on mock results and recent consultations',
    agreed_actions: JSON.stringify([random.pick(ACTIONS)]),
    private_note: null,
    created_at: at,
    updated_at: at,
  });

  for (const t of trainees) {
    const start = t.programme_start_date;
    if (t.grade === 'ST2' && random.chance(0.45))
      addHistory(t.id, akt, shift(start, random.int(330, 480)), 0.66, t.educational_supervisor);
    if (t.grade === 'ST3') {
      if (random.chance(0.95))
        addHistory(t.id, akt, shift(start, random.int(400, 520)), 0.68, t.educational_supervisor);
      if (random.chance(0.7)) addHistory(t.id, sca, shift(start, random.int(740, 900)), 0.62, t.educational_supervisor);
      else if (random.chance(0.5))
        readiness.push(readinessRow(t.id, sca, shift(today, -random.int(0, 20)), shift(today, random.int(40, 110))));
    }
  }

  // Two ST2s with no exam history leave training without a CCT after two AKT fails, so the
  // after-training attempt has something to show: one has used it (result awaited), one still may.
  // Drawn after everything above, so the other histories stay the same.
  const leavers: DemoLeaver[] = [];
  const byId = new Map(trainees.map((t) => [t.id, t]));
  const fresh = traineeIds
    .map((id) => byId.get(id))
    .filter(
      (t) => t && t.grade === 'ST2' && t.status === 'in_programme' && !attempts.some((a) => a.trainee_id === t.id),
    );
  const leave = (
    t: (typeof trainees)[number],
    failsDaysAgo: number[],
    leftDaysAgo: number,
    usedDaysAgo: number | null,
  ) => {
    failsDaysAgo.forEach((daysAgo, i) => {
      const passMark = random.int(136, 142);
      const sitting = shift(today, -daysAgo);
      const row = attemptRow(
        t.id,
        akt,
        sitting,
        'fail',
        aktComponents(random, false),
        passMark - random.int(1, 25),
        passMark,
      );
      attempts.push(row);
      conversations.push(
        conversation(row, akt, i + 1, shift(sitting, 14), shift(sitting, 120), t.educational_supervisor),
      );
    });
    if (usedDaysAgo !== null)
      attempts.push(attemptRow(t.id, akt, shift(today, -usedDaysAgo), 'awaiting', {}, null, null));
    leavers.push({ id: t.id, leftOn: shift(today, -leftDaysAgo), extensionMonths: usedDaysAgo === null ? 4 : 6 });
  };
  if (fresh[0]) leave(fresh[0], [330, 200], 150, 10);
  if (fresh[1]) leave(fresh[1], [250, 100], 40, null);
  await addExtensionDemo(
    trx,
    traineeIds.filter((id) => byId.has(id)).map((id) => ({ id, status: byId.get(id)!.status })),
    leavers,
    today,
    at,
  );

  await insertInBatches(attempts, (batch) => trx.insertInto('exam_attempts').values(batch).execute());
  const settledBy = shift(today, -56);
  for (const { row, offers } of conversations) {
    const links = await offerPostFailSupport(trx, {
      traineeId: row.trainee_id,
      conversationId: row.id,
      offeredOn: row.held_on,
      offers,
      existing: [],
      now: new Date(),
    });
    row.support_item_ids = JSON.stringify(links);
    // Support offered months ago has run its course (completed or declined), so Today shows only current follow-ups.
    if (row.held_on < settledBy) {
      for (const link of links) {
        const accepted = offers.find((o) => o.label === link.label)?.accepted ?? false;
        await trx
          .updateTable('support_items')
          .set(
            accepted
              ? {
                  status: 'completed',
                  attended_on: shift(row.held_on, 21),
                  completed_on: shift(row.held_on, 42),
                  outcome: 'Attended; found it useful for the re-sit',
                  follow_up_on: null,
                }
              : {
                  status: 'declined',
                  declined_on: row.held_on,
                  outcome: 'Preferred to prepare independently',
                  follow_up_on: null,
                },
          )
          .where('id', '=', link.id)
          .execute();
      }
    }
  }
  await insertInBatches(
    conversations.map((c) => c.row),
    (batch) => trx.insertInto('exam_post_fail').values(batch).execute(),
  );
  await insertInBatches(readiness, (batch) => trx.insertInto('exam_readiness').values(batch).execute());
}
