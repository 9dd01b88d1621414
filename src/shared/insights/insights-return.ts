import { z } from 'zod';
import { insightsFiltersSchema, quarterSchema, type InsightsFigures } from './insights-types';
import type { ExportedFile } from '../exports';

/**
 * A return: aggregated counts a region can add up across schemes. Documented in
 * docs/insights-return.md. No names, GMC numbers, ids of people or dates finer than a quarter.
 *
 * Versions: `schemaVersion` is the major version (a reader refuses another one); `schemaMinor`
 * (absent in 1.0) counts additions, and a reader takes every minor version up to its own. To add one,
 * extend the latest schema in RETURN_MINOR_SCHEMAS with its fields and `schemaMinor: z.literal(n)`,
 * and raise RETURN_SCHEMA_MINOR: the writer then writes it and older returns still combine.
 */
export const RETURN_FORMAT = 'tpd-companion/insights-return';
export const RETURN_SCHEMA_VERSION = 1;
/** The minor version this app writes: 1 added the signature. */
export const RETURN_SCHEMA_MINOR = 1;
export const RETURN_KINDS = ['publication', 'da-lead'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const RETURN_MARKING: Record<ReturnKind, 'OFFICIAL' | 'OFFICIAL-SENSITIVE'> = {
  publication: 'OFFICIAL',
  'da-lead': 'OFFICIAL-SENSITIVE',
};
/** DA-lead returns hide a 1 or 2 only for programmes smaller than this. */
export const DA_LEAD_SMALL_PROGRAMME = 10;
/**
 * The largest count a return may hold, in any cell or programme: more doctors than the whole UK has in
 * postgraduate training. A file claiming more was not made by this app; refusing it keeps anyone
 * outside from deciding how much work combining takes.
 */
export const MAX_RETURN_COUNT = 100_000;
const count = z.number().int().min(0).max(MAX_RETURN_COUNT);

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
  count: count.nullable(),
  suppression: z.enum(['none', 'small', 'secondary']),
});
export type ReturnRow = z.output<typeof returnRowSchema>;

/** Version 1.0: the counts and their SHA-256, unsigned. */
const returnV1_0Schema = z.strictObject({
  format: z.literal(RETURN_FORMAT),
  schemaVersion: z.literal(RETURN_SCHEMA_VERSION),
  returnId: z.uuid(),
  kind: z.enum(RETURN_KINDS),
  marking: z.enum(['OFFICIAL', 'OFFICIAL-SENSITIVE']),
  madeInQuarter: quarterSchema,
  threshold: z.number().int().min(1).max(100),
  period: z.strictObject({ from: quarterSchema, to: quarterSchema }).nullable(),
  indicators: z.array(indicatorMetaSchema).max(500),
  programmes: z.array(z.strictObject({ programme: label, trainees: count.nullable() })).max(500),
  rows: z.array(returnRowSchema).max(500_000),
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** An Ed25519 signature by the installation that made the return, over everything else in it. */
export const returnSignatureSchema = z.strictObject({
  algorithm: z.literal('Ed25519'),
  /** The 32-byte public key, base64. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** The 64-byte signature, base64. */
  value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type ReturnSignature = z.output<typeof returnSignatureSchema>;

/** Version 1.1: 1.0 plus `schemaMinor` and the signature. */
const returnV1_1Schema = returnV1_0Schema.extend({
  schemaMinor: z.literal(1),
  signature: returnSignatureSchema,
});

/** Each minor version of major version 1 that this app reads, by its number; the last is what it writes. */
export const RETURN_MINOR_SCHEMAS = { 0: returnV1_0Schema, 1: returnV1_1Schema } as const;
export type ReturnMinor = keyof typeof RETURN_MINOR_SCHEMAS;

/** A return as this app writes it now. */
export type InsightsReturn = z.output<(typeof RETURN_MINOR_SCHEMAS)[typeof RETURN_SCHEMA_MINOR]>;
/** A return of any minor version this app reads. */
export type AnyInsightsReturn = z.output<(typeof RETURN_MINOR_SCHEMAS)[ReturnMinor]>;
/** What the content hash and signature are computed over: everything but themselves and the id. */
export type ReturnBody = Omit<AnyInsightsReturn, 'contentHash' | 'returnId' | 'signature' | 'schemaMinor'>;

export const exportReturnSchema = z.strictObject({
  kind: z.enum(RETURN_KINDS, { error: 'Choose a publication return or a DA lead return' }),
  period: insightsFiltersSchema.shape.period,
});

export interface ExportedReturn {
  returnId: string;
  kind: ReturnKind;
  marking: string;
  rows: number;
  /** The fingerprint of the key that signed it, for the sender to read out to the DA lead. */
  signedBy: string;
  json: ExportedFile;
  csv: ExportedFile;
}

/** The installation's signing key as a person checks it: its fingerprint, and when it was made. */
export interface SigningIdentity {
  fingerprint: string;
  createdAt: string;
}

/** Largest return accepted, in characters of JSON. */
export const MAX_RETURN_TEXT = 30_000_000;
/** Largest set of returns combined at once, in characters of JSON all together. */
export const MAX_RETURNS_TEXT = 120_000_000;

export const combineReturnsSchema = z.strictObject({
  returns: z
    .array(
      z.strictObject({
        fileName: z.string().min(1).max(260),
        text: z.string().max(MAX_RETURN_TEXT, { error: 'A return must be 30 MB or smaller' }),
      }),
    )
    .min(1, { error: 'Choose at least one return' })
    .max(100, { error: 'Combine at most 100 returns at once' })
    .refine((files) => files.reduce((sum, f) => sum + f.text.length, 0) <= MAX_RETURNS_TEXT, {
      error: 'Combine at most 120 MB of returns at once',
    }),
  filters: insightsFiltersSchema.omit({ grade: true }).optional(),
});

/** What a combined return's reader can say about who made it. */
export type ReturnSignatureCheck =
  /** Signed, and the signature matches: made by the holder of this key and unchanged since. */
  | { status: 'signed'; fingerprint: string }
  /** Version 1.0, made before returns were signed: nothing shows who made it or that it is unchanged. */
  | { status: 'unsigned' };

export interface CombinedReturns extends InsightsFigures {
  sources: Array<{
    fileName: string;
    kind: ReturnKind;
    programmes: string[];
    quarters: string[];
    rows: number;
    /** "1.0", "1.1", … */
    version: string;
    signature: ReturnSignatureCheck;
  }>;
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
