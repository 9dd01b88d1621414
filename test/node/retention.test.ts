import { afterEach, describe, expect, it } from 'vitest';
import { retentionEndsOn, retentionPeriodLabel } from '../../src/shared/erasure';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

let clock = new Date('2020-03-15T12:00:00.000Z');
const setDay = (instant: string) => {
  clock = new Date(instant);
};
const open: TempBackend[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A backend on a clock the test sets, with one trainee archived at `archivedAt`. */
async function withArchivedTrainee(archivedAt: string, gmcNumber = '7012345') {
  setDay(archivedAt);
  const backend = await createTempBackend({ now: () => new Date(clock) });
  open.push(backend);
  const trainee = await call(backend, 'trainees:create', traineeInput({ gmcNumber, familyName: 'Quaresma' }));
  await call(backend, 'trainees:archive', { id: trainee.id });
  return { backend, traineeId: trainee.id };
}

async function retentionRows(backend: TempBackend) {
  const view = await call(backend, 'today:view', { kind: 'trainee_retention' });
  return view.groups.flatMap((g) => g.items);
}

describe('the retention period on Today', () => {
  it('lists an archived trainee from the day the period ends: not the day before, then as overdue', async () => {
    const { backend, traineeId } = await withArchivedTrainee('2020-03-15T12:00:00.000Z');
    await call(backend, 'settings:update', { retentionPeriod: { years: 2, months: 6 } });

    setDay('2022-09-14T12:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([]);
    expect(await call(backend, 'today:forTrainee', { traineeId })).toEqual([]);

    setDay('2022-09-15T08:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([
      expect.objectContaining({
        urgency: 'due_soon',
        kind: 'trainee_retention',
        traineeId,
        traineeName: 'Zebedee Quaresma',
        dueDate: '2022-09-15',
        detail: 'Archived on 15 Mar 2020; kept 2 years and 6 months after leaving',
        link: `/trainees/${traineeId}`,
      }),
    ]);
    const view = await call(backend, 'today:view', {});
    expect(view.kinds).toContainEqual({ kind: 'trainee_retention', total: 1 });

    setDay('2022-09-16T08:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([
      expect.objectContaining({ urgency: 'overdue', traineeId, dueDate: '2022-09-15' }),
    ]);
    expect((await call(backend, 'today:forTrainee', { traineeId })).map((i) => i.kind)).toEqual(['trainee_retention']);
  });

  it('takes a kept trainee off the list until one more period has passed since the keep', async () => {
    const { backend, traineeId } = await withArchivedTrainee('2020-03-15T12:00:00.000Z');
    await call(backend, 'settings:update', { retentionPeriod: { years: 1, months: 0 } });
    setDay('2021-04-01T12:00:00.000Z');
    expect(await retentionRows(backend)).toHaveLength(1);

    expect(await call(backend, 'erasure:keep', { traineeId })).toEqual({ traineeId, keptOn: '2021-04-01' });
    expect(await retentionRows(backend)).toEqual([]);
    setDay('2022-03-31T12:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([]);
    setDay('2022-04-01T12:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([
      expect.objectContaining({ dueDate: '2022-04-01', detail: 'Kept on 1 Apr 2021; 1 year since' }),
    ]);
  });

  it('lists no one while the setting is "Keep until I erase" (the default), however long ago they left', async () => {
    const { backend } = await withArchivedTrainee('2000-01-01T12:00:00.000Z');
    setDay('2040-01-01T12:00:00.000Z');
    expect((await call(backend, 'settings:get', {})).retentionPeriod).toBeNull();
    expect(await retentionRows(backend)).toEqual([]);
    await call(backend, 'settings:update', { retentionPeriod: { years: 5, months: 0 } });
    expect(await retentionRows(backend)).toHaveLength(1);
    await call(backend, 'settings:update', { retentionPeriod: null });
    expect(await retentionRows(backend)).toEqual([]);
  });

  it('counts from the UK day of archiving (late evening in summer is the next UTC day)', async () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London.
    const { backend } = await withArchivedTrainee('2021-06-30T23:30:00.000Z');
    await call(backend, 'settings:update', { retentionPeriod: { years: 1, months: 0 } });
    setDay('2022-06-30T12:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([]);
    setDay('2022-07-01T12:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([expect.objectContaining({ dueDate: '2022-07-01' })]);
  });

  it('does not list trainees still in the register', async () => {
    setDay('2010-01-01T12:00:00.000Z');
    const backend = await createTempBackend({ now: () => new Date(clock) });
    open.push(backend);
    const trainee = await call(backend, 'trainees:create', traineeInput());
    await call(backend, 'settings:update', { retentionPeriod: { years: 0, months: 1 } });
    setDay('2030-01-01T12:00:00.000Z');
    expect(await retentionRows(backend)).toEqual([]);
    expect(await backend.dispatch('erasure:keep', { traineeId: trainee.id })).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message:
          "Zebedee Quaresma is not archived. Only an archived trainee's record can be kept past the retention period.",
      },
    });
  });
});

describe('the retention period setting', () => {
  it('is a number of years and months, at least a month, or null', async () => {
    setDay('2025-01-01T12:00:00.000Z');
    const backend = await createTempBackend({ now: () => new Date(clock) });
    open.push(backend);
    expect(await call(backend, 'settings:update', { retentionPeriod: { years: 6, months: 0 } })).toMatchObject({
      retentionPeriod: { years: 6, months: 0 },
    });
    for (const [period, field, message] of [
      [{ years: 0, months: 0 }, 'retentionPeriod.months', 'Choose a period of at least one month'],
      [{ years: 1, months: 12 }, 'retentionPeriod.months', 'Months go up to 11; add a year instead'],
      [{ years: -1, months: 3 }, 'retentionPeriod.years', 'Years cannot be negative'],
      [{ years: 1.5, months: 0 }, 'retentionPeriod.years', 'Years must be a whole number'],
    ] as const) {
      expect(await backend.dispatch('settings:update', { retentionPeriod: period })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { [field]: message } },
      });
    }
    expect((await call(backend, 'settings:get', {})).retentionPeriod).toEqual({ years: 6, months: 0 });
  });

  it('ends on the same day of the month, or the last day of a shorter month', () => {
    expect(retentionEndsOn('2020-03-15', { years: 2, months: 6 })).toBe('2022-09-15');
    expect(retentionEndsOn('2021-01-31', { years: 0, months: 1 })).toBe('2021-02-28');
    expect(retentionEndsOn('2020-02-29', { years: 1, months: 0 })).toBe('2021-02-28');
    expect(retentionPeriodLabel({ years: 1, months: 1 })).toBe('1 year and 1 month');
    expect(retentionPeriodLabel({ years: 0, months: 3 })).toBe('3 months');
    expect(retentionPeriodLabel(null)).toBe('Keep until I erase');
  });
});
