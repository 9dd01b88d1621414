import { randomUUID } from 'node:crypto';
import { shiftDate } from '../../../shared/dates';
import type { DemoContext, DemoRow } from '../demo-kit';

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
/** One demo trainee's PLP goals and their reviews; returns the goal ids for 1:1s and support to link to. */
export function addPlpDemo(
  { random, today, at, full }: DemoContext,
  traineeId: string,
  rows: { plp_goals: DemoRow[]; plp_reviews: DemoRow[] },
): string[] {
  const goals = rows.plp_goals;
  const reviews = rows.plp_reviews;
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
    // A goal that has been reviewed has started: its status is its latest review's (drawn as before,
    // so the rest of the demo stays the same).
    if (status === 'not_started' && reviewDates.length > 0) goals[goals.length - 1]!.status = 'in_progress';
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

  return goalIds;
}
