/**
 * The Today view, the re-sit monitor and the ARCP deadlines were rewritten for region-sized
 * registers. Over the standard (60) and large (10,000) demo sets, the live code must return
 * exactly what the frozen reference copies (test/support/reference) return. The one deliberate
 * difference: rows the reference ordered only by SQLite's scan order (equal in every sort key)
 * are now ordered by their ids, so the reference's output is given that tie-break here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ukToday } from '../../src/shared/dates';
import type { TraineeDeadline } from '../../src/shared/arcp/arcp-contract';
import { collectDeadlines } from '../../src/main/services/arcp/arcp-service';
import { arcpDeadlinesDue } from '../../src/main/services/arcp/arcp-today';
import { monitorRows } from '../../src/main/services/exams/exam-monitor';
import { examWarningsDue } from '../../src/main/services/exams/exam-today';
import { collectTodayItems } from '../../src/main/services/today/today-service';
import { collectDeadlines as referenceDeadlines } from '../support/reference/arcp-deadlines';
import { arcpDeadlinesDue as referenceArcpToday } from '../support/reference/arcp-today';
import { monitorRows as referenceMonitor } from '../support/reference/exam-monitor';
import { examWarningsDue as referenceExamToday } from '../support/reference/exam-today';
import { collectTodayItems as referenceCollect, groupTodayItems } from '../support/reference/today-service';
import { TODAY_GROUP_LIMIT } from '../support/reference/today-service';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import fs from 'node:fs';
import { monitorOrder, todayOrder } from '../support/equivalence-orders';

// One clock for both implementations, so a run across midnight cannot split them.
const NOW = new Date();
const TODAY = ukToday(NOW);

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function deadlineOrder(rows: TraineeDeadline[]): TraineeDeadline[] {
  const key = (d: TraineeDeadline) => `${d.traineeId}|${d.recordId ?? ''}|${d.deadline.kind}`;
  return [...rows].sort(
    (a, b) => a.deadline.date.localeCompare(b.deadline.date) || byId({ id: key(a) }, { id: key(b) }),
  );
}

describe.each([
  { size: 'standard' as const, trainees: 60 },
  { size: 'large' as const, trainees: 10_000 },
])('over the $size demo set ($trainees trainees)', ({ size, trainees }) => {
  let backend: TempBackend;

  beforeAll(async () => {
    backend = await createTempBackend({ now: () => NOW });
    expect(await call(backend, 'demo:load', { size })).toEqual({ trainees });
  }, 120_000);

  afterAll(async () => {
    await backend.close();
    fs.rmSync(backend.dataDir, { recursive: true, force: true });
  });

  it('Today shows the same groups, rows and counts, unfiltered and for every kind', async () => {
    const items = todayOrder(await referenceCollect(backend.store.db, TODAY));
    const reference = groupTodayItems(items, TODAY, TODAY_GROUP_LIMIT);
    expect(reference.groups.some((g) => g.total > 0)).toBe(true);
    expect(await call(backend, 'today:view', {})).toEqual(reference);
    for (const { kind } of reference.kinds)
      expect(await call(backend, 'today:view', { kind })).toEqual(
        groupTodayItems(items, TODAY, TODAY_GROUP_LIMIT, kind),
      );
  }, 60_000);

  it('the daily notification reads the same uncapped list of due rows', async () => {
    const reference = todayOrder(await referenceCollect(backend.store.db, TODAY));
    expect(await collectTodayItems(backend.store.db, TODAY)).toEqual(reference);
    // What it reads now: every row due by today, from Today's kept rows.
    const due = reference.filter((item) => item.dueDate <= TODAY);
    expect(due.length).toBeGreaterThan(0);
    expect(todayOrder(await backend.today.dueBy(TODAY))).toEqual(due);
  });

  it('the re-sit monitor and its Today warnings match', async () => {
    const reference = monitorOrder(await referenceMonitor(backend.store.db, TODAY));
    expect(reference.length).toBeGreaterThan(0);
    expect(await monitorRows(backend.store.db, TODAY)).toEqual(reference);
    expect(todayOrder(await examWarningsDue(backend.store.db, TODAY))).toEqual(
      todayOrder(await referenceExamToday(backend.store.db, TODAY)),
    );
  });

  it('the ARCP deadlines and their Today rows match, at the default and a long horizon', async () => {
    for (const horizon of [14, 120]) {
      const reference = deadlineOrder(await referenceDeadlines(backend.store.db, TODAY, horizon));
      expect(reference.length).toBeGreaterThan(0);
      expect(await collectDeadlines(backend.store.db, TODAY, horizon)).toEqual(reference);
    }
    expect(todayOrder(await arcpDeadlinesDue(backend.store.db, TODAY))).toEqual(
      todayOrder(await referenceArcpToday(backend.store.db, TODAY)),
    );
  });
});
