import type { Kysely } from 'kysely';
import { formatLongDate, ukToday } from '../../../shared/dates';
import { MEETING_MODES, MEETING_TYPES } from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import { GOAL_STATUSES } from '../../../shared/plp/plp-types';
import type { TimelineEntry } from '../../../shared/search/search-types';
import { SUPPORT_STATUSES } from '../../../shared/support/support-types';
import { TRAINEE_STATUSES } from '../../../shared/trainees/reference';
import type { DB } from '../../store/schema';

function dateOf(instant: string): string {
  return ukToday(new Date(instant));
}

export type TimelineService = ReturnType<typeof createTimelineService>;

/** One trainee's story in one list: 1:1s, plan changes, support, status changes and early needs, newest first. */
export function createTimelineService(db: Kysely<DB>) {
  return {
    async list(traineeId: string): Promise<TimelineEntry[]> {
      const [meetings, goals, reviews, goalLog, support, traineeLog, needs] = await Promise.all([
        db
          .selectFrom('meetings')
          .select(['id', 'held_on', 'meeting_type', 'mode', 'shared_summary'])
          .where('trainee_id', '=', traineeId)
          .where('deleted_at', 'is', null)
          .execute(),
        db
          .selectFrom('plp_goals')
          .select(['id', 'title', 'created_at'])
          .where('trainee_id', '=', traineeId)
          .where('deleted_at', 'is', null)
          .execute(),
        db
          .selectFrom('plp_reviews as r')
          .innerJoin('plp_goals as g', 'g.id', 'r.goal_id')
          .select(['r.id', 'r.reviewed_on', 'r.note', 'r.status_after', 'g.id as goal_id', 'g.title'])
          .where('g.trainee_id', '=', traineeId)
          .where('g.deleted_at', 'is', null)
          .execute(),
        db
          .selectFrom('change_log as c')
          .innerJoin('plp_goals as g', 'g.id', 'c.entity_id')
          .select(['c.id', 'c.at', 'c.changes', 'g.id as goal_id', 'g.title'])
          .where('c.entity', '=', 'plp_goal')
          .where('c.action', '=', 'status_changed')
          .where('g.trainee_id', '=', traineeId)
          .execute(),
        db
          .selectFrom('support_items')
          .selectAll()
          .where('trainee_id', '=', traineeId)
          .where('deleted_at', 'is', null)
          .execute(),
        db
          .selectFrom('change_log')
          .select(['id', 'at', 'action', 'changes'])
          .where('entity', '=', 'trainee')
          .where('entity_id', '=', traineeId)
          .where('action', 'in', ['created', 'status_changed', 'archived', 'restored'])
          .execute(),
        db
          .selectFrom('early_needs')
          .select(['completed_on', 'created_at'])
          .where('trainee_id', '=', traineeId)
          .executeTakeFirst(),
      ]);
      const base = `/trainees/${traineeId}`;
      const entries: TimelineEntry[] = [];
      for (const m of meetings) {
        const summary = m.shared_summary.replace(/\s+/g, ' ').trim();
        entries.push({
          id: `meeting:${m.id}`,
          date: m.held_on,
          kind: 'meeting',
          title: `1:1 · ${labelOf(MEETING_TYPES, m.meeting_type)} (${labelOf(MEETING_MODES, m.mode).toLowerCase()})`,
          detail: summary ? summary.slice(0, 200) + (summary.length > 200 ? '…' : '') : null,
          link: `${base}/meetings/${m.id}`,
        });
      }
      for (const g of goals)
        entries.push({
          id: `goal:${g.id}`,
          date: dateOf(g.created_at),
          kind: 'plan',
          title: `PLP goal added: ${g.title}`,
          detail: null,
          link: `${base}/plan/${g.id}`,
        });
      for (const r of reviews)
        entries.push({
          id: `review:${r.id}`,
          date: r.reviewed_on,
          kind: 'plan',
          title: `PLP goal reviewed: ${r.title}`,
          detail: `${GOAL_STATUSES.label(r.status_after)} · ${r.note.slice(0, 160)}`,
          link: `${base}/plan/${r.goal_id}`,
        });
      for (const c of goalLog) {
        const after = c.changes ? (JSON.parse(c.changes) as { after?: { status?: string } }).after : undefined;
        entries.push({
          id: `goal-status:${c.id}`,
          date: dateOf(c.at),
          kind: 'plan',
          title: `PLP goal now ${GOAL_STATUSES.label(after?.status ?? '').toLowerCase()}: ${c.title}`,
          detail: null,
          link: `${base}/plan/${c.goal_id}`,
        });
      }
      for (const s of support) {
        const link = `${base}/support/${s.id}`;
        entries.push({
          id: `support:${s.id}:offered`,
          date: s.offered_on,
          kind: 'support',
          title: `Support offered: ${s.label}`,
          detail: s.note,
          link,
        });
        for (const [status, on] of [
          ['accepted', s.accepted_on],
          ['declined', s.declined_on],
          ['attended', s.attended_on],
          ['completed', s.completed_on],
        ] as const) {
          if (on)
            entries.push({
              id: `support:${s.id}:${status}`,
              date: on,
              kind: 'support',
              title: `Support ${SUPPORT_STATUSES.label(status).toLowerCase()}: ${s.label}`,
              detail: status === s.status ? s.outcome : null,
              link,
            });
        }
      }
      for (const c of traineeLog) {
        const change = c.changes
          ? (JSON.parse(c.changes) as { before?: { status?: string }; after?: { status?: string } })
          : null;
        const title =
          c.action === 'status_changed'
            ? `Status changed: ${TRAINEE_STATUSES.label(change?.before?.status ?? '')} → ${TRAINEE_STATUSES.label(change?.after?.status ?? '')}`
            : c.action === 'created'
              ? 'Added to the register'
              : c.action === 'archived'
                ? 'Archived'
                : 'Restored from the archive';
        entries.push({ id: `trainee:${c.id}`, date: dateOf(c.at), kind: 'status', title, detail: null, link: base });
      }
      if (needs)
        entries.push({
          id: 'needs',
          date: needs.completed_on ?? dateOf(needs.created_at),
          kind: 'needs',
          title: 'Early needs recorded',
          detail: needs.completed_on ? `Intake on ${formatLongDate(needs.completed_on)}` : null,
          link: `${base}/needs`,
        });
      return entries.sort((a, b) => b.date.localeCompare(a.date) || a.kind.localeCompare(b.kind));
    },
  };
}
