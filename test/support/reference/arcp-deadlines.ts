// Frozen reference copy (see README.md): do not change.
import { OUTCOME_FIVE } from '../../../src/shared/arcp/arcp-reference';
import { arcpDeadlines, reviewOverdue } from '../../../src/shared/arcp/deadlines';
import type { TraineeDeadline } from '../../../src/shared/arcp/arcp-contract';
import { displayName } from '../../../src/shared/trainees/trainee-schema';
import type { Executor } from '../../../src/main/store/open-store';

// Frozen copy of collectDeadlines from src/main/services/arcp/arcp-service.ts, before the rewrite for scale.
const REVIEWED_STATUSES = ['in_programme', 'extension'];

function superseded(outcome: string | null, panelDate: string, lastReviewedPanelDate: string | undefined): boolean {
  return outcome === OUTCOME_FIVE && lastReviewedPanelDate !== undefined && lastReviewedPanelDate > panelDate;
}

export async function collectDeadlines(db: Executor, day: string, horizonDays: number): Promise<TraineeDeadline[]> {
  // Only the columns the rules need: this runs on every Today view, over the whole register.
  const trainees = await db
    .selectFrom('trainees')
    .select(['id', 'given_name', 'family_name', 'preferred_name', 'status', 'programme_start_date'])
    .where('archived_at', 'is', null)
    .execute();
  const open = await db
    .selectFrom('arcp_records')
    .select(['id', 'trainee_id', 'panel_date', 'esr_full_date', 'outcome', 'evidence_due_date'])
    .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '=', OUTCOME_FIVE)]))
    .execute();
  const lastPanels = await db
    .selectFrom('arcp_records')
    .select(['trainee_id'])
    .select((eb) => eb.fn.max('panel_date').as('last'))
    .where('outcome', 'is not', null)
    .groupBy('trainee_id')
    .execute();
  const lastByTrainee = new Map(lastPanels.map((r) => [r.trainee_id, r.last as string]));
  const openByTrainee = new Map<string, typeof open>();
  for (const r of open) {
    const list = openByTrainee.get(r.trainee_id) ?? [];
    list.push(r);
    openByTrainee.set(r.trainee_id, list);
  }
  const out: TraineeDeadline[] = [];
  for (const t of trainees) {
    const mine = openByTrainee.get(t.id) ?? [];
    const name = displayName({ givenName: t.given_name, familyName: t.family_name, preferredName: t.preferred_name });
    for (const r of mine) {
      if (superseded(r.outcome, r.panel_date, lastByTrainee.get(t.id))) continue;
      const record = {
        panelDate: r.panel_date,
        esrFullDate: r.esr_full_date,
        outcome: r.outcome,
        evidenceDueDate: r.evidence_due_date,
      };
      for (const deadline of arcpDeadlines(record, day, horizonDays))
        out.push({ traineeId: t.id, traineeName: name, recordId: r.id, deadline });
    }
    if (!REVIEWED_STATUSES.includes(t.status)) continue;
    const overdue = reviewOverdue(
      {
        lastOutcomePanelDate: lastByTrainee.get(t.id) ?? null,
        programmeStartDate: t.programme_start_date,
        hasPlannedPanel: mine.some((r) => r.outcome === null),
      },
      day,
    );
    if (overdue) out.push({ traineeId: t.id, traineeName: name, recordId: null, deadline: overdue });
  }
  return out.sort((a, b) => a.deadline.date.localeCompare(b.deadline.date));
}
