import { randomUUID } from 'node:crypto';
import { shiftDate } from '../../../shared/dates';
import type { DemoContext, DemoRow } from '../demo-kit';

const SUPPORT: Array<[string, string]> = [
  ['seed-2', 'Consultation-skills course'],
  ['seed-3', 'AKT workshop'],
  ['seed-4', 'SCA preparation course'],
  ['seed-8', 'Mentor'],
  ['seed-9', 'Buddy'],
  ['seed-10', 'Language and linguistics support'],
  ['seed-11', 'Professional Support & Wellbeing (PSW) referral'],
];
/** Sometimes an offer of support, somewhere along its path. */
export function addSupportDemo(
  { random, today, at }: DemoContext,
  traineeId: string,
  goalIds: string[],
  rows: { support_items: DemoRow[] },
): void {
  const support = rows.support_items;
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
}
