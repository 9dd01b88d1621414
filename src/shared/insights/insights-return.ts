import { z } from 'zod';
import { insightsFiltersSchema, quarterSchema, type InsightsFigures } from './insights-types';
import type { ExportedFile } from '../exports';

/**
 * A return: aggregated counts a region can add up across schemes. Documented in
 * docs/insights-return.md; bump RETURN_SCHEMA_VERSION on any change a reader must know about.
 * No names, GMC numbers, ids of people or dates finer than a quarter.
 */
export const RETURN_FORMAT = 'tpd-companion/insights-return';
export const RETURN_SCHEMA_VERSION = 1;
export const RETURN_KINDS = ['publication', 'da-lead'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const RETURN_MARKING: Record<ReturnKind, 'OFFICIAL' | 'OFFICIAL-SENSITIVE'> = {
  publication: 'OFFICIAL',
  'da-lead': 'OFFICIAL-SENSITIVE',
};
/** DA-lead returns hide a 1 or 2 only for programmes smaller than this. */
export const DA_LEAD_SMALL_PROGRAMME = 10;

const label = z.string().min(1).max(300);
const indicatorMetaSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('comparison'),
    key: label,
    title: label,
    population: label,
    exposedLabel: label,
    comparisonLabel: label,
    outcomeLabel: label,
    noOutcomeLabel: label,
    stratifiedByExam: z.boolean(),
    note: label.nullable(),
  }),
  z.strictObject({
    kind: z.literal('proportion'),
    key: label,
    title: label,
    population: label,
    categories: z
      .array(z.strictObject({ key: label, label }))
      .min(1)
      .max(20),
    shareOf: z.array(label).max(20),
    shareLabel: label,
    note: label.nullable(),
  }),
]);

export const returnRowSchema = z.strictObject({
  indicator: label,
  exam: z.string().max(20).nullable(),
  programme: label,
  quarter: quarterSchema,
  group: z.string().max(40),
  outcome: z.string().max(40),
  /** Null when hidden. */
  count: z.number().int().min(0).nullable(),
  suppression: z.enum(['none', 'small', 'secondary']),
});
export type ReturnRow = z.output<typeof returnRowSchema>;

export const insightsReturnSchema = z.strictObject({
  format: z.literal(RETURN_FORMAT),
  schemaVersion: z.literal(RETURN_SCHEMA_VERSION),
  returnId: z.uuid(),
  kind: z.enum(RETURN_KINDS),
  marking: z.enum(['OFFICIAL', 'OFFICIAL-SENSITIVE']),
  madeInQuarter: quarterSchema,
  threshold: z.number().int().min(1).max(100),
  period: z.strictObject({ from: quarterSchema, to: quarterSchema }).nullable(),
  indicators: z.array(indicatorMetaSchema).max(500),
  programmes: z.array(z.strictObject({ programme: label, trainees: z.number().int().min(0).nullable() })).max(500),
  rows: z.array(returnRowSchema).max(500_000),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type InsightsReturn = z.output<typeof insightsReturnSchema>;

export const exportReturnSchema = z.strictObject({
  kind: z.enum(RETURN_KINDS, { error: 'Choose a publication return or a DA lead return' }),
  period: insightsFiltersSchema.shape.period,
});

export interface ExportedReturn {
  returnId: string;
  kind: ReturnKind;
  marking: string;
  rows: number;
  json: ExportedFile;
  csv: ExportedFile;
}

/** Largest return accepted, in characters of JSON. */
export const MAX_RETURN_TEXT = 30_000_000;

export const combineReturnsSchema = z.strictObject({
  returns: z
    .array(z.strictObject({ fileName: z.string().min(1).max(260), text: z.string().max(MAX_RETURN_TEXT) }))
    .min(1, { error: 'Choose at least one return' })
    .max(100, { error: 'Combine at most 100 returns at once' }),
  filters: insightsFiltersSchema.omit({ grade: true }).optional(),
});

export interface CombinedReturns extends InsightsFigures {
  sources: Array<{ fileName: string; kind: ReturnKind; programmes: string[]; quarters: string[]; rows: number }>;
  warnings: string[];
}

export const RETURN_CSV_COLUMNS = [
  'marking',
  'schema_version',
  'return_id',
  'indicator',
  'exam',
  'programme',
  'quarter',
  'group',
  'outcome',
  'count',
  'suppression',
] as const;
