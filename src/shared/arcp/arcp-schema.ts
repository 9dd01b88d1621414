import { z } from 'zod';
import { dateSchema, isRealIsoDate, optionalDateSchema } from '../dates';
import { optionalText, requiredText, withoutControlCharacters } from '../text';
import { idSchema } from '../schema-helpers';
import { gradeSchema, wteSchema } from '../trainees';
import { EVIDENCE_BASES, type EsrState, type EvidenceBasis } from './arcp-reference';
import type { ArcpDeadline } from './deadlines';
import type { Checklist, ChecklistRow } from './checklist';

export const EDUCATOR_SUMMARY_MAX = 6000;
/** Panels review tens of trainees; a cap keeps the panel page and batch quick and catches "all 10,000" by mistake. */
export const PANEL_MAX_TRAINEES = 500;

const codeSchema = withoutControlCharacters(z.string().trim().min(1).max(12), 'A code');

/** One ARCP record's editable fields; the same schema checks the form and the channel input. */
export const arcpRecordFieldsSchema = z
  .strictObject({
    reviewFrom: dateSchema('start of the review period'),
    reviewTo: dateSchema('end of the review period'),
    panelDate: dateSchema('panel date'),
    grade: gradeSchema,
    wte: wteSchema,
    posts: z.coerce
      .number({ error: 'Enter the number of posts in the period' })
      .int({ error: 'Posts must be a whole number' })
      .min(1, { error: 'There is at least 1 post in a review period' })
      .max(12, { error: 'At most 12 posts in one review period' }),
    esrInterimDate: optionalDateSchema('interim ESR date'),
    esrFullDate: optionalDateSchema('full ESR date'),
    outcome: z.preprocess((v) => (v === '' || v === undefined ? null : v), codeSchema.nullable()),
    reasonCodes: z.array(codeSchema).max(12).default([]),
    reasonDetail: optionalText(1000, 'Reason detail'),
    evidenceDueDate: optionalDateSchema('evidence due date'),
    educatorSummary: optionalText(EDUCATOR_SUMMARY_MAX, 'The educator’s summary'),
    templateId: z.preprocess((v) => (v === '' || v === undefined ? null : v), idSchema.nullable()),
  })
  .superRefine((r, ctx) => {
    const real = (d: string | null) => d !== null && isRealIsoDate(d);
    if (real(r.reviewFrom) && real(r.reviewTo) && r.reviewTo <= r.reviewFrom) {
      ctx.addIssue({ code: 'custom', path: ['reviewTo'], message: 'The review period must end after it starts' });
    }
    if (real(r.reviewFrom) && real(r.panelDate) && r.panelDate < r.reviewFrom) {
      ctx.addIssue({
        code: 'custom',
        path: ['panelDate'],
        message: 'The panel date cannot be before the review period starts',
      });
    }
    if (real(r.esrInterimDate) && real(r.esrFullDate) && r.esrFullDate! < r.esrInterimDate!) {
      ctx.addIssue({
        code: 'custom',
        path: ['esrFullDate'],
        message: 'The full ESR cannot come before the interim ESR',
      });
    }
    if (r.outcome === null && r.reasonCodes.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['reasonCodes'], message: 'Choose the outcome before its reason codes' });
    }
  });
export type ArcpRecordFieldsInput = z.input<typeof arcpRecordFieldsSchema>;
export type ArcpRecordFields = z.output<typeof arcpRecordFieldsSchema>;

/** Counts seen in the e-portfolio, by checklist item key. Blank means "not recorded yet". */
export const evidenceCountsSchema = z.record(
  withoutControlCharacters(z.string().min(1).max(60), 'An evidence item'),
  z.coerce
    .number({ error: 'Counts must be numbers' })
    .int({ error: 'Counts must be whole numbers' })
    .min(0, { error: 'Counts cannot be negative' })
    .max(999, { error: 'Counts must be 999 or fewer' }),
);

export interface ArcpRecord extends ArcpRecordFields {
  id: string;
  traineeId: string;
  panelId: string | null;
  counts: Record<string, number>;
  createdAt: string;
  updatedAt: string;
}

export const templateItemSchema = z.strictObject({
  key: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9_]+$/, { error: 'Keys use lower-case letters, digits and _' }),
  label: requiredText(120, 'Enter the item’s name', 'Item name'),
  minimum: z.coerce
    .number({ error: 'Enter the minimum as a number' })
    .int({ error: 'The minimum must be a whole number' })
    .min(0, { error: 'The minimum cannot be negative' })
    .max(200, { error: 'The minimum must be 200 or fewer' }),
  basis: z.enum(EVIDENCE_BASES.map((b) => b.value) as [EvidenceBasis, ...EvidenceBasis[]], {
    error: 'Choose how the minimum applies',
  }),
  proRata: z.boolean().default(false),
  note: optionalText(200, 'Note'),
});

export const templateFieldsSchema = z
  .strictObject({
    name: requiredText(120, 'Enter a name for the template', 'Template name'),
    specialty: requiredText(60, 'Enter the specialty, e.g. GP', 'Specialty'),
    grade: gradeSchema,
    items: z.array(templateItemSchema).min(1, { error: 'A template needs at least one item' }).max(60),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.items.forEach((item, i) => {
      if (seen.has(item.key))
        ctx.addIssue({ code: 'custom', path: ['items', i, 'key'], message: `The key “${item.key}” is used twice` });
      seen.add(item.key);
    });
  });
export type TemplateFields = z.output<typeof templateFieldsSchema>;

export const panelFieldsSchema = z.strictObject({
  name: requiredText(120, 'Enter a name for the panel', 'Panel name'),
  panelDate: dateSchema('panel date'),
  traineeIds: z
    .array(idSchema)
    .min(1, { error: 'Choose at least one trainee for the panel' })
    .max(PANEL_MAX_TRAINEES, {
      error: `A panel can review at most ${PANEL_MAX_TRAINEES} trainees: narrow it by programme or grade`,
    }),
});
export type PanelFields = z.output<typeof panelFieldsSchema>;

export interface ArcpPanel {
  id: string;
  name: string;
  panelDate: string;
  traineeCount: number;
  createdAt: string;
}

/** One trainee's readiness for a panel: what the panel page shows and the CSV exports. */
export interface ReadinessRow {
  recordId: string;
  traineeId: string;
  traineeName: string;
  sortName: string;
  gmcNumber: string;
  programme: string;
  grade: string;
  wte: number;
  esr: EsrState;
  deadlines: ArcpDeadline[];
  templateName: string | null;
  /** Null when no template fits the trainee's grade. */
  checklist: Checklist | null;
  gapCount: number;
  gapSummary: string;
  outcome: string | null;
  /** The sections below are null when that part of the app is not available. */
  examPosition: string | null;
  openPlpGoals: number | null;
  postFailConversations: number | null;
  supportReceived: string | null;
}

export interface PanelReadiness {
  panel: ArcpPanel;
  rows: ReadinessRow[];
  /** Which sources the figures came from, so a blank column is explained. */
  unavailable: string[];
}

export interface TraineeArcp {
  records: ArcpRecord[];
  /** Checklist for each record that has a template, by record id. */
  checklists: Record<string, { templateName: string; checklist: Checklist }>;
  deadlines: ArcpDeadline[];
}

export type { Checklist, ChecklistRow };

export interface BatchOutcome {
  folder: string;
  indexFile: string | null;
  written: Array<{ traineeName: string; fileName: string; gapCount: number }>;
  failed: Array<{ traineeName: string; message: string }>;
  cancelled: boolean;
}

export interface ExportTarget {
  /** Under Electron the user picks a folder in a native dialog; elsewhere they type one. */
  canBrowse: boolean;
  defaultFolder: string | null;
}
