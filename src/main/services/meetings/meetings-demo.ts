import { randomUUID } from 'node:crypto';
import { shiftDate } from '../../../shared/dates';
import type { DemoContext, DemoRow, DemoTrainee } from '../demo-kit';

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
const TYPES = ['pastoral', 'pastoral', 'plp_review', 'plp_review', 'readiness_to_sit', 'arcp_prep', 'other'];
const MODES = ['in_person', 'in_person', 'video', 'video', 'phone'];

/** One demo trainee's 1:1s, their actions and links to the trainee's goals. */
export function addMeetingsDemo(
  { random, today, at, full }: DemoContext,
  trainee: DemoTrainee,
  goalIds: string[],
  rows: { meetings: DemoRow[]; meeting_actions: DemoRow[]; meeting_goals: DemoRow[] },
): void {
  const traineeId = trainee.id;
  const meetings = rows.meetings;
  const actions = rows.meeting_actions;
  const links = rows.meeting_goals;
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
}

/** Now and then a trainee has a 1:1 cadence of their own. */
export function addCadenceDemo(
  { random, at }: DemoContext,
  traineeId: string,
  rows: { meeting_cadence: DemoRow[] },
): void {
  if (random.chance(0.15))
    rows.meeting_cadence.push({ trainee_id: traineeId, weeks: random.pick([4, 6, 12]), updated_at: at });
}
