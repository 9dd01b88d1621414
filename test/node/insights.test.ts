import fs from 'node:fs';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indicators } from '../../src/main/services/insights/indicator-registry';
import { loadCohort } from '../../src/main/services/insights/insights-cohort';
import { countRows } from '../../src/main/services/insights/insights-service';
import type { InsightsReturn } from '../../src/shared/insights/insights-return';
import type { ComparisonFigure, InsightsFigures, ProportionFigure } from '../../src/shared/insights/insights-types';
import { buildInsightsCohort, COHORT_TODAY, COURSE } from '../fixtures/insights-cohort';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
let ids: Record<string, string>;

beforeEach(async () => {
  backend = await createTempBackend({ now: () => COHORT_TODAY });
  ids = await buildInsightsCohort(backend.store.db);
});
afterEach(async () => {
  await backend.close();
  fs.rmSync(backend.dataDir, { recursive: true, force: true });
});

/** The exact (unsuppressed) counts of one indicator, keyed "group/outcome". */
async function exactCounts(key: string, filters: { programme?: string } = {}) {
  const cohort = await loadCohort(backend.store.db, '2026-06-15', filters);
  const indicator = indicators(cohort, '2026-06-15').find((i) => i.meta.key === key)!;
  const counts: Record<string, number> = {};
  for (const row of countRows(indicator, indicator.units(cohort)))
    counts[`${row.group}/${row.outcome}`] = (counts[`${row.group}/${row.outcome}`] ?? 0) + row.count;
  return { counts, units: indicator.units(cohort) };
}

describe('each indicator counts the hand-built cohort as worked out by hand', () => {
  it('post-fail conversation within 4 weeks → pass at the next attempt of that exam', async () => {
    // Conversation ≤ 28 days: N1 (10 d, passed next), N3 (9 d, passed), S2 (20 d, failed next), S1 (5 d, next awaiting).
    // Not within 4 weeks: N2 (50 d, failed next), N4 (none, passed); second fails of N2 and S2 have no next yet.
    // The archived trainee is not counted.
    const { counts } = await exactCounts('post-fail-conversation');
    expect(counts).toEqual({
      'exposed/yes': 2,
      'exposed/no': 1,
      'exposed/awaiting': 1,
      'comparison/yes': 1,
      'comparison/no': 1,
      'comparison/awaiting': 2,
    });
  });

  it('support taken up (attended or completed) vs declined or never started → pass at the next sitting', async () => {
    // N1 completed → AKT pass; S2 attended → AKT fail; N2 declined → AKT fail; N4 never started → SCA pass;
    // S3 accepted only, nothing sat since → awaiting. N1's second (declined) offer is not their first.
    const { counts } = await exactCounts(`support:${COURSE.toLowerCase()}`);
    expect(counts).toEqual({
      'exposed/yes': 1,
      'exposed/no': 1,
      'comparison/yes': 1,
      'comparison/no': 1,
      'comparison/awaiting': 1,
    });
  });

  it('readiness discussion since the last sitting → pass at that sitting', async () => {
    // With: N1's 2nd AKT (pass), N3's 2nd SCA (pass), N2's 1st AKT (fail), S2's 2nd AKT (fail).
    // Without: passes N4 (2nd SCA), N5, N6 (AKT); fails N1 1st, N2 2nd (discussion was before the 1st),
    // N3 1st, N4 1st, S1 1st, S2 1st; awaiting S1 2nd AKT and N6 SCA. S3's withdrawal is not a sitting.
    const { counts } = await exactCounts('readiness-discussion');
    expect(counts).toEqual({
      'exposed/yes': 2,
      'exposed/no': 2,
      'comparison/yes': 3,
      'comparison/no': 6,
      'comparison/awaiting': 2,
    });
  });

  it('early-needs form within 8 weeks → first-attempt pass, once per exam', async () => {
    // Within 56 days of 07/08/2024: N1, N3, N5, S2 (02/10/2024 is day 56). Late or none: N2, N4, N6, S1.
    // First attempts: N5 AKT pass; N1, N3, S2 fail | N6 AKT pass; N2, N4, S1 fail; N6 SCA awaiting.
    const { counts } = await exactCounts('early-needs-first-attempt');
    expect(counts).toEqual({
      'exposed/yes': 1,
      'exposed/no': 3,
      'comparison/yes': 1,
      'comparison/no': 3,
      'comparison/awaiting': 1,
    });
  });

  it('early-needs form within 8 weeks → outcome 1 or 6 at the first ARCP that judges progress', async () => {
    // Exposed: N1 (1), N5 (6) yes; N3 (2) no; S2 (only N/A) and S3 (none) awaiting.
    // Not: N2 (8 then 3 → 3) and N6 (5) no; N4 (none) and S1 (outcome not yet recorded) awaiting; S4 none yet.
    const { counts } = await exactCounts('early-needs-first-arcp');
    expect(counts).toEqual({
      'exposed/yes': 2,
      'exposed/no': 1,
      'exposed/awaiting': 2,
      'comparison/no': 2,
      'comparison/awaiting': 3,
    });
  });

  it('days from a fail to the conversation, and how many were within 4 weeks', async () => {
    const { counts, units } = await exactCounts('post-fail-conversation-timing');
    expect(counts).toEqual({ 'all/within-4-weeks': 4, 'all/later': 1, 'all/none': 3 });
    expect(units.flatMap((u) => (u.days === undefined ? [] : [u.days])).sort((a, b) => a - b)).toEqual([
      5, 9, 10, 20, 50,
    ]);
  });

  it('share of trainees seen within their 1:1 cadence', async () => {
    // As of 15/06/2026 (8-week window from 20/04/2026): N1, S1 (today) and N4 (26-week cadence) seen;
    // N2, N6 (extension), S2 (exactly 8 weeks ago) and S3 not. N3 (leave) and N5 (completed) are not
    // expected; S4 started two weeks ago and is not due yet.
    const { counts } = await exactCounts('seen-within-cadence');
    expect(counts).toEqual({ 'all/seen': 3, 'all/not-seen': 4 });
  });

  it('support offers closed vs left open', async () => {
    const { counts } = await exactCounts('support-offers-closed');
    expect(counts).toEqual({ 'all/closed': 4, 'all/open': 2 });
  });

  it('filters by programme at the source', async () => {
    const { counts } = await exactCounts('post-fail-conversation', { programme: 'South' });
    expect(counts).toEqual({ 'exposed/no': 1, 'exposed/awaiting': 1, 'comparison/awaiting': 1 });
  });
});

const figure = <T extends 'comparison' | 'proportion'>(f: InsightsFigures, key: string) =>
  f.figures.find((x) => x.meta.key === key) as T extends 'comparison' ? ComparisonFigure : ProportionFigure;

describe('insights:figures', () => {
  it('hides small numbers and everything that would give them away', async () => {
    const figures = await call(backend, 'insights:figures', {});
    expect(figures.threshold).toBe(3);
    const postFail = figure<'comparison'>(figures, 'post-fail-conversation');
    // Exposed 2 passed / 1 not; comparison 1 / 1: every cell is under 3.
    expect(postFail.exposed.outcome.text).toBe('<3');
    const shown = [postFail.exposed, postFail.comparison].flatMap((g) => [g.total, g.outcome, g.noOutcome]);
    expect(shown.every((c) => c.value === null || c.value === 0 || c.value >= 3)).toBe(true);
    expect(postFail.exposed.rate).toBeNull();
    expect(postFail.riskRatio).toBeNull();
    expect(postFail.fisherP).toBeNull();
    expect(postFail.riskRatioText).toMatch(/hidden to protect small numbers/);
    expect(postFail.awaiting.text).toBe('3');
    expect(postFail.caveats[0]).toMatch(/observational/);
    const timing = figure<'proportion'>(figures, 'post-fail-conversation-timing');
    // 4 within, 1 later (hidden), 3 none: the 3 is hidden too, or 8 − 4 − 3 would give the 1 away.
    expect(timing.categories.map((c) => c.count.text)).toEqual(['4', '<3', '—']);
    expect(timing.total.text).toBe('8');
    expect(timing.distribution?.text).toBe('median 10 days (IQR 9 to 20), 5 conversations');
    expect(figures.options.programmes).toEqual(['North', 'South']);
    expect(figures.heatMap.programmes).toEqual(['North', 'South']);
    // Every indicator but attainment by group, which is not broken down by programme.
    const byProgramme = figures.figures.filter((f) => !f.meta.key.startsWith('attainment:'));
    expect(byProgramme).toHaveLength(figures.figures.length - 2);
    expect(figures.heatMap.rows.map((r) => r.key)).toEqual(byProgramme.map((f) => f.meta.key));
  });

  it('shows rates with Wilson intervals, the risk ratio and Fisher p once the groups are big enough', async () => {
    // Add 20 more fails at North: 10 with a conversation in time (7 pass next), 10 without (3 pass).
    const db = backend.store.db;
    const akt = (await db.selectFrom('exam_definitions').select('id').where('code', '=', 'AKT').executeTakeFirst())!.id;
    for (let i = 0; i < 20; i++) {
      const traineeId = `extra-${i}`;
      await db
        .insertInto('trainees')
        .values({
          id: traineeId,
          gmc_number: String(7100000 + i),
          given_name: 'Extra',
          family_name: `Trainee${i}`,
          preferred_name: null,
          pronouns: null,
          email: null,
          programme: 'North',
          grade: 'ST3',
          programme_start_date: '2023-08-02',
          expected_cct_date: null,
          wte: 1,
          status: 'in_programme',
          educational_supervisor: null,
          current_post: null,
          tags: '[]',
          created_at: '2026-01-01T00:00:00Z',
          updated_at: '2026-01-01T00:00:00Z',
          archived_at: null,
        })
        .execute();
      const attempt = (id: string, date: string, result: string) =>
        db
          .insertInto('exam_attempts')
          .values({
            id,
            trainee_id: traineeId,
            exam_id: akt,
            sitting_date: date,
            result,
            score: null,
            pass_mark: null,
            components: '{}',
            feedback: null,
            source: 'manual',
            created_at: '2026-01-01T00:00:00Z',
            updated_at: '2026-01-01T00:00:00Z',
          })
          .execute();
      await attempt(`fail-${i}`, '2025-10-10', 'fail');
      const conversation = i < 10;
      const passedNext = conversation ? i < 7 : i < 13;
      await attempt(`next-${i}`, '2026-01-10', passedNext ? 'pass' : 'fail');
      if (conversation)
        await db
          .insertInto('exam_post_fail')
          .values({
            id: `pf-${i}`,
            trainee_id: traineeId,
            attempt_id: `fail-${i}`,
            held_on: '2025-10-24',
            participants: 'TPD',
            owner: null,
            trainee_reflection: null,
            feedback_by_area: '[]',
            contributing_factors: '[]',
            support_tier: 1,
            support_tier_label: null,
            support_offered: '[]',
            support_item_ids: '[]',
            resit_target_date: null,
            study_plan: null,
            mocks: null,
            review_dates: '[]',
            agreed_actions: '[]',
            trainee_agreed: 1,
            private_note: null,
            created_at: '2026-01-01T00:00:00Z',
            updated_at: '2026-01-01T00:00:00Z',
          })
          .execute();
    }
    // Only the added sittings: the period is the quarter of their fails.
    const figures = await call(backend, 'insights:figures', {
      programme: 'North',
      exam: 'AKT',
      period: { from: '2025-Q4', to: '2025-Q4' },
    });
    const f = figure<'comparison'>(figures, 'post-fail-conversation');
    expect([
      f.exposed.outcome.value,
      f.exposed.noOutcome.value,
      f.comparison.outcome.value,
      f.comparison.noOutcome.value,
    ]).toEqual([7, 3, 3, 7]);
    expect(f.exposed.total.value).toBe(10);
    // Wilson for 7 of 10: 0.3968 to 0.8922 (R: prop.test(7, 10, correct = FALSE)).
    expect(f.exposed.rateText).toBe('70% (95% CI 40% to 89%)');
    expect(f.comparison.rateText).toBe('30% (95% CI 11% to 60%)');
    expect(f.riskRatio!.estimate).toBeCloseTo(0.7 / 0.3, 6);
    // R: fisher.test(matrix(c(7, 3, 3, 7), 2))$p.value → 0.1788954
    expect(f.fisherP).toBeCloseTo(0.1788954, 6);
    expect(f.fisherPText).toBe("p = 0.18 (Fisher's exact, two-sided)");
    // Only one exam in the filter: nothing to pool.
    expect(f.pooled).toBeNull();
  });

  it('uses the threshold setting, and refuses a threshold other than 3, 5 or 10', async () => {
    const bad = await backend.dispatch('settings:update', { insightsThreshold: 4 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.insightsThreshold).toBe('Hide counts under 3, 5 or 10');
    await call(backend, 'settings:update', { insightsThreshold: 5 });
    const figures = await call(backend, 'insights:figures', {});
    const timing = figure<'proportion'>(figures, 'post-fail-conversation-timing');
    expect(timing.categories.map((c) => c.count.text)).toEqual(['<5', '<5', '<5']);
    expect(figures.threshold).toBe(5);
  });

  it('refuses unknown filters and a period that ends before it starts', async () => {
    const unknown = await backend.dispatch('insights:figures', { trainee: 'x' });
    expect(unknown.ok).toBe(false);
    const backwards = await backend.dispatch('insights:figures', { period: { from: '2026-Q2', to: '2025-Q1' } });
    expect(backwards.ok).toBe(false);
    if (!backwards.ok) expect(backwards.error.message).toBe('The period must start before it ends');
  });
});

function decode(file: { base64: string }) {
  return Buffer.from(file.base64, 'base64').toString('utf8');
}

describe('returns a region can combine', () => {
  it('exports counts with no names, GMC numbers, ids or dates finer than a quarter', async () => {
    for (const kind of ['publication', 'da-lead'] as const) {
      const exported = await call(backend, 'insights:exportReturn', { kind });
      const json = decode(exported.json);
      const csv = decode(exported.csv);
      for (const text of [json, csv]) {
        expect(text).not.toMatch(/Given|Family|PRIVATE-NOTE/);
        expect(text).not.toMatch(/70000\d\d/);
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        for (const id of Object.values(ids)) expect(text).not.toContain(id);
      }
      const record = JSON.parse(json) as InsightsReturn;
      expect(record.schemaVersion).toBe(1);
      expect(record.marking).toBe(kind === 'da-lead' ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL');
      const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
      expect(parsed.data).toHaveLength(record.rows.length);
      expect(parsed.data[0]!.marking).toBe(record.marking);
    }
  });

  it('hides small counts in a publication return, and only 1s and 2s of small programmes in a DA lead return', async () => {
    const publication = JSON.parse(
      decode((await call(backend, 'insights:exportReturn', { kind: 'publication' })).json),
    ) as InsightsReturn;
    expect(publication.rows.every((r) => r.count === null || r.count === 0 || r.count >= 3)).toBe(true);
    const daLead = JSON.parse(
      decode((await call(backend, 'insights:exportReturn', { kind: 'da-lead' })).json),
    ) as InsightsReturn;
    // Both programmes have under 10 trainees: 1s and 2s hidden, the rest exact.
    expect(daLead.rows.some((r) => r.count === null)).toBe(true);
    expect(daLead.rows.every((r) => r.count === null || r.count === 0 || r.count >= 3)).toBe(true);
    expect(daLead.programmes).toEqual([
      { programme: 'North', trainees: 6 },
      { programme: 'South', trainees: 4 },
    ]);
  });

  it('adds exact counts across returns and refuses duplicates, other versions and bad files', async () => {
    // A larger scheme's DA lead return: 10+ trainees, so its counts are exact.
    const exported = await call(backend, 'insights:exportReturn', { kind: 'da-lead' });
    const record = JSON.parse(decode(exported.json)) as InsightsReturn;
    const second = await call(backend, 'insights:exportReturn', { kind: 'da-lead' });
    const file = (name: string, r: unknown) => ({
      fileName: name,
      text: typeof r === 'string' ? r : JSON.stringify(r),
    });

    const one = await call(backend, 'insights:combineReturns', {
      returns: [file('north.json', record)],
    });
    expect(one.scope).toBe('region');
    expect(one.sources[0]!.programmes).toEqual(['North', 'South']);

    const refused = async (returns: unknown[]) => {
      const result = await backend.dispatch('insights:combineReturns', { returns });
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error.message;
    };
    expect(await refused([file('a.json', record), file('b.json', record)])).toMatch(/same return as “a.json”/);
    // Exported again: a new id, the same content — still the same trainees twice.
    expect(await refused([file('a.json', record), file('again.json', decode(second.json))])).toMatch(/counted twice/);
    expect(await refused([file('a.csv', decode(exported.csv))])).toMatch(/is not a JSON file/);
    expect(await refused([file('x.json', { hello: 1 })])).toMatch(/is not a “What works” return/);
    expect(await refused([file('v2.json', { ...record, schemaVersion: 2 })])).toMatch(/newer version/);
    expect(await refused([file('v0.json', { ...record, schemaVersion: 0 })])).toMatch(/reads versions 1\.0 to 1\.1/);
    const edited = { ...record, rows: record.rows.map((r, i) => (i === 0 ? { ...r, count: (r.count ?? 0) + 5 } : r)) };
    expect(await refused([file('edited.json', edited)])).toMatch(/has been changed since it was made/);
    const publication = decode((await call(backend, 'insights:exportReturn', { kind: 'publication' })).json);
    expect(await refused([file('pub.json', publication)])).toMatch(/publication return/);
  });

  it('sums two schemes exactly and suppresses the combined figures', async () => {
    const { returnContentHash } = await import('../../src/main/services/insights/return-hash');
    const record = JSON.parse(
      decode((await call(backend, 'insights:exportReturn', { kind: 'da-lead' })).json),
    ) as InsightsReturn;
    // Two synthetic schemes with exact counts for the conversation indicator: 6/8 vs 2/7 and 5/7 vs 3/9.
    const scheme = (programme: string, [a, b, c, d]: number[]): unknown => {
      const rows = [
        ['exposed', 'yes', a],
        ['exposed', 'no', b],
        ['comparison', 'yes', c],
        ['comparison', 'no', d],
      ].map(([group, outcome, count]) => ({
        indicator: 'post-fail-conversation',
        exam: 'AKT',
        programme,
        quarter: '2025-Q3',
        group: group as string,
        outcome: outcome as string,
        count: count as number,
        suppression: 'none' as const,
      }));
      // Made as version 1.0 was (unsigned): returns from before signing still combine.
      const { signature: _s, schemaMinor: _m, ...older } = record;
      const body = { ...older, programmes: [{ programme, trainees: 30 }], rows };
      const { contentHash: _h, returnId: _i, ...rest } = body;
      return { ...body, returnId: crypto.randomUUID(), contentHash: returnContentHash(rest) };
    };
    const combined = await call(backend, 'insights:combineReturns', {
      returns: [
        { fileName: 'east.json', text: JSON.stringify(scheme('East', [6, 2, 2, 5])) },
        { fileName: 'west.json', text: JSON.stringify(scheme('West', [5, 2, 3, 6])) },
      ],
    });
    const f = combined.figures.find((x) => x.meta.key === 'post-fail-conversation') as ComparisonFigure;
    expect([
      f.exposed.outcome.value,
      f.exposed.noOutcome.value,
      f.comparison.outcome.value,
      f.comparison.noOutcome.value,
    ]).toEqual([11, 4, 5, 11]);
    expect(f.riskRatio!.estimate).toBeCloseTo(11 / 15 / (5 / 16), 6);
    // Each scheme's own table has small cells, so the heat map shows neither ratio.
    expect(combined.heatMap.programmes).toEqual(['East', 'West']);
    const row = combined.heatMap.rows.findIndex((r) => r.key === 'post-fail-conversation');
    expect(combined.heatMap.cells[row]!.map((c) => c.text)).toEqual(['—', '—']);
  });
});
