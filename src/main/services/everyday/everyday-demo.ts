import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../store/schema';
import type { Random } from '../demo/random';
import { shiftDate } from '../../../shared/dates';
import { GOAL_AREAS } from '../../../shared/plp/plp-types';

// Synthetic phrases only: combined at random, they describe no real person.
const SUMMARIES: Record<string, string[]> = {
  induction: [
    'Welcome meeting. Talked through the rotation, the e-portfolio and who to contact in each post. Agreed to meet again after the first month.',
    'Hello meeting: previous experience in emergency medicine abroad; new to UK general practice. Went through the induction timetable and the scheme’s learning sets.',
  ],
  pastoral: [
    'Settling in well at the practice; finding telephone consultations harder than face to face. Discussed strategies for structuring calls.',
    'Busy rota in the hospital post. Talked about protected study time and how to raise rota concerns with the clinical supervisor.',
    'Reflected on a difficult consultation. Good insight; agreed to write it up as a learning log.',
  ],
  plp_review: [
    'Reviewed the plan goal by goal. Good progress on consultation structure; e-portfolio entries still behind the expected number.',
    'PLP review: exam preparation on track, mock score improved. Agreed to add a goal on managing complexity in multimorbidity.',
  ],
  readiness_to_sit: [
    'Readiness discussion before the next sitting. Question bank scores around the pass mark; agreed to sit if the mock exam goes well.',
    'Talked through the SCA format and the three domains. Will join the small-group practice sessions before booking.',
  ],
  post_fail: [
    'Went through the feedback domain by domain. Data gathering was the weakest area. Agreed a plan for the re-sit with the exam support lead.',
  ],
  arcp_prep: [
    'Checked the evidence for the coming ARCP: WPBA numbers met except CbDs; ESR booked. No concerns expected.',
    'ARCP preparation: learning logs and QIP complete; leadership MSF still to be sent out.',
  ],
  other: ['Short catch-up about the out-of-hours sessions and the teaching programme.'],
};
const PRIVATE_NOTES = [
  'Mentioned family pressures at home; offered to talk again any time.',
  'Seemed tired; check in about the rota next time.',
  'Worried about the visa renewal timing; signposted to the deanery team.',
  'Said the practice manager has been very supportive.',
  '',
  '',
];
const ACTIONS: Array<[string, 'trainee' | 'tpd' | 'es' | 'other']> = [
  ['Write up two learning logs on telephone consultations', 'trainee'],
  ['Book onto the consultation-skills course', 'trainee'],
  ['Send dates of the next AKT workshop', 'tpd'],
  ['Arrange a joint surgery with the trainer', 'es'],
  ['Complete the leadership MSF', 'trainee'],
  ['Check study leave with the rota coordinator', 'other'],
  ['Share the SCA practice case bank', 'tpd'],
  ['Upload the QIP write-up to the e-portfolio', 'trainee'],
  ['Review CbD numbers before the ESR', 'es'],
];
const GOALS: Array<[string, string, string]> = [
  [
    'Structure telephone consultations with a clear safety-net',
    'rcgp2019:communication_consultation',
    'Trainer observes three telephone surgeries with a consistent structure and safety-netting.',
  ],
  ['Pass the AKT at the next sitting', 'exam', 'AKT passed; question bank average above 70% beforehand.'],
  [
    'Keep the e-portfolio up to date each month',
    'eportfolio',
    'At least three learning logs a month and WPBA on track at each review.',
  ],
  [
    'Manage multimorbidity and polypharmacy with confidence',
    'rcgp2019:medical_complexity',
    'Two CbDs on complex patients graded competent.',
  ],
  ['Settle into life and work in the area', 'practical', 'Housing and transport sorted; knows who to ask for help.'],
  [
    'Build confidence with colloquial English in consultations',
    'communication',
    'Patients’ idioms understood; feedback from the PSQ is positive.',
  ],
  [
    'Look after wellbeing during the hospital post',
    'wellbeing',
    'Regular breaks and a named person to talk to; no sickness absence from burnout.',
  ],
  ['Prepare for the SCA', 'exam', 'Twelve practice cases timed, with feedback on all three domains.'],
];
const SUPPORT: Array<[string, string]> = [
  ['seed-2', 'Consultation-skills course'],
  ['seed-3', 'AKT workshop'],
  ['seed-4', 'SCA preparation course'],
  ['seed-8', 'Mentor'],
  ['seed-9', 'Buddy'],
  ['seed-10', 'Language and linguistics support'],
  ['seed-11', 'Professional Support & Wellbeing (PSW) referral'],
];
const TYPES = ['pastoral', 'pastoral', 'plp_review', 'plp_review', 'readiness_to_sit', 'arcp_prep', 'other'];
const MODES = ['in_person', 'in_person', 'video', 'video', 'phone'];

async function insertInBatches<T extends keyof DB>(
  trx: Transaction<DB>,
  table: T,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const size = Math.max(1, Math.floor(30_000 / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto(table)
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one helper for every demo table
      .values(rows.slice(i, i + size) as any)
      .execute();
  }
}

/**
 * 1:1s, plans, early needs and support for the demo trainees, dated around `today` so the
 * Today view has some of everything: overdue, due soon and coming up.
 */
export async function addEverydayDemo(
  trx: Transaction<DB>,
  random: Random,
  traineeIds: string[],
  today: string,
): Promise<void> {
  const at = new Date().toISOString();
  const meetings: Array<Record<string, unknown>> = [];
  const actions: Array<Record<string, unknown>> = [];
  const goals: Array<Record<string, unknown>> = [];
  const reviews: Array<Record<string, unknown>> = [];
  const links: Array<Record<string, unknown>> = [];
  const support: Array<Record<string, unknown>> = [];
  const needs: Array<Record<string, unknown>> = [];
  const identified: Array<Record<string, unknown>> = [];
  const cadence: Array<Record<string, unknown>> = [];
  const grades = await trx
    .selectFrom('trainees')
    .select(['id', 'grade', 'expected_cct_date', 'programme_start_date'])
    .execute();
  const byId = new Map(grades.map((g) => [g.id, g]));
  // A scheme-sized register gets a full history; the 10,000-trainee stress set a thinner one, so it loads in seconds.
  const full = traineeIds.length <= 1000;

  for (const traineeId of traineeIds) {
    const trainee = byId.get(traineeId)!;
    const goalIds: string[] = [];
    for (let g = 0, n = random.int(1, full ? 3 : 2); g < n; g++) {
      const [title, area, success] = random.pick(GOALS);
      const id = randomUUID();
      const status = random.pick(['in_progress', 'in_progress', 'not_started', 'achieved']);
      const open = status !== 'achieved';
      // Agreed some months ago, reviewed since, oldest review first.
      const agreedOn = shiftDate(today, -random.int(160, 220));
      goals.push({
        id,
        trainee_id: traineeId,
        title,
        area,
        success_criteria: success,
        target_on: shiftDate(today, random.int(30, 300)),
        next_review_on: open ? shiftDate(today, random.int(-10, 75)) : null,
        status,
        source_need_id: null,
        created_at: `${agreedOn}T09:00:00.000Z`,
        updated_at: at,
        deleted_at: null,
      });
      goalIds.push(id);
      const reviewDates = Array.from({ length: random.int(0, full ? 2 : 1) }, () =>
        shiftDate(today, -random.int(20, 150)),
      ).sort();
      reviewDates.forEach((reviewedOn, r) => {
        const last = r === reviewDates.length - 1;
        reviews.push({
          id: randomUUID(),
          goal_id: id,
          reviewed_on: reviewedOn,
          note:
            last && status === 'achieved'
              ? 'Goal met; evidence seen in the e-portfolio.'
              : random.pick([
                  'Good progress; evidence seen in the e-portfolio.',
                  'Slower than hoped because of the rota; goal kept.',
                  'Trainer feedback positive; keep going.',
                ]),
          status_after: status === 'achieved' && last ? 'achieved' : 'in_progress',
          created_at: at,
        });
      });
    }

    // Most trainees were seen within their cadence; a few are overdue, as in a real scheme.
    const count = random.int(1, full ? 3 : 2);
    const dates: string[] = [shiftDate(today, -(random.chance(0.8) ? random.int(3, 52) : random.int(60, 110)))];
    while (dates.length < count) dates.unshift(shiftDate(dates[0]!, -random.int(35, 70)));
    for (const [m, heldOn] of dates.entries()) {
      const type = m === 0 && trainee.grade === 'ST1' ? 'induction' : random.pick(TYPES);
      const id = randomUUID();
      const last = m === count - 1;
      meetings.push({
        id,
        trainee_id: traineeId,
        held_on: heldOn,
        start_time: random.pick(['09:00', '12:30', '13:00', '16:00', null]),
        duration_minutes: random.pick([30, 45, 60]),
        mode: random.pick(MODES),
        meeting_type: type,
        attendees: JSON.stringify(random.chance(0.3) ? ['Educational supervisor'] : []),
        shared_summary: random.pick(SUMMARIES[type]!),
        private_notes: random.pick(PRIVATE_NOTES),
        wellbeing: random.pick(['good', 'good', 'okay', 'struggling', null]),
        wellbeing_note: null,
        next_due_on: last && random.chance(0.5) ? shiftDate(heldOn, random.pick([28, 42, 56])) : null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      });
      for (let a = 0, an = full ? random.int(1, 2) : 1; a < an; a++) {
        const [description, owner] = random.pick(ACTIONS);
        const due = shiftDate(heldOn, random.int(10, 45));
        actions.push({
          id: randomUUID(),
          meeting_id: id,
          trainee_id: traineeId,
          description,
          owner,
          due_on: due,
          done_on: due < today && random.chance(0.88) ? due : null,
          sort_order: a,
          created_at: at,
          updated_at: at,
        });
      }
      if (goalIds.length && (type === 'plp_review' || random.chance(0.3)))
        links.push({ meeting_id: id, goal_id: random.pick(goalIds) });
    }

    if (random.chance(0.45)) {
      const [catalogueId, label] = random.pick(SUPPORT);
      const offered = shiftDate(today, -random.int(3, 120));
      const status = random.pick(['offered', 'accepted', 'attended', 'completed', 'declined']);
      const after = (days: number) => shiftDate(offered, days);
      support.push({
        id: randomUUID(),
        trainee_id: traineeId,
        catalogue_id: catalogueId,
        label,
        source: goalIds.length && random.chance(0.4) ? 'plp' : 'manual',
        source_id: null,
        goal_id: goalIds.length && random.chance(0.4) ? goalIds[0] : null,
        status,
        offered_on: offered,
        accepted_on: status !== 'offered' && status !== 'declined' ? after(2) : null,
        declined_on: status === 'declined' ? after(3) : null,
        attended_on: status === 'attended' || status === 'completed' ? after(20) : null,
        completed_on: status === 'completed' ? after(40) : null,
        outcome:
          status === 'completed'
            ? 'Found it useful; feedback shared with the ES.'
            : status === 'declined'
              ? 'Prefers to work with the trainer first.'
              : null,
        note: null,
        follow_up_on: status === 'offered' ? after(14) : status === 'accepted' ? after(16) : null,
        created_at: at,
        updated_at: at,
        deleted_at: null,
      });
    }

    if (trainee.grade === 'ST1' && random.chance(0.6)) {
      const started = trainee.programme_start_date;
      needs.push({
        trainee_id: traineeId,
        completed_on: shiftDate(started, random.int(3, 20)),
        previous_experience: random.pick([
          'Two years in internal medicine abroad.',
          'Foundation training in the UK, then a year in emergency medicine.',
          'Worked as a GP in another health system for three years.',
        ]),
        nhs_familiarity: random.pick([
          'New to the NHS.',
          'Some NHS experience in hospital posts.',
          'Familiar with the NHS.',
        ]),
        learning_preferences: random.pick([
          'Learns best by seeing and doing; likes small groups.',
          'Prefers reading then discussing cases.',
        ]),
        communication_language: random.chance(0.4) ? 'Would like help with colloquial English on the telephone.' : null,
        practical_needs: JSON.stringify(random.chance(0.3) ? ['housing'] : []),
        practical_notes: null,
        wellbeing: null,
        reasonable_adjustments: null,
        neurodiversity_screening: random.pick(['not_discussed', 'offered', 'declined']),
        neurodiversity_screening_on: null,
        consent_share_with: 'Educational supervisor',
        consent_scope: 'Learning needs and practical needs; not health information.',
        consent_given_on: shiftDate(started, random.int(3, 20)),
        referrals: null,
        retain_until: trainee.expected_cct_date ?? shiftDate(started, 1096),
        created_at: at,
        updated_at: at,
      });
      identified.push({
        id: randomUUID(),
        trainee_id: traineeId,
        area: random.pick(GOAL_AREAS).value,
        description: random.pick([
          'Confidence with telephone consultations',
          'Understanding of NHS referral pathways',
          'Time management in ten-minute appointments',
        ]),
        goal_id: null,
        created_at: at,
      });
    }
    if (random.chance(0.15)) cadence.push({ trainee_id: traineeId, weeks: random.pick([4, 6, 12]), updated_at: at });
  }
  // The search index follows these inserts through its triggers.
  await insertInBatches(trx, 'meetings', meetings);
  await insertInBatches(trx, 'meeting_actions', actions);
  await insertInBatches(trx, 'plp_goals', goals);
  await insertInBatches(trx, 'plp_reviews', reviews);
  await insertInBatches(trx, 'meeting_goals', links);
  await insertInBatches(trx, 'support_items', support);
  await insertInBatches(trx, 'early_needs', needs);
  await insertInBatches(trx, 'identified_needs', identified);
  await insertInBatches(trx, 'meeting_cadence', cadence);
}
