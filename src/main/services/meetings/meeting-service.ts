import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ukToday } from '../../../shared/dates';
import {
  MEETING_TYPES,
  type Meeting,
  type MeetingFields,
  type MeetingHistoryEntry,
  type MeetingMode,
  type MeetingSchedule,
  type MeetingTemplate,
  type MeetingType,
  type WellbeingLevel,
} from '../../../shared/meetings/meeting-types';
import { labelOf } from '../../../shared/labelled-enum';
import { AppError } from '../../../shared/result';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import type { MeetingsTable } from '../../store/schema-everyday';
import { recordChange } from '../change-log';
import { requireTrainee, traineeNotFound } from '../trainees/trainees-read';
import { actionsForMeetings } from './shared-meetings';
import { meetingSchedules } from './meeting-schedule';

/** Field names in words, for the edit history. The private notes are named but never copied into the log. */
const FIELD_NAMES: Record<string, string> = {
  heldOn: 'date',
  startTime: 'time',
  durationMinutes: 'duration',
  mode: 'mode',
  meetingType: 'meeting type',
  attendees: 'attendees',
  sharedSummary: 'shared summary',
  privateNotes: 'private notes',
  wellbeing: 'wellbeing check',
  wellbeingNote: 'wellbeing note',
  goalIds: 'linked PLP goals',
  actions: 'agreed actions',
  nextDueOn: 'next 1:1 date',
};

async function rowsToMeetings(db: Executor, rows: MeetingsTable[]): Promise<Meeting[]> {
  const ids = rows.map((r) => r.id);
  const actions = await actionsForMeetings(db, ids);
  const links = ids.length
    ? await db.selectFrom('meeting_goals').selectAll().where('meeting_id', 'in', ids).execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    traineeId: r.trainee_id,
    heldOn: r.held_on,
    startTime: r.start_time,
    durationMinutes: r.duration_minutes,
    mode: r.mode as MeetingMode,
    meetingType: r.meeting_type as MeetingType,
    meetingTypeLabel: labelOf(MEETING_TYPES, r.meeting_type),
    attendees: JSON.parse(r.attendees) as string[],
    sharedSummary: r.shared_summary,
    privateNotes: r.private_notes,
    wellbeing: r.wellbeing as WellbeingLevel | null,
    wellbeingNote: r.wellbeing_note,
    goalIds: links.filter((l) => l.meeting_id === r.id).map((l) => l.goal_id),
    actions: actions.get(r.id) ?? [],
    nextDueOn: r.next_due_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** What the change log keeps of a meeting: everything except the private notes' text. */
function loggable(fields: MeetingFields | Meeting): Record<string, unknown> {
  return {
    heldOn: fields.heldOn,
    startTime: fields.startTime,
    durationMinutes: fields.durationMinutes,
    mode: fields.mode,
    meetingType: fields.meetingType,
    attendees: fields.attendees,
    sharedSummary: fields.sharedSummary,
    wellbeing: fields.wellbeing,
    goalIds: [...fields.goalIds].sort(),
    actions: fields.actions.map((a) => ({
      description: a.description,
      owner: a.owner,
      dueOn: a.dueOn,
      done: 'done' in a ? a.done : Boolean(a.doneOn),
    })),
    nextDueOn: fields.nextDueOn,
  };
}

function changedFields(before: Meeting, after: MeetingFields): string[] {
  const a = loggable(before);
  const b = loggable(after);
  const changed = Object.keys(a).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
  if (before.privateNotes !== after.privateNotes) changed.push('privateNotes');
  if ((before.wellbeingNote ?? null) !== (after.wellbeingNote ?? null)) changed.push('wellbeingNote');
  return changed;
}

export type MeetingService = ReturnType<typeof createMeetingService>;

export function createMeetingService(db: Kysely<DB>, now: () => Date) {
  async function find(executor: Executor, id: string): Promise<Meeting> {
    const row = await executor
      .selectFrom('meetings')
      .selectAll()
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That 1:1 no longer exists. It may have been deleted.');
    return (await rowsToMeetings(executor, [row]))[0]!;
  }

  async function assertTrainee(executor: Executor, traineeId: string): Promise<void> {
    await requireTrainee(executor, traineeId, { traineeId: 'Choose the trainee' });
  }

  /** Linked goals must be this trainee's own. */
  async function assertGoals(executor: Executor, traineeId: string, goalIds: string[]): Promise<void> {
    if (goalIds.length === 0) return;
    const found = await executor
      .selectFrom('plp_goals')
      .select('id')
      .where('id', 'in', goalIds)
      .where('trainee_id', '=', traineeId)
      .where('deleted_at', 'is', null)
      .execute();
    if (found.length !== new Set(goalIds).size)
      throw new AppError('invalid_input', 'A linked PLP goal is not in this trainee’s plan', {
        goalIds: 'A linked PLP goal is not in this trainee’s plan',
      });
  }

  async function writeChildren(
    trx: Executor,
    meetingId: string,
    fields: MeetingFields,
    existing: Meeting | null,
  ): Promise<void> {
    const at = now().toISOString();
    const today = ukToday(now());
    const previous = new Map((existing?.actions ?? []).map((a) => [a.id, a]));
    const kept = new Set<string>();
    for (const [i, action] of fields.actions.entries()) {
      const old = action.id ? previous.get(action.id) : undefined;
      const doneOn = action.done ? (old?.doneOn ?? today) : null;
      if (old) {
        kept.add(old.id);
        await trx
          .updateTable('meeting_actions')
          .set({
            description: action.description,
            owner: action.owner,
            due_on: action.dueOn,
            done_on: doneOn,
            sort_order: i,
            updated_at: at,
          })
          .where('id', '=', old.id)
          .execute();
      } else {
        await trx
          .insertInto('meeting_actions')
          .values({
            id: randomUUID(),
            meeting_id: meetingId,
            trainee_id: fields.traineeId,
            description: action.description,
            owner: action.owner,
            due_on: action.dueOn,
            done_on: doneOn,
            sort_order: i,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    }
    const removed = [...previous.keys()].filter((id) => !kept.has(id));
    if (removed.length) await trx.deleteFrom('meeting_actions').where('id', 'in', removed).execute();
    await trx.deleteFrom('meeting_goals').where('meeting_id', '=', meetingId).execute();
    const goalIds = [...new Set(fields.goalIds)];
    if (goalIds.length)
      await trx
        .insertInto('meeting_goals')
        .values(goalIds.map((goal_id) => ({ meeting_id: meetingId, goal_id })))
        .execute();
  }

  function columns(fields: MeetingFields) {
    return {
      held_on: fields.heldOn,
      start_time: fields.startTime,
      duration_minutes: fields.durationMinutes,
      mode: fields.mode,
      meeting_type: fields.meetingType,
      attendees: JSON.stringify(fields.attendees),
      shared_summary: fields.sharedSummary,
      private_notes: fields.privateNotes,
      wellbeing: fields.wellbeing,
      wellbeing_note: fields.wellbeingNote,
      next_due_on: fields.nextDueOn,
    };
  }

  async function schedule(traineeId: string): Promise<MeetingSchedule> {
    const [found] = await meetingSchedules(db, traineeId);
    if (!found) throw traineeNotFound();
    const { traineeName: _name, ...rest } = found;
    return rest;
  }

  return {
    find,
    async list(traineeId: string): Promise<Meeting[]> {
      const rows = await db
        .selectFrom('meetings')
        .selectAll()
        .where('trainee_id', '=', traineeId)
        .where('deleted_at', 'is', null)
        .orderBy('held_on', 'desc')
        .orderBy('start_time', 'desc')
        .execute();
      return rowsToMeetings(db, rows);
    },

    get: (id: string) => find(db, id),

    async create(fields: MeetingFields): Promise<Meeting> {
      return db.transaction().execute(async (trx) => {
        await assertTrainee(trx, fields.traineeId);
        await assertGoals(trx, fields.traineeId, fields.goalIds);
        const id = randomUUID();
        const at = now().toISOString();
        await trx
          .insertInto('meetings')
          .values({
            id,
            trainee_id: fields.traineeId,
            ...columns(fields),
            created_at: at,
            updated_at: at,
            deleted_at: null,
          })
          .execute();
        await writeChildren(trx, id, fields, null);
        await recordChange(trx, { entity: 'meeting', entityId: id, action: 'created', after: loggable(fields) }, now());
        return find(trx, id);
      });
    },

    async update(id: string, fields: MeetingFields): Promise<Meeting> {
      return db.transaction().execute(async (trx) => {
        const before = await find(trx, id);
        if (before.traineeId !== fields.traineeId)
          throw new AppError('invalid_input', 'A 1:1 cannot be moved to another trainee', {
            traineeId: 'A 1:1 cannot be moved to another trainee',
          });
        await assertGoals(trx, fields.traineeId, fields.goalIds);
        const changed = changedFields(before, fields);
        await trx
          .updateTable('meetings')
          .set({ ...columns(fields), updated_at: now().toISOString() })
          .where('id', '=', id)
          .execute();
        await writeChildren(trx, id, fields, before);
        if (changed.length)
          await recordChange(
            trx,
            { entity: 'meeting', entityId: id, action: 'updated', before: { changed }, after: loggable(fields) },
            now(),
          );
        return find(trx, id);
      });
    },

    async remove(id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await find(trx, id);
        await trx.updateTable('meetings').set({ deleted_at: now().toISOString() }).where('id', '=', id).execute();
        await recordChange(trx, { entity: 'meeting', entityId: id, action: 'deleted' }, now());
      });
    },

    async restore(id: string): Promise<Meeting> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('meetings').select('id').where('id', '=', id).executeTakeFirst();
        if (!row) throw new AppError('not_found', 'That 1:1 can no longer be restored.');
        await trx.updateTable('meetings').set({ deleted_at: null }).where('id', '=', id).execute();
        await recordChange(trx, { entity: 'meeting', entityId: id, action: 'restored' }, now());
        return find(trx, id);
      });
    },

    async history(id: string): Promise<MeetingHistoryEntry[]> {
      const rows = await db
        .selectFrom('change_log')
        .select(['at', 'action', 'changes'])
        .where('entity', '=', 'meeting')
        .where('entity_id', '=', id)
        .orderBy('at', 'desc')
        .execute();
      return rows.map((r) => {
        const changes = r.changes ? (JSON.parse(r.changes) as { before?: { changed?: string[] } | null }) : null;
        return {
          at: r.at,
          action: r.action,
          changed: (changes?.before?.changed ?? []).map((k) => FIELD_NAMES[k] ?? k),
        };
      });
    },

    async setActionDone(actionId: string, done: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const action = await trx
          .selectFrom('meeting_actions')
          .select(['id', 'meeting_id', 'done_on', 'description'])
          .where('id', '=', actionId)
          .executeTakeFirst();
        if (!action) throw new AppError('not_found', 'That action no longer exists.');
        const doneOn = done ? (action.done_on ?? ukToday(now())) : null;
        await trx
          .updateTable('meeting_actions')
          .set({ done_on: doneOn, updated_at: now().toISOString() })
          .where('id', '=', actionId)
          .execute();
        await recordChange(
          trx,
          {
            entity: 'meeting',
            entityId: action.meeting_id,
            action: done ? 'action_done' : 'action_reopened',
            before: { changed: ['actions'] },
            after: { action: action.description },
          },
          now(),
        );
      });
    },

    async templates(): Promise<MeetingTemplate[]> {
      const rows = await db.selectFrom('meeting_templates').selectAll().orderBy('sort_order').execute();
      return rows.map((r) => ({ meetingType: r.meeting_type as MeetingType, label: r.label, prompts: r.prompts }));
    },

    async saveTemplate(input: { meetingType: MeetingType; prompts: string }): Promise<MeetingTemplate> {
      const result = await db
        .updateTable('meeting_templates')
        .set({ prompts: input.prompts, updated_at: now().toISOString() })
        .where('meeting_type', '=', input.meetingType)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', 'That meeting type has no template.');
      const row = await db
        .selectFrom('meeting_templates')
        .selectAll()
        .where('meeting_type', '=', input.meetingType)
        .executeTakeFirstOrThrow();
      return { meetingType: row.meeting_type as MeetingType, label: row.label, prompts: row.prompts };
    },

    schedule,

    async setCadence(traineeId: string, weeks: number): Promise<MeetingSchedule> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        await assertTrainee(trx, traineeId);
        await trx
          .insertInto('meeting_cadence')
          .values({ trainee_id: traineeId, weeks, updated_at: at })
          .onConflict((oc) => oc.column('trainee_id').doUpdateSet({ weeks, updated_at: at }))
          .execute();
        await recordChange(
          trx,
          { entity: 'trainee', entityId: traineeId, action: 'cadence_changed', after: { weeks } },
          now(),
        );
      });
      return schedule(traineeId);
    },
  };
}
