import type { Kysely } from 'kysely';
import type { Settings } from '../../../shared/settings/settings-schema';
import type { DB } from '../../store/schema';
import { readSettings } from './settings-read';

export type SettingsService = ReturnType<typeof createSettingsService>;

/**
 * Values this installation keeps for itself beside the settings, never sent to the renderer: their
 * keys start with "installation." so no setting can be called the same, and readSettings skips them.
 */
export type InstallationValue = 'returnSigningKey';
const installationKey = (name: InstallationValue) => `installation.${name}`;

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

    /** The stored value, or null before it is first made. */
    async installationValue(name: InstallationValue): Promise<string | null> {
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', installationKey(name))
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as string) : null;
    },

    /** The stored value, made by `make` and kept the first time; two callers at once keep the same one. */
    async keepInstallationValue(name: InstallationValue, make: () => string): Promise<string> {
      const existing = await this.installationValue(name);
      if (existing !== null) return existing;
      await db
        .insertInto('settings')
        .values({ key: installationKey(name), value: JSON.stringify(make()), updated_at: now().toISOString() })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      return (await this.installationValue(name))!;
    },
  };
}
