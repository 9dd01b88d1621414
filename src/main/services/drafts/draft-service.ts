import type { Kysely } from 'kysely';
import type { Draft } from '../../../shared/meetings/meeting-types';
import type { DB } from '../../store/schema';

export type DraftService = ReturnType<typeof createDraftService>;

/**
 * Forms saved as they are typed, so a crash or a closed window loses nothing. Drafts live in
 * the encrypted database, like everything else, and are removed once the form is saved.
 */
export function createDraftService(db: Kysely<DB>, now: () => Date) {
  return {
    async get(key: string): Promise<Draft | null> {
      const row = await db.selectFrom('drafts').selectAll().where('key', '=', key).executeTakeFirst();
      return row ? { key: row.key, payload: row.payload, updatedAt: row.updated_at } : null;
    },
    async save(key: string, traineeId: string | null, payload: string): Promise<{ updatedAt: string }> {
      const at = now().toISOString();
      await db
        .insertInto('drafts')
        .values({ key, trainee_id: traineeId, payload, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ payload, trainee_id: traineeId, updated_at: at }))
        .execute();
      return { updatedAt: at };
    },
    async discard(key: string): Promise<void> {
      await db.deleteFrom('drafts').where('key', '=', key).execute();
    },
  };
}
