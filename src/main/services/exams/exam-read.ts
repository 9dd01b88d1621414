import { ukToday } from '../../../shared/dates';
import { extensionUse } from '../../../shared/exams/extensions';
import { AppError } from '../../../shared/result';
import type { ExamDefinition } from '../../../shared/exams/exam-reference';
import type {
  ExamAttempt,
  PostFailRecord,
  ReadinessRecord,
  SharedPostFailRecord,
  SharedReadinessRecord,
  TraineeExams,
} from '../../../shared/exams/exam-types';
import { groupBy, inChunks } from '../../store/in-chunks';
import type { Executor } from '../../store/open-store';
import { requireTrainee } from '../trainees/trainees-read';
import {
  failNumberOf,
  loadDefinitions,
  loadRules,
  numberAttempts,
  rowToPostFail,
  rowToReadiness,
  rowToSharedPostFail,
  rowToSharedReadiness,
} from './exam-rows';
import { afterTrainingOf, listExtensions } from './exam-extensions';

/**
 * Read functions other features use (the ARCP pack reads these). Stable: add fields, never
 * rename. The `Shared…` functions return only what the trainee sees: no private notes.
 */

async function attemptsAndSummaries(db: Executor, traineeId: string) {
  const [definitions, rules, trainee, rows] = await Promise.all([
    loadDefinitions(db),
    loadRules(db),
    requireTrainee(db, traineeId),
    db.selectFrom('exam_attempts').selectAll().where('trainee_id', '=', traineeId).execute(),
  ]);
  const definitionsById = new Map(definitions.map((d) => [d.id, d]));
  return {
    definitionsById,
    rules,
    trainee,
    ...numberAttempts(rows, definitionsById, rules, trainee.programme_start_date),
  };
}

/** Every attempt of a trainee, newest first, each with its attempt number and attempts left after it. */
export async function listAttempts(db: Executor, traineeId: string): Promise<ExamAttempt[]> {
  return (await attemptsAndSummaries(db, traineeId)).attempts;
}

/**
 * Every attempt of each of many trainees, as `listAttempts` gives them, read once for them all
 * (the ARCP panel page). A trainee no longer in the register has no entry.
 */
export async function listAttemptsOf(db: Executor, traineeIds: readonly string[]): Promise<Map<string, ExamAttempt[]>> {
  const [definitions, rules, trainees, rows] = await Promise.all([
    loadDefinitions(db),
    loadRules(db),
    inChunks(traineeIds, (slice) =>
      db.selectFrom('trainees').select(['id', 'programme_start_date']).where('id', 'in', slice).execute(),
    ),
    inChunks(traineeIds, (slice) =>
      db.selectFrom('exam_attempts').selectAll().where('trainee_id', 'in', slice).execute(),
    ),
  ]);
  const definitionsById = new Map(definitions.map((d) => [d.id, d]));
  const rowsByTrainee = groupBy(rows, (r) => r.trainee_id);
  const out = new Map<string, ExamAttempt[]>();
  for (const t of trainees)
    out.set(
      t.id,
      numberAttempts(rowsByTrainee.get(t.id) ?? [], definitionsById, rules, t.programme_start_date).attempts,
    );
  return out;
}

async function postFailRows(db: Executor, traineeId: string) {
  return db
    .selectFrom('exam_post_fail')
    .selectAll()
    .where('trainee_id', '=', traineeId)
    .orderBy('held_on', 'desc')
    .execute();
}

function postFailContext(
  attempts: ExamAttempt[],
  definitionsById: ReadonlyMap<string, ExamDefinition>,
  attemptId: string,
) {
  const attempt = attempts.find((a) => a.id === attemptId);
  return {
    attempt,
    failNumber: attempt ? failNumberOf(attempt, attempts) : 0,
    def: attempt ? definitionsById.get(attempt.examId) : undefined,
  };
}

/** Post-fail conversations without their private notes, newest first. */
export async function listSharedPostFailRecords(db: Executor, traineeId: string): Promise<SharedPostFailRecord[]> {
  const { attempts, definitionsById } = await attemptsAndSummaries(db, traineeId);
  return (await postFailRows(db, traineeId)).map((row) => {
    const { attempt, failNumber, def } = postFailContext(attempts, definitionsById, row.attempt_id);
    return rowToSharedPostFail(row, attempt, failNumber, def);
  });
}

/** Post-fail conversations of each of many trainees, as `listSharedPostFailRecords` gives them, read once for them all. */
export async function listSharedPostFailRecordsOf(
  db: Executor,
  traineeIds: readonly string[],
): Promise<Map<string, SharedPostFailRecord[]>> {
  const [attemptsByTrainee, definitions, rows] = await Promise.all([
    listAttemptsOf(db, traineeIds),
    loadDefinitions(db),
    inChunks(traineeIds, (slice) =>
      db.selectFrom('exam_post_fail').selectAll().where('trainee_id', 'in', slice).orderBy('held_on', 'desc').execute(),
    ),
  ]);
  const definitionsById = new Map(definitions.map((d) => [d.id, d]));
  const out = new Map<string, SharedPostFailRecord[]>();
  for (const traineeId of attemptsByTrainee.keys()) out.set(traineeId, []);
  for (const row of rows) {
    const attempts = attemptsByTrainee.get(row.trainee_id);
    if (!attempts) continue;
    const { attempt, failNumber, def } = postFailContext(attempts, definitionsById, row.attempt_id);
    out.get(row.trainee_id)!.push(rowToSharedPostFail(row, attempt, failNumber, def));
  }
  return out;
}

async function readinessRows(db: Executor, traineeId: string) {
  return db
    .selectFrom('exam_readiness')
    .selectAll()
    .where('trainee_id', '=', traineeId)
    .orderBy('discussed_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Readiness-to-sit discussions without their private notes, newest first. */
export async function listSharedReadinessRecords(db: Executor, traineeId: string): Promise<SharedReadinessRecord[]> {
  const definitionsById = new Map((await loadDefinitions(db)).map((d) => [d.id, d]));
  return (await readinessRows(db, traineeId)).map((row) => rowToSharedReadiness(row, definitionsById.get(row.exam_id)));
}

/** Everything on the trainee's Exams tab, private notes included (they stay on this screen). */
export async function traineeExams(db: Executor, traineeId: string, today = ukToday()): Promise<TraineeExams> {
  const { attempts, summaries, definitionsById, rules, trainee } = await attemptsAndSummaries(db, traineeId);
  const readiness: ReadinessRecord[] = (await readinessRows(db, traineeId)).map((row) =>
    rowToReadiness(row, definitionsById.get(row.exam_id)),
  );
  const postFail: PostFailRecord[] = (await postFailRows(db, traineeId)).map((row) => {
    const { attempt, failNumber, def } = postFailContext(attempts, definitionsById, row.attempt_id);
    return rowToPostFail(row, attempt, failNumber, def);
  });
  const extensions = await listExtensions(db, traineeId);
  return {
    attempts,
    summaries,
    readiness,
    postFail,
    extensions,
    extensionUse: extensionUse(extensions),
    afterTraining: afterTrainingOf(trainee, rules, attempts, today),
  };
}

/** One attempt with its numbering, for the post-fail form. */
export async function attemptWithContext(db: Executor, attemptId: string) {
  const row = await db
    .selectFrom('exam_attempts')
    .select(['trainee_id'])
    .where('id', '=', attemptId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'That exam attempt no longer exists.');
  const { attempts, definitionsById } = await attemptsAndSummaries(db, row.trainee_id);
  const attempt = attempts.find((a) => a.id === attemptId)!;
  return { attempt, attempts, def: definitionsById.get(attempt.examId)!, failNumber: failNumberOf(attempt, attempts) };
}
