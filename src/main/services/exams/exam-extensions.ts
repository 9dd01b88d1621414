import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { afterTrainingAttempt } from '../../../shared/exams/after-training';
import { limitRuleFor } from '../../../shared/exams/attempt-limits';
import type { ExamRules } from '../../../shared/exams/exam-reference';
import type { ExamAttempt, MonitorTraineeTime } from '../../../shared/exams/exam-types';
import {
  describeSpan,
  extensionProblem,
  extensionUse,
  spanFrom,
  periodDays,
  type ExtensionFields,
  type ExtensionKind,
  type ExtensionPeriod,
} from '../../../shared/exams/extensions';
import { AppError } from '../../../shared/result';
import type { TraineeStatus } from '../../../shared/trainees/reference';
import type { Executor } from '../../store/open-store';
import type { DB, TraineesTable } from '../../store/schema';
import type { ExamAttemptsTable, ExamExtensionsTable } from '../../store/schema-exams';
import { recordChange } from '../change-log';
import { requireTrainee } from '../trainees/trainees-read';
import { loadDefinitions, loadRules, numberAttempts } from './exam-rows';

export function rowToExtension(row: Selectable<ExamExtensionsTable>): ExtensionPeriod {
  const period = { startsOn: row.starts_on, endsOn: row.ends_on };
  return {
    id: row.id,
    traineeId: row.trainee_id,
    kind: row.kind as ExtensionKind,
    ...period,
    reason: row.reason,
    lengthText: describeSpan(spanFrom(row.starts_on, periodDays(period))),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A trainee's extension periods, oldest first. */
export async function listExtensions(db: Executor, traineeId: string): Promise<ExtensionPeriod[]> {
  const rows = await db
    .selectFrom('exam_extensions')
    .selectAll()
    .where('trainee_id', '=', traineeId)
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
  return rows.map(rowToExtension);
}

/** The after-training attempt from a trainee's row and their numbered attempts. */
export function afterTrainingOf(
  trainee: Pick<Selectable<TraineesTable>, 'status' | 'left_training_on' | 'programme_start_date'>,
  rules: ExamRules,
  attempts: readonly ExamAttempt[],
  today: string,
) {
  return afterTrainingAttempt({
    status: trainee.status as TraineeStatus,
    leftTrainingOn: trainee.left_training_on,
    rule: limitRuleFor(rules.attemptLimits, trainee.programme_start_date),
    attempts,
    today,
  });
}

/** Saves a period, refusing (and writing nothing) when it overlaps another or goes over its allowance. */
export async function saveExtension(
  db: Kysely<DB>,
  traineeId: string,
  id: string | undefined,
  fields: ExtensionFields,
  now: () => Date,
): Promise<ExtensionPeriod> {
  const savedId = id ?? randomUUID();
  await db.transaction().execute(async (trx) => {
    await requireTrainee(trx, traineeId);
    const existing = await listExtensions(trx, traineeId);
    const before = id ? existing.find((p) => p.id === id) : undefined;
    if (id && !before) throw new AppError('not_found', 'That extension period no longer exists.');
    const problem = extensionProblem(existing, { id: savedId, ...fields });
    if (problem) throw new AppError('invalid_input', problem.message, { [problem.field]: problem.message });
    const at = now().toISOString();
    const columns = {
      kind: fields.kind,
      starts_on: fields.startsOn,
      ends_on: fields.endsOn,
      reason: fields.reason,
      updated_at: at,
    };
    if (before) {
      await trx.updateTable('exam_extensions').set(columns).where('id', '=', savedId).execute();
      await recordChange(
        trx,
        { entity: 'exam_extension', entityId: savedId, action: 'updated', before, after: fields },
        now(),
      );
    } else {
      await trx
        .insertInto('exam_extensions')
        .values({ id: savedId, trainee_id: traineeId, ...columns, created_at: at })
        .execute();
      await recordChange(trx, { entity: 'exam_extension', entityId: savedId, action: 'created', after: fields }, now());
    }
  });
  return (await listExtensions(db, traineeId)).find((p) => p.id === savedId)!;
}

export async function deleteExtension(db: Kysely<DB>, id: string, now: () => Date): Promise<{ id: string }> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('exam_extensions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new AppError('not_found', 'That extension period no longer exists.');
    await trx.deleteFrom('exam_extensions').where('id', '=', id).execute();
    await recordChange(trx, { entity: 'exam_extension', entityId: id, action: 'deleted', before }, now());
  });
  return { id };
}

/**
 * Extension time and the after-training attempt for the re-sit monitor: only trainees with an
 * extension or who have left, a small part of a region's register.
 */
export async function monitorTime(db: Executor, today: string): Promise<MonitorTraineeTime[]> {
  const [definitions, rules, extensionRows, leavers] = await Promise.all([
    loadDefinitions(db),
    loadRules(db),
    db.selectFrom('exam_extensions').selectAll().orderBy('starts_on').execute(),
    db
      .selectFrom('trainees')
      .select(['id', 'status', 'left_training_on', 'programme_start_date'])
      .where('status', 'in', ['left', 'completed'])
      .where('archived_at', 'is', null)
      .execute(),
  ]);
  const definitionsById = new Map(definitions.map((d) => [d.id, d]));
  const periodsByTrainee = new Map<string, ExtensionPeriod[]>();
  for (const row of extensionRows) {
    const list = periodsByTrainee.get(row.trainee_id) ?? [];
    list.push(rowToExtension(row));
    periodsByTrainee.set(row.trainee_id, list);
  }
  const leaverById = new Map(leavers.map((t) => [t.id, t]));
  const leaverIds = leavers.map((t) => t.id);
  const attemptsByTrainee = new Map<string, Array<Selectable<ExamAttemptsTable>>>();
  for (let i = 0; i < leaverIds.length; i += 500) {
    const slice = leaverIds.slice(i, i + 500);
    for (const row of await db.selectFrom('exam_attempts').selectAll().where('trainee_id', 'in', slice).execute()) {
      const list = attemptsByTrainee.get(row.trainee_id) ?? [];
      list.push(row);
      attemptsByTrainee.set(row.trainee_id, list);
    }
  }
  const ids = [...new Set([...periodsByTrainee.keys(), ...leaverIds])].sort();
  return ids.map((traineeId) => {
    const periods = periodsByTrainee.get(traineeId) ?? [];
    const leaver = leaverById.get(traineeId);
    let afterTrainingText: string | null = null;
    if (leaver) {
      const own = attemptsByTrainee.get(traineeId) ?? [];
      const { attempts } = numberAttempts(own, definitionsById, rules, leaver.programme_start_date);
      afterTrainingText = afterTrainingOf(leaver, rules, attempts, today)?.text ?? null;
    }
    return {
      traineeId,
      extensionText: extensionUse(periods).leftText,
      hasExtension: periods.length > 0,
      afterTrainingText,
    };
  });
}
