import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTodayItems } from '../../src/main/services/today/today-service';
import { ukToday } from '../../src/shared/dates';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
const NOW = new Date();

beforeAll(async () => {
  backend = await createTempBackend({ now: () => NOW });
  await call(backend, 'demo:load', { size: 'standard' });
});
afterAll(async () => {
  await backend.close();
});

describe('today:forTrainee', () => {
  it('gives each trainee exactly their rows of the full Today list, from the same providers', async () => {
    const all = await collectTodayItems(backend.store.db, ukToday(NOW));
    const traineeIds = [...new Set(all.map((i) => i.traineeId))];
    expect(traineeIds.length).toBeGreaterThan(5);
    expect(new Set(all.map((i) => i.kind)).size).toBeGreaterThan(3);
    for (const traineeId of traineeIds) {
      const mine = await call(backend, 'today:forTrainee', { traineeId });
      expect(mine).toEqual(all.filter((i) => i.traineeId === traineeId));
    }
  });

  it('gives a trainee with nothing due an empty list', async () => {
    const trainee = await call(backend, 'trainees:create', {
      givenName: 'Nia',
      familyName: 'Quiet',
      gmcNumber: '7000999',
      programme: 'GP - Northtown VTS',
      grade: 'ST1',
      programmeStartDate: ukToday(NOW),
      wte: 1,
    });
    const rows = await call(backend, 'today:forTrainee', { traineeId: trainee.id });
    expect(rows.every((r) => r.traineeId === trainee.id)).toBe(true);
    expect(rows.filter((r) => r.urgency === 'overdue')).toEqual([]);
  });
});
