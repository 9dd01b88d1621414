import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/settings/settings-schema';
import type { Executor } from '../../store/open-store';

/**
 * The settings, as other features may read them. Each setting is checked on its own, so one
 * damaged value falls back to its default alone instead of taking the rest with it.
 */
export async function readSettings(db: Executor): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const settings: Settings = { ...DEFAULT_SETTINGS };
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
