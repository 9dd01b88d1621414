import type { Kysely } from 'kysely';
import type { Settings } from '../../../shared/settings/settings-schema';
import type { DB } from '../../store/schema';
import { readSettings } from './settings-read';

export type SettingsService = ReturnType<typeof createSettingsService>;

/** One row per setting, JSON-encoded, so adding a setting needs no migration. */
export function createSettingsService(db: Kysely<DB>, now: () => Date) {
  const get = (): Promise<Settings> => readSettings(db);

  return {
    get,
    async update(patch: Partial<Settings>): Promise<Settings> {
      const at = now().toISOString();
      await db.transaction().execute(async (trx) => {
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          await trx
            .insertInto('settings')
            .values({ key, value: JSON.stringify(value), updated_at: at })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: at }))
            .execute();
        }
      });
      return get();
    },
  };
}
