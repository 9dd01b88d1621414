import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { HandlersFor } from '../handler-registry';
import type { DB } from '../store/schema';
import type { DemoService } from './demo/demo-service';
import type { SettingsService } from './settings/settings-service';

export function appHandlers(deps: {
  db: Kysely<DB>;
  version: string;
  databaseFile: string;
  settings: SettingsService;
  demo: DemoService;
}): HandlersFor<'app' | 'settings' | 'demo'> {
  return {
    'app:info': async () => {
      const { n } = await deps.db
        .selectFrom('trainees')
        .select(sql<number>`count(*)`.as('n'))
        .where('archived_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { version: deps.version, databaseFile: deps.databaseFile, traineeCount: Number(n) };
    },
    'settings:get': () => deps.settings.get(),
    'settings:update': (patch) => deps.settings.update(patch),
    'demo:load': ({ size }) => deps.demo.load(size),
  };
}
