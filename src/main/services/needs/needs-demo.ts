import { randomUUID } from 'node:crypto';
import { shiftDate } from '../../../shared/dates';
import { GOAL_AREAS } from '../../../shared/plp';
import type { DemoContext, DemoRow, DemoTrainee } from '../demo-kit';

/** Most ST1s have filled in the early-needs form, with one identified need. */
export function addNeedsDemo(
  { random, at }: DemoContext,
  trainee: DemoTrainee,
  rows: { early_needs: DemoRow[]; identified_needs: DemoRow[] },
): void {
  const traineeId = trainee.id;
  const needs = rows.early_needs;
  const identified = rows.identified_needs;
  if (trainee.grade === 'ST1' && random.chance(0.6)) {
    const started = trainee.programme_start_date;
    const intake: DemoRow = {
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
    };
    // Screening offered (or declined) at the intake meeting, as the form asks for its date.
    if (intake.neurodiversity_screening !== 'not_discussed') intake.neurodiversity_screening_on = intake.completed_on;
    needs.push(intake);
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
}
