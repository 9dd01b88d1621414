import type { Kysely } from 'kysely';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/settings/settings-schema';
import type { DB } from '../../store/schema';

export type SettingsService = ReturnType<typeof createSettingsService>;

/** One row per setting, JSON-encoded, so adding a setting needs no migration. */
export function createSettingsService(db: Kysely<DB>, now: () => Date) {
  async function get(): Promise<Settings> {
    const rows = await db.selectFrom('settings').selectAll().execute();
    const settings: Settings = { ...DEFAULT_SETTINGS };
    // Each setting is checked on its own, so one damaged value falls back alone instead of taking the rest with it.
    for (const row of rows) {
      if (!(row.key in settingsSchema.shape)) continue;
      const key = row.key as keyof Settings;
      try {
        const parsed = settingsSchema.shape[key].safeParse(JSON.parse(row.value));
        if (parsed.success) Object.assign(settings, { [key]: parsed.data });
      } catch {
        // Unreadable JSON: keep the default.
      }
    }
    return settings;
  }

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
