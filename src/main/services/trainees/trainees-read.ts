import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/result';
import type { Trainee } from '../../../shared/trainees';
import type { Executor } from '../../store/open-store';
import type { TraineesTable } from '../../store/schema';
import { rowToTrainee } from './trainee-rows';

/**
 * What other features may ask of the register. Stable: add functions, never rename. Every
 * feature that works on one trainee checks they exist here, so the message is the same everywhere.
 */

export { rowToTrainee } from './trainee-rows';

/** The error for a trainee who is not (or no longer) in the register; `fields` points a form at its cause. */
export function traineeNotFound(fields?: Record<string, string>): AppError {
  return new AppError('not_found', 'That trainee is no longer in the register.', fields);
}

/** The trainee's row, or `not_found` if there is none (an archived trainee still exists). */
export async function requireTrainee(
  executor: Executor,
  id: string,
  fields?: Record<string, string>,
): Promise<Selectable<TraineesTable>> {
  const row = await executor.selectFrom('trainees').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw traineeNotFound(fields);
  return row;
}

/** The trainee as the contract describes them, or `not_found`. */
export async function findTrainee(executor: Executor, id: string): Promise<Trainee> {
  return rowToTrainee(await requireTrainee(executor, id));
}
