import { randomUUID } from 'node:crypto';
import type { Executor } from '../store/open-store';

export interface ChangeEntry {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Records one change; call it with the same transaction as the change itself. */
export async function recordChange(db: Executor, entry: ChangeEntry, at: Date): Promise<void> {
  const changes =
    entry.before === undefined && entry.after === undefined
      ? null
      : JSON.stringify({ before: entry.before ?? null, after: entry.after ?? null });
  await db
    .insertInto('change_log')
    .values({
      id: randomUUID(),
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      changes,
      at: at.toISOString(),
    })
    .execute();
}
