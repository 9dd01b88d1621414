import type { Kysely } from 'kysely';
import { formatLongDate, ukToday } from '../../../shared/dates';
import { RETENTION_KIND, retentionEndsOn, retentionPeriodLabel } from '../../../shared/erasure';
import { urgencyFor, type TodayItem } from '../../../shared/today/today-types';
import { displayName } from '../../../shared/trainees/trainee-schema';
import type { DB } from '../../store/schema';
import { readSettings } from '../settings/settings-read';
import { forTrainees } from '../../store/in-chunks';

/**
 * Archived trainees past the retention period (Settings → Retention), from the day it ends: the
 * period runs from the UK day they were archived (they left or completed training), or from the
 * day someone last chose to keep them. Nothing is listed, nor read, while the setting is "Keep
 * until I erase". A code provider: archived trainees are few, and UK days and calendar months
 * (31 January plus a month is 28 or 29 February) are worked out as the Settings page describes them.
 */
export async function retentionDue(
  db: Kysely<DB>,
  today: string,
  traineeIds?: readonly string[],
): Promise<TodayItem[]> {
  const { retentionPeriod } = await readSettings(db);
  if (!retentionPeriod) return [];
  const rows = await forTrainees(traineeIds, (slice) =>
    db
      .selectFrom('trainees as t')
      .leftJoin('retention_keeps as k', 'k.trainee_id', 't.id')
      .select(['t.id', 't.given_name', 't.family_name', 't.preferred_name', 't.archived_at', 'k.kept_on'])
      .where('t.archived_at', 'is not', null)
      .$if(slice !== undefined, (q) => q.where('t.id', 'in', slice!))
      .execute(),
  );
  const period = retentionPeriodLabel(retentionPeriod);
  const items: TodayItem[] = [];
  for (const row of rows) {
    const leftOn = ukToday(new Date(row.archived_at!));
    const from = row.kept_on && row.kept_on > leftOn ? row.kept_on : leftOn;
    const endsOn = retentionEndsOn(from, retentionPeriod);
    if (endsOn > today) continue;
    items.push({
      id: row.id,
      kind: RETENTION_KIND,
      traineeId: row.id,
      traineeName: displayName({
        givenName: row.given_name,
        familyName: row.family_name,
        preferredName: row.preferred_name,
      }),
      title: 'Erase or keep the archived record',
      detail: row.kept_on
        ? `Kept on ${formatLongDate(row.kept_on)}; ${period} since`
        : `Archived on ${formatLongDate(leftOn)}; kept ${period} after leaving`,
      dueDate: endsOn,
      urgency: urgencyFor(endsOn, today),
      link: `/trainees/${row.id}`,
    });
  }
  return items;
}
