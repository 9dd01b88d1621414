import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InsightsReturn } from '../../src/shared/insights/insights-return';
import type { ComparisonFigure, InsightsFigures } from '../../src/shared/insights/insights-types';
import { pdfPages } from '../support/read-exports';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';

/**
 * A hand-built cohort for attainment by group, all in one programme, all first attempts at the AKT:
 * - Qualified in the UK, U1–U10: U1–U7 pass, U8–U10 fail (U8 passes a second attempt, which does not count).
 * - Qualified outside the UK, O1–O10 (O1 and O5 in the EEA): O1–O4 pass, O5–O10 fail.
 * - Full time: U1–U6 pass, U8, U9, O5, O6 fail (6 of 10). Less than full time: O1 passes, O7 fails (1 of 2).
 * - X failed and recorded nothing; W recorded a qualification, then withdrew agreement: neither counts.
 */
const TODAY = new Date('2026-06-15T10:00:00Z');
const AT = TODAY.toISOString();

let backend: TempBackend;

async function buildCohort() {
  const db = backend.store.db;
  const akt = (await db.selectFrom('exam_definitions').select('id').where('code', '=', 'AKT').executeTakeFirstOrThrow())
    .id;
  let n = 0;
  const ids: Record<string, string> = {};
  const trainee = async (key: string, results: string[]) => {
    const id = randomUUID();
    ids[key] = id;
    await db
      .insertInto('trainees')
      .values({
        id,
        gmc_number: String(7100000 + ++n),
        given_name: `Given${key}`,
        family_name: `Family${key}`,
        preferred_name: null,
        pronouns: null,
        email: null,
        programme: 'North',
        grade: 'ST2',
        programme_start_date: '2024-08-07',
        expected_cct_date: null,
        wte: 1,
        status: 'in_programme',
        educational_supervisor: null,
        current_post: null,
        tags: '[]',
        created_at: AT,
        updated_at: AT,
        archived_at: null,
      })
      .execute();
    for (const [i, result] of results.entries())
      await db
        .insertInto('exam_attempts')
        .values({
          id: randomUUID(),
          trainee_id: id,
          exam_id: akt,
          sitting_date: i === 0 ? '2025-10-02' : '2026-02-05',
          result,
          score: null,
          pass_mark: null,
          components: '{}',
          feedback: null,
          source: 'manual',
          created_at: AT,
          updated_at: AT,
        })
        .execute();
  };
  const agree = (key: string, field: string, value: string) =>
    call(backend, 'evaluation:record', {
      traineeId: ids[key]!,
      field: field as 'primaryQualification',
      value,
      agreed: true,
      agreedOn: '01/09/2025',
    });
  for (let i = 1; i <= 10; i++) {
    await trainee(`U${i}`, i <= 7 ? ['pass'] : i === 8 ? ['fail', 'pass'] : ['fail']);
    await agree(`U${i}`, 'primaryQualification', 'uk_graduate');
    await trainee(`O${i}`, i <= 4 ? ['pass'] : ['fail']);
    await agree(`O${i}`, 'primaryQualification', i === 1 || i === 5 ? 'eea_graduate' : 'international_graduate');
  }
  for (const key of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U8', 'U9', 'O5', 'O6'])
    await agree(key, 'lessThanFullTime', 'full_time');
  for (const key of ['O1', 'O7']) await agree(key, 'lessThanFullTime', 'less_than_full_time');
  await trainee('X', ['fail']);
  await trainee('W', ['fail']);
  await agree('W', 'primaryQualification', 'uk_graduate');
  await agree('W', 'lessThanFullTime', 'less_than_full_time');
  await call(backend, 'evaluation:withdraw', { traineeId: ids.W!, field: 'primaryQualification' });
  await call(backend, 'evaluation:withdraw', { traineeId: ids.W!, field: 'lessThanFullTime' });
}

const attainment = (figures: InsightsFigures, key: string) =>
  figures.figures.find((f) => f.meta.key === `attainment:${key}`) as ComparisonFigure;

beforeEach(async () => {
  backend = await createTempBackend({ now: () => TODAY });
  await buildCohort();
});
afterEach(async () => {
  await backend.close();
  fs.rmSync(backend.dataDir, { recursive: true, force: true });
});

describe('attainment by group', () => {
  it('counts first attempts of trainees who agreed, with the gap and its interval', async () => {
    const figure = attainment(await call(backend, 'insights:figures', {}), 'primary-qualification-first-attempt');
    expect(figure.exposed).toMatchObject({
      label: 'Qualified in the UK',
      outcome: { value: 7 },
      noOutcome: { value: 3 },
      total: { value: 10 },
      rateText: '70% (95% CI 40% to 89%)',
    });
    expect(figure.comparison).toMatchObject({
      label: 'Qualified outside the UK (EEA or elsewhere)',
      outcome: { value: 4 },
      noOutcome: { value: 6 },
      rateText: '40% (95% CI 17% to 69%)',
    });
    // 0.7 − 0.4 = 0.3; Newcombe: 0.3 − √((0.7 − 0.39678)² + (0.68733 − 0.4)²) = −0.1177,
    // 0.3 + √((0.89221 − 0.7)² + (0.4 − 0.16818)²) = 0.6011.
    expect(figure.difference!.estimate).toBeCloseTo(0.3, 10);
    expect(figure.difference!.lower).toBeCloseTo(-0.11773, 5);
    expect(figure.difference!.upper).toBeCloseTo(0.60114, 5);
    expect(figure.differenceText).toBe('+30 percentage points (95% CI −12 to +60)');
    expect(figure.caveats[0]).toMatch(/describes the training system .* not the trainees in them/);
    expect(figure.caveats.join(' ')).not.toMatch(/observational/);
  });

  it('hides a small group and what would give it away, and shows no gap', async () => {
    // Full time 6 of 10, less than full time 1 of 2: the 1s and the 2 are small.
    const figure = attainment(await call(backend, 'insights:figures', {}), 'less-than-full-time-first-attempt');
    const ltft = figure.comparison;
    expect(ltft.label).toBe('Less than full time');
    // A group of "<3" with both its cells "<3" would pin them to 1 and 1, so one of them shows as "—".
    expect([ltft.outcome.text, ltft.noOutcome.text, ltft.total.text]).toEqual(['—', '<3', '<3']);
    expect(ltft.rate).toBeNull();
    const shown = [
      figure.exposed.outcome,
      figure.exposed.noOutcome,
      figure.exposed.total,
      ...Object.values(figure.totals),
    ];
    // Secondary suppression: from what is still shown, no small count can be worked out.
    expect(shown.some((c) => c.suppression === 'secondary')).toBe(true);
    for (const c of [...shown, ltft.outcome, ltft.noOutcome, ltft.total]) expect([1, 2]).not.toContain(c.value);
    expect(figure.difference).toBeNull();
    expect(figure.differenceText).toBe('Not shown: part of the table is hidden to protect small numbers');
  });

  it('applies the threshold setting', async () => {
    await call(backend, 'settings:update', { insightsThreshold: 5 });
    const figure = attainment(await call(backend, 'insights:figures', {}), 'primary-qualification-first-attempt');
    // The UK fails (3) and the outside-UK passes (4) are now small.
    expect(figure.exposed.noOutcome.text).toBe('<5');
    expect(figure.comparison.outcome.text).toBe('<5');
    expect(figure.difference).toBeNull();
  });

  it('is in the DA-lead return with exact counts, never in a return for publication, and not by programme', async () => {
    const figures = await call(backend, 'insights:figures', {});
    expect(figures.heatMap.rows.map((r) => r.key).filter((k) => k.startsWith('attainment:'))).toEqual([]);
    const read = async (kind: 'da-lead' | 'publication') => {
      const made = await call(backend, 'insights:exportReturn', { kind });
      return JSON.parse(Buffer.from(made.json.base64, 'base64').toString()) as InsightsReturn;
    };
    const daLead = await read('da-lead');
    const rows = daLead.rows.filter((r) => r.indicator === 'attainment:primary-qualification-first-attempt');
    const count = (group: string, outcome: string) =>
      rows.find((r) => r.group === group && r.outcome === outcome)?.count;
    expect([
      count('exposed', 'yes'),
      count('exposed', 'no'),
      count('comparison', 'yes'),
      count('comparison', 'no'),
    ]).toEqual([7, 3, 4, 6]);
    expect(daLead.indicators.map((m) => m.key)).toContain('attainment:less-than-full-time-first-attempt');
    const publication = await read('publication');
    expect(publication.indicators.filter((m) => m.key.startsWith('attainment:'))).toEqual([]);
    expect(publication.rows.filter((r) => r.indicator.startsWith('attainment:'))).toEqual([]);
  });
});

describe('the one-page PDF of the What works page', () => {
  it('has the filters, every indicator’s suppressed figures and the notes, on one page', async () => {
    const file = await call(backend, 'insights:summaryPdf', { exam: 'AKT' });
    expect(file.mimeType).toBe('application/pdf');
    const pages = await pdfPages(Buffer.from(file.base64, 'base64'));
    expect(pages).toHaveLength(1);
    const text = pages[0]!.replace(/\s+/g, ' ');
    expect(text).toContain('Exam: AKT');
    for (const title of [
      'Post-fail conversation within 4 weeks',
      'Readiness-to-sit discussion before the sitting',
      'First-attempt pass by primary medical qualification',
      'First-attempt pass by working pattern',
    ])
      expect(text).toContain(title);
    expect(text).toContain('70% (95% CI 40% to 89%)');
    expect(text).toContain('Gap: +30 percentage points (95% CI −12 to +60)');
    expect(text).toContain('Less than full time — / <3 Not shown: too few to show safely');
    expect(text).toContain('<3');
    expect(text).toContain('Counts from 1 to 2 show as “<3”');
    expect(text).toContain('not the trainees');
    // No count of 1 or 2 in any cell: "outcome / total" pairs and category counts.
    expect(text).not.toMatch(/(^|\s)[12] \/ /);
    expect(text).not.toMatch(/\/ [12](\s|$)/);
    expect(text).not.toMatch(/: [12](;|\s)/);
  });
});
