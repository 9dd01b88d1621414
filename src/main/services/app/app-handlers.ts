import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { HandlersFor } from '../../handler-registry';
import type { DB } from '../../store/schema';

export function appHandlers(deps: { db: Kysely<DB>; version: string; databaseFile: string }): HandlersFor<'app'> {
  return {
    'app:info': async () => {
      const { n } = await deps.db
        .selectFrom('trainees')
        .select(sql<number>`count(*)`.as('n'))
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { version: deps.version, databaseFile: deps.databaseFile, traineeCount: Number(n) };
    },
  };
}
