/**
 * The panel readiness reads each source once for the whole panel, the re-sit monitor and its Today
 * warnings were sped up, and the monitor, its warnings and the ARCP deadlines can be asked for a
 * few trainees only (the Today cache refreshes the trainees that changed). Over the demo sets of
 * 1,000 and 10,000 trainees: the readiness table is exactly what the frozen per-member reference
 * (test/support/reference/panel-readiness.ts) gives, the monitor and warnings are what their
 * frozen references give, and a result for some trainees is the whole result filtered to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftDate, ukToday } from '../../src/shared/dates';
import type { TodayItem } from '../../src/shared/today/today-types';
import { collectDeadlines, createArcpService } from '../../src/main/services/arcp/arcp-service';
import { arcpSources } from '../../src/main/services/arcp/arcp-source-adapters';
import { arcpDeadlinesDue } from '../../src/main/services/arcp/arcp-today';
import { createDemoService } from '../../src/main/services/demo';
import { monitorRows } from '../../src/main/services/exams/exam-monitor';
import { examWarningsDue } from '../../src/main/services/exams/exam-today';
import { monitorRows as referenceMonitor } from '../support/reference/exam-monitor';
import { examWarningsDue as referenceExamToday } from '../support/reference/exam-today';
import { panelReadiness as referenceReadiness } from '../support/reference/panel-readiness';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import fs from 'node:fs';
import { monitorOrder } from '../support/equivalence-orders';

// One clock for every implementation, so a run across midnight cannot split them.
const NOW = new Date();
const TODAY = ukToday(NOW);

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const itemOrder = (items: TodayItem[]) => [...items].sort((a, b) => byId(a.id, b.id));

describe.each([1_000, 10_000])('over the demo set of %i trainees', (trainees) => {
  let backend: TempBackend;
  let allIds: string[];

  beforeAll(async () => {
    backend = await createTempBackend({ now: () => NOW });
    await createDemoService(backend.store.db, () => NOW).loadTrainees(trainees);
    allIds = (await backend.store.db.selectFrom('trainees').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(allIds).toHaveLength(trainees);
  }, 120_000);

  afterAll(async () => {
    await backend.close();
    fs.rmSync(backend.dataDir, { recursive: true, force: true });
  });

  it('shows a panel’s readiness exactly as reading each member in turn did', async () => {
    // The first 60 by id (as the benchmark's panel) and 60 with re-sits, so exam positions,
    // post-fail conversations, plans and support all have something to show.
    const resits = [...new Set((await monitorRows(backend.store.db, TODAY)).map((r) => r.traineeId))];
    const members = [...new Set([...allIds.slice(0, 60), ...resits.slice(0, 60)])];
    const panel = await call(backend, 'arcp:createPanel', {
      name: 'Equivalence panel',
      panelDate: shiftDate(TODAY, 60),
      traineeIds: members,
    });
    const reference = await referenceReadiness(backend.store.db, TODAY, panel.id);
    expect(reference.rows).toHaveLength(members.length);
    expect(reference.rows.some((r) => (r.postFailConversations ?? 0) > 0)).toBe(true);
    expect(reference.rows.some((r) => (r.openPlpGoals ?? 0) > 0)).toBe(true);
    expect(reference.rows.some((r) => r.supportReceived !== 'None offered')).toBe(true);
    expect(reference.rows.some((r) => r.examPosition !== 'No attempts recorded')).toBe(true);

    expect(await call(backend, 'arcp:readiness', { panelId: panel.id })).toEqual(reference);
    // A source without a batched reader is read member by member, with the same result.
    const oneByOne = createArcpService(backend.store.db, () => NOW, { ...arcpSources(), many: undefined });
    expect(await oneByOne.readiness(panel.id)).toEqual(reference);
  }, 60_000);

  it('lists the same re-sits and Today exam warnings as before it was sped up', async () => {
    const reference = monitorOrder(await referenceMonitor(backend.store.db, TODAY));
    expect(reference.length).toBeGreaterThan(0);
    expect(await monitorRows(backend.store.db, TODAY)).toEqual(reference);
    expect(itemOrder(await examWarningsDue(backend.store.db, TODAY))).toEqual(
      itemOrder(await referenceExamToday(backend.store.db, TODAY)),
    );
  }, 60_000);

  it('gives some trainees exactly their part of the monitor, the warnings and the ARCP deadlines', async () => {
    const db = backend.store.db;
    const [monitor, warnings, deadlines14, deadlines120, arcpToday] = await Promise.all([
      monitorRows(db, TODAY),
      examWarningsDue(db, TODAY),
      collectDeadlines(db, TODAY, 14),
      collectDeadlines(db, TODAY, 120),
      arcpDeadlinesDue(db, TODAY),
    ]);
    const archived = await db.selectFrom('trainees').select('id').where('archived_at', 'is not', null).execute();
    // Trainees with re-sits, warnings and deadlines, some with none, an archived one and an unknown id.
    const samples = [
      [...new Set(monitor.map((r) => r.traineeId))].slice(0, 7),
      [...new Set(warnings.map((r) => r.traineeId))].slice(0, 7),
      [...new Set(deadlines120.map((d) => d.traineeId))].slice(0, 7),
      allIds.filter((_, i) => i % Math.floor(trainees / 10) === 3),
      archived.slice(0, 1).map((r) => r.id),
      ['no-such-trainee'],
    ];
    const sample = [...new Set(samples.flat())];
    expect(samples.slice(0, 3).every((s) => s.length > 0)).toBe(true);
    // One trainee, twenty-odd, and every trainee (more than one chunk of 500 ids).
    for (const ids of [sample.slice(0, 1), sample, allIds]) {
      const chosen = new Set(ids);
      const mine = <T extends { traineeId: string }>(rows: T[]) => rows.filter((r) => chosen.has(r.traineeId));
      expect(await monitorRows(db, TODAY, ids)).toEqual(mine(monitor));
      expect(await examWarningsDue(db, TODAY, ids)).toEqual(mine(warnings));
      expect(await collectDeadlines(db, TODAY, 14, ids)).toEqual(mine(deadlines14));
      expect(await collectDeadlines(db, TODAY, 120, ids)).toEqual(mine(deadlines120));
      expect(await arcpDeadlinesDue(db, TODAY, ids)).toEqual(mine(arcpToday));
    }
    expect(await monitorRows(db, TODAY, [])).toEqual([]);
    expect(await collectDeadlines(db, TODAY, 14, [])).toEqual([]);
  }, 60_000);
});
