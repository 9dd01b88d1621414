import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toCsv } from '../../../shared/csv';
import { ukToday } from '../../../shared/dates';
import { MIME, type ExportedFile } from '../../../shared/exports/report-document';
import { buildFigures } from '../../../shared/insights/figures';
import {
  DA_LEAD_SMALL_PROGRAMME,
  RETURN_CSV_COLUMNS,
  RETURN_FORMAT,
  RETURN_MARKING,
  RETURN_SCHEMA_MINOR,
  RETURN_SCHEMA_VERSION,
  type CombinedReturns,
  type ExportedReturn,
  type InsightsReturn,
  type ReturnKind,
  type ReturnRow,
} from '../../../shared/insights/insights-return';
import {
  isAttainmentIndicator,
  OUTCOME_AWAITING,
  quarterEnd,
  quarterOf,
  type CountRow,
  type IndicatorMeta,
  type InsightsFigures,
  type InsightsFilters,
} from '../../../shared/insights/insights-types';
import { isSmall, suppressCategories, suppressTable, type Suppression } from '../../../shared/insights/suppression';
import type { DB } from '../../store/schema';
import { recordExport } from '../export-log';
import type { SettingsService } from '../settings';
import { loadCohort } from './insights-cohort';
import { indicators, type Indicator, type Unit } from './indicator-registry';
import { readReturns } from './insights-combine';
import { returnContentHash } from './return-hash';
import { createReturnSigner } from './return-signing';
import { renderInsightsSummaryPdf } from './insights-pdf';

export type InsightsService = ReturnType<typeof createInsightsService>;

function keep(indicator: Indicator, unit: Unit, filters: InsightsFilters): boolean {
  if (filters.exam) {
    const aboutExams = indicator.meta.kind === 'comparison' && indicator.meta.stratifiedByExam;
    if (unit.exam !== null ? unit.exam !== filters.exam : aboutExams) return false;
  }
  if (filters.period) {
    const quarter = quarterOf(unit.date);
    if (quarter < filters.period.from || quarter > filters.period.to) return false;
  }
  return true;
}

/** Adds units up into count rows: one per indicator, exam, programme, quarter, group and outcome. */
export function countRows(indicator: Indicator, units: readonly Unit[]): CountRow[] {
  const rows = new Map<string, CountRow>();
  for (const unit of units) {
    const row: CountRow = {
      indicator: indicator.meta.key,
      exam: unit.exam,
      programme: unit.trainee.programme,
      quarter: quarterOf(unit.date),
      group: unit.group,
      outcome: unit.outcome,
      count: 0,
    };
    const key = [row.exam, row.programme, row.quarter, row.group, row.outcome].join('\u0000');
    const existing = rows.get(key) ?? rows.set(key, row).get(key)!;
    existing.count++;
  }
  return [...rows.values()];
}

/** Publication: each small table (one indicator, exam, programme, quarter) suppressed as the page would show it. */
function publicationSuppression(metas: readonly IndicatorMeta[], rows: readonly CountRow[], threshold: number) {
  const status = new Map<CountRow, Suppression>();
  const tables = new Map<string, CountRow[]>();
  for (const row of rows) {
    const key = [row.indicator, row.exam, row.programme, row.quarter].join('\u0000');
    (tables.get(key) ?? tables.set(key, []).get(key)!).push(row);
  }
  const metaByKey = new Map(metas.map((m) => [m.key, m]));
  for (const tableRows of tables.values()) {
    const meta = metaByKey.get(tableRows[0]!.indicator)!;
    const find = (group: string, outcome: string) => tableRows.find((r) => r.group === group && r.outcome === outcome);
    const countOf = (row: CountRow | undefined) => row?.count ?? 0;
    if (meta.kind === 'comparison') {
      const cells = [
        [find('exposed', 'yes'), find('exposed', 'no')],
        [find('comparison', 'yes'), find('comparison', 'no')],
      ];
      const shown = suppressTable(
        cells.map((r) => r.map(countOf)),
        threshold,
      );
      cells.forEach((r, i) => r.forEach((row, j) => row && status.set(row, shown.cells[i]![j]!.suppression)));
      for (const row of tableRows)
        if (row.outcome === OUTCOME_AWAITING) status.set(row, isSmall(row.count, threshold) ? 'small' : 'none');
    } else {
      const cells = meta.categories.map((c) => find('all', c.key));
      const shown = suppressCategories(cells.map(countOf), threshold);
      cells.forEach((row, i) => row && status.set(row, shown.categories[i]!.suppression));
    }
  }
  return status;
}

export function createInsightsService(db: Kysely<DB>, now: () => Date, settings: SettingsService) {
  async function computeLocal(filters: InsightsFilters) {
    const today = ukToday(now());
    const asOf = filters.period && quarterEnd(filters.period.to) < today ? quarterEnd(filters.period.to) : today;
    const cohort = await loadCohort(db, today, filters, asOf);
    const list = indicators(cohort, asOf);
    const rows: CountRow[] = [];
    const durations: Record<string, { label: string; values: number[] }> = {};
    const quarters = new Set<string>();
    for (const indicator of list) {
      const all = indicator.units(cohort);
      for (const unit of all) quarters.add(quarterOf(unit.date));
      const units = all.filter((u) => keep(indicator, u, filters));
      rows.push(...countRows(indicator, units));
      if (indicator.durationLabel)
        durations[indicator.meta.key] = {
          label: indicator.durationLabel,
          values: units.flatMap((u) => (u.days === undefined ? [] : [u.days])),
        };
    }
    return { list, rows, durations, quarters: [...quarters].sort(), today };
  }

  async function options(quarters: string[]): Promise<InsightsFigures['options']> {
    const [programmes, grades, exams] = await Promise.all([
      db.selectFrom('trainees').select('programme').distinct().where('archived_at', 'is', null).execute(),
      db.selectFrom('trainees').select('grade').distinct().where('archived_at', 'is', null).execute(),
      db.selectFrom('exam_definitions').select('attempt_group').distinct().where('archived_at', 'is', null).execute(),
    ]);
    const sorted = (xs: string[]) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));
    return {
      programmes: sorted(programmes.map((p) => p.programme)),
      grades: sorted(grades.map((g) => g.grade)),
      exams: sorted(exams.map((e) => e.attempt_group)),
      quarters,
    };
  }

  /** The TPD's own figures, suppressed at their chosen threshold. */
  async function figures(filters: InsightsFilters): Promise<InsightsFigures> {
    const { insightsThreshold: threshold } = await settings.get();
    const local = await computeLocal(filters);
    return buildFigures({
      scope: 'programme data',
      metas: local.list.map((i) => i.meta),
      rows: local.rows,
      threshold,
      filters,
      options: await options(local.quarters),
      durations: local.durations,
    });
  }

  const signer = createReturnSigner(settings, now);

  return {
    figures,

    /** This installation's signing key, as Settings shows it; null until the first return is made. */
    signingIdentity: () => signer.identity(),

    /** The page on one PDF page: only the suppressed figures, as shown. */
    async summaryPdf(filters: InsightsFilters): Promise<ExportedFile> {
      const today = ukToday(now());
      const pdf = await renderInsightsSummaryPdf(await figures(filters), today);
      await recordExport(db, { kind: 'pdf', traineeIds: [], description: '“What works” one-page summary PDF' }, now());
      return { fileName: `what-works-summary-${today}.pdf`, mimeType: MIME.pdf, base64: pdf.toString('base64') };
    },

    /** A return to send to the region: JSON (the record) and CSV (for a spreadsheet). */
    async exportReturn(input: { kind: ReturnKind; period?: InsightsFilters['period'] }): Promise<ExportedReturn> {
      const { insightsThreshold } = await settings.get();
      const filters: InsightsFilters = { period: input.period ?? null };
      const computed = await computeLocal(filters);
      // Attainment by group goes to the DA lead only, never into a return for publication.
      const local =
        input.kind === 'publication'
          ? {
              ...computed,
              list: computed.list.filter((i) => !isAttainmentIndicator(i.meta.key)),
              rows: computed.rows.filter((r) => !isAttainmentIndicator(r.indicator)),
            }
          : computed;
      const metas = local.list.map((i) => i.meta);
      const programmeSizes = await db
        .selectFrom('trainees')
        .select(['programme', (eb) => eb.fn.countAll<number>().as('n')])
        .where('archived_at', 'is', null)
        .groupBy('programme')
        .execute();
      const sizeOf = new Map(programmeSizes.map((p) => [p.programme, Number(p.n)]));
      const threshold = input.kind === 'publication' ? insightsThreshold : 3;
      const publication = input.kind === 'publication' ? publicationSuppression(metas, local.rows, threshold) : null;
      const rows: ReturnRow[] = local.rows.map((row) => {
        const suppression: Suppression = publication
          ? (publication.get(row) ?? 'none')
          : isSmall(row.count, 3) && (sizeOf.get(row.programme) ?? 0) < DA_LEAD_SMALL_PROGRAMME
            ? 'small'
            : 'none';
        return {
          indicator: row.indicator,
          exam: row.exam,
          programme: row.programme,
          quarter: row.quarter,
          group: row.group,
          outcome: row.outcome,
          count: suppression === 'none' ? row.count : null,
          suppression,
        };
      });
      const programmes = [...sizeOf.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([programme, n]) => ({
          programme,
          trainees: input.kind === 'publication' && isSmall(n, threshold) ? null : n,
        }));
      const body = {
        format: RETURN_FORMAT,
        schemaVersion: RETURN_SCHEMA_VERSION,
        kind: input.kind,
        marking: RETURN_MARKING[input.kind],
        madeInQuarter: quarterOf(local.today),
        threshold,
        period: input.period ?? null,
        indicators: metas,
        programmes,
        rows,
      } as const;
      const unsigned = {
        ...body,
        schemaMinor: RETURN_SCHEMA_MINOR,
        returnId: randomUUID(),
        contentHash: returnContentHash(body),
      } as const;
      const { signature, fingerprint } = await signer.sign(unsigned);
      const record: InsightsReturn = { ...unsigned, signature };
      const baseName = `what-works-return-${input.kind}-${record.madeInQuarter.toLowerCase()}`;
      const csv = toCsv(
        RETURN_CSV_COLUMNS,
        rows.map((r) => [
          record.marking,
          `${record.schemaVersion}.${record.schemaMinor}`,
          record.returnId,
          r.indicator,
          r.exam ?? '',
          r.programme,
          r.quarter,
          r.group,
          r.outcome,
          r.count ?? '',
          r.suppression,
        ]),
      );
      // Figures only, no trainee: the entry says which return left, and that it was two files.
      const description = `“What works” ${input.kind === 'publication' ? 'publication' : 'DA lead'} return (JSON and CSV)`;
      await recordExport(db, { kind: 'insights_return', traineeIds: [], description }, now());
      return {
        returnId: record.returnId,
        kind: record.kind,
        marking: record.marking,
        rows: rows.length,
        signedBy: fingerprint,
        json: {
          fileName: `${baseName}.json`,
          mimeType: 'application/json',
          base64: Buffer.from(JSON.stringify(record, null, 2), 'utf8').toString('base64'),
        },
        csv: { fileName: `${baseName}.csv`, mimeType: MIME.csv, base64: Buffer.from(csv, 'utf8').toString('base64') },
      };
    },

    /** Several schemes' DA-lead returns added up, with the region's figures suppressed afresh. */
    async combineReturns(input: {
      returns: Array<{ fileName: string; text: string }>;
      filters?: Omit<InsightsFilters, 'grade'> | undefined;
    }): Promise<CombinedReturns> {
      const { insightsThreshold: threshold } = await settings.get();
      const combined = readReturns(input.returns);
      const filters: InsightsFilters = { ...input.filters };
      const rows = combined.rows.filter(
        (r) =>
          (!filters.programme || r.programme === filters.programme) &&
          (!filters.exam || r.exam === null || r.exam === filters.exam) &&
          (!filters.period || (r.quarter >= filters.period.from && r.quarter <= filters.period.to)),
      );
      const figures = buildFigures({
        scope: 'region',
        metas: combined.metas,
        rows,
        threshold,
        filters,
        options: {
          programmes: [...new Set(combined.rows.map((r) => r.programme))].sort((a, b) => a.localeCompare(b)),
          grades: [],
          exams: [...new Set(combined.rows.flatMap((r) => (r.exam ? [r.exam] : [])))].sort(),
          quarters: [...new Set(combined.rows.map((r) => r.quarter))].sort(),
        },
      });
      return { ...figures, sources: combined.sources, warnings: combined.warnings };
    },
  };
}
