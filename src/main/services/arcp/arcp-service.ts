import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../../shared/result';
import { shiftDate, ukToday } from '../../../shared/dates';
import {
  esrState,
  NOT_ASSESSED,
  OUTCOME_FIVE,
  outcomeLabel,
  type ArcpCode,
  type EvidenceTemplate,
} from '../../../shared/arcp/arcp-reference';
import type {
  ArcpPanel,
  ArcpRecord,
  ArcpRecordFields,
  PanelFields,
  PanelReadiness,
  ReadinessRow,
  TemplateFields,
  TraineeArcp,
} from '../../../shared/arcp/arcp-schema';
import { describeGaps, effectiveCounts, evaluateChecklist, type Checklist } from '../../../shared/arcp/checklist';
import { arcpDeadlines, outcomeFiveDue, reviewOverdue, type ArcpDeadline } from '../../../shared/arcp/deadlines';
import type {
  ArcpPackData,
  PackExamAttempt,
  PackPlpGoal,
  PackSection,
  PackSharedRecord,
  PackSupport,
} from '../../../shared/arcp/pack-types';
import { buildArcpPackDocument } from '../../../shared/arcp/pack-document';
import type { TraineeDeadline } from '../../../shared/arcp/arcp-contract';
import { describeExamPosition, examPositions } from '../../../shared/exams/exam-position';
import type { ExportedFile } from '../../../shared/exports/report-document';
import { isGoalOpen } from '../../../shared/plp/plp-types';
import { isSupportTakenUp } from '../../../shared/support/support-types';
import { displayName, type Trainee } from '../../../shared/trainees/trainee-schema';
import { reportAsPdf, safeFileName } from '../../exports/exported-file';
import { idSlices, inChunks } from '../../store/in-chunks';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import type { ArcpRecordsTable } from '../../store/schema-arcp';
import { recordChange } from '../change-log';
import { recordExport } from '../export-log';
import { findTrainee, rowToTrainee } from '../trainees/trainees-read';
import { SOURCE_NAMES, type ArcpSources, type ManyReader } from './arcp-sources';
import { fieldsToColumns, recordFields, rowToCode, rowToPanel, rowToRecord, rowToTemplate } from './arcp-rows';

export type ArcpService = ReturnType<typeof createArcpService>;

/** Statuses of trainees expected to have an ARCP every 12 months. */
const REVIEWED_STATUSES = ['in_programme', 'extension'];
/** 12 months is never less than 365 days: a trainee reviewed more recently than this cannot be overdue. */
const REVIEW_BOUND_DAYS = 360;

/** The template for a grade, preferring the one whose specialty starts the trainee's programme ("GP - Northtown VTS"). */
export function pickTemplate(templates: EvidenceTemplate[], grade: string, programme: string): EvidenceTemplate | null {
  const forGrade = templates.filter((t) => t.grade === grade);
  const lower = programme.toLowerCase();
  return forGrade.find((t) => lower.startsWith(t.specialty.toLowerCase())) ?? forGrade[0] ?? null;
}

/** Checks outcome and reason codes against the reference data; the messages name the field to fix. */
export function checkCodes(fields: ArcpRecordFields, codes: ArcpCode[]): void {
  const errors: Record<string, string> = {};
  const outcome = fields.outcome;
  if (outcome !== null && !codes.some((c) => c.kind === 'outcome' && c.code === outcome))
    errors.outcome = `“${outcome}” is not an ARCP outcome code`;
  const reasonsForOutcome = codes.filter(
    (c) => c.kind === 'reason' && outcome !== null && c.appliesTo.includes(outcome),
  );
  for (const code of fields.reasonCodes) {
    const reason = codes.find((c) => c.kind === 'reason' && c.code === code);
    if (!reason) errors.reasonCodes ??= `“${code}” is not an ARCP reason code`;
    else if (outcome !== null && !reason.appliesTo.includes(outcome)) {
      errors.reasonCodes ??= `${code} does not go with ${outcome === NOT_ASSESSED ? '“not assessed”' : `outcome ${outcome}`}`;
    }
  }
  if (outcome !== null && reasonsForOutcome.length > 0 && fields.reasonCodes.length === 0) {
    const first = reasonsForOutcome[0]!.code;
    const last = reasonsForOutcome[reasonsForOutcome.length - 1]!.code;
    errors.reasonCodes ??= `${outcome === NOT_ASSESSED ? '“Not assessed”' : `Outcome ${outcome}`} needs at least one reason code (${first}–${last})`;
  }
  const needsDetail = fields.reasonCodes.filter((code) => codes.find((c) => c.code === code)?.requiresDetail);
  if (needsDetail.length > 0 && !fields.reasonDetail)
    errors.reasonDetail = `Describe the reason: ${needsDetail.join(', ')} asks for detail`;
  const keys = Object.keys(errors);
  if (keys.length > 0)
    throw new AppError(
      'invalid_input',
      keys.length === 1 ? errors[keys[0]!]! : `${keys.length} fields need attention`,
      errors,
    );
}

/** Outcome 5 gets its two-week window by default; other outcomes have no evidence due date. */
function normalise(fields: ArcpRecordFields): ArcpRecordFields {
  const evidenceDueDate =
    fields.outcome === OUTCOME_FIVE ? (fields.evidenceDueDate ?? outcomeFiveDue(fields.panelDate, null)) : null;
  return { ...fields, evidenceDueDate, reasonDetail: fields.reasonCodes.length > 0 ? fields.reasonDetail : null };
}

function emptyCounts(): Record<string, number> {
  return {};
}

/** An outcome 5 followed by a later panel that gave an outcome has had its review: its evidence window no longer applies. */
function superseded(outcome: string | null, panelDate: string, lastReviewedPanelDate: string | undefined): boolean {
  return outcome === OUTCOME_FIVE && lastReviewedPanelDate !== undefined && lastReviewedPanelDate > panelDate;
}

/**
 * Every ARCP deadline across the register as of `day`: ESR and outcome 5 windows, and reviews
 * overdue; or only those of `traineeIds` (the Today cache, as trainees change), read by index.
 */
export async function collectDeadlines(
  db: Executor,
  day: string,
  horizonDays: number,
  traineeIds?: readonly string[],
): Promise<TraineeDeadline[]> {
  // This runs on every Today view, over the whole register: from indexes alone, find the trainees
  // with an open record or due a review by a bound a little wider than 12 months, and read only
  // those (the exact rule runs below).
  const reviewBound = shiftDate(day, -REVIEW_BOUND_DAYS);
  const readSources = (slice?: string[]) =>
    Promise.all([
      db
        .selectFrom('arcp_records')
        .select(['id', 'trainee_id', 'panel_date', 'esr_full_date', 'outcome', 'evidence_due_date'])
        .where((eb) => eb.or([eb('outcome', 'is', null), eb('outcome', '=', OUTCOME_FIVE)]))
        .$if(slice !== undefined, (q) => q.where('trainee_id', 'in', slice!))
        .execute(),
      db
        .selectFrom('arcp_records')
        .select(['trainee_id'])
        .select((eb) => eb.fn.max('panel_date').as('last'))
        .where('outcome', 'is not', null)
        .$if(slice !== undefined, (q) => q.where('trainee_id', 'in', slice!))
        .groupBy('trainee_id')
        .execute(),
      db
        .selectFrom('trainees')
        .select(['id', 'programme_start_date'])
        .where('status', 'in', REVIEWED_STATUSES)
        .where('archived_at', 'is', null)
        .$if(slice !== undefined, (q) => q.where('id', 'in', slice!))
        .execute(),
    ]);
  const parts = traineeIds
    ? await Promise.all(idSlices([...new Set(traineeIds)]).map(readSources))
    : [await readSources()];
  const open = parts.flatMap((p) => p[0]);
  const lastPanels = parts.flatMap((p) => p[1]);
  const reviewed = parts.flatMap((p) => p[2]);
  const lastByTrainee = new Map(lastPanels.map((r) => [r.trainee_id, r.last as string]));
  const candidates = new Set(open.map((r) => r.trainee_id));
  for (const t of reviewed) if ((lastByTrainee.get(t.id) ?? t.programme_start_date) < reviewBound) candidates.add(t.id);
  const trainees = await inChunks([...candidates], (slice) =>
    db
      .selectFrom('trainees')
      .select(['id', 'given_name', 'family_name', 'preferred_name', 'status', 'programme_start_date'])
      .where('archived_at', 'is', null)
      .where('id', 'in', slice)
      .execute(),
  );
  const openByTrainee = new Map<string, typeof open>();
  for (const r of open) {
    const list = openByTrainee.get(r.trainee_id) ?? [];
    list.push(r);
    openByTrainee.set(r.trainee_id, list);
  }
  const out: TraineeDeadline[] = [];
  for (const t of trainees) {
    const mine = openByTrainee.get(t.id) ?? [];
    const last = lastByTrainee.get(t.id);
    const name = displayName({ givenName: t.given_name, familyName: t.family_name, preferredName: t.preferred_name });
    for (const r of mine) {
      if (superseded(r.outcome, r.panel_date, last)) continue;
      const record = {
        panelDate: r.panel_date,
        esrFullDate: r.esr_full_date,
        outcome: r.outcome,
        evidenceDueDate: r.evidence_due_date,
      };
      for (const deadline of arcpDeadlines(record, day, horizonDays))
        out.push({ traineeId: t.id, traineeName: name, recordId: r.id, deadline });
    }
    if (!REVIEWED_STATUSES.includes(t.status)) continue;
    const overdue = reviewOverdue(
      {
        lastOutcomePanelDate: last ?? null,
        programmeStartDate: t.programme_start_date,
        hasPlannedPanel: mine.some((r) => r.outcome === null),
      },
      day,
    );
    if (overdue) out.push({ traineeId: t.id, traineeName: name, recordId: null, deadline: overdue });
  }
  // By date; the trainee, record and kind settle ties, so the order never depends on a query plan.
  const tie = (d: TraineeDeadline) => `${d.traineeId}|${d.recordId ?? ''}|${d.deadline.kind}`;
  return out.sort(
    (a, b) => a.deadline.date.localeCompare(b.deadline.date) || (tie(a) < tie(b) ? -1 : tie(a) > tie(b) ? 1 : 0),
  );
}

export function createArcpService(db: Kysely<DB>, now: () => Date, sources: ArcpSources = {}) {
  const today = () => ukToday(now());

  async function codes(executor: Executor = db): Promise<ArcpCode[]> {
    return (await executor.selectFrom('arcp_codes').selectAll().orderBy('sort_order').execute()).map(rowToCode);
  }

  async function templates(executor: Executor = db): Promise<EvidenceTemplate[]> {
    return (
      await executor
        .selectFrom('evidence_templates')
        .selectAll()
        .orderBy('specialty')
        .orderBy('grade')
        .orderBy('name')
        .execute()
    ).map(rowToTemplate);
  }

  async function findRecord(executor: Executor, id: string): Promise<ArcpRecord> {
    const row = await executor.selectFrom('arcp_records').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That ARCP record no longer exists.');
    return rowToRecord(row);
  }

  function checklistFor(record: ArcpRecord, template: EvidenceTemplate | null): Checklist | null {
    return template
      ? evaluateChecklist(template.items, effectiveCounts(record.counts, record), {
          wte: record.wte,
          posts: record.posts,
        })
      : null;
  }

  function templateOf(record: ArcpRecord, all: EvidenceTemplate[], programme: string): EvidenceTemplate | null {
    return all.find((t) => t.id === record.templateId) ?? pickTemplate(all, record.grade, programme);
  }

  async function prepare(executor: Executor, traineeId: string, fields: ArcpRecordFields): Promise<ArcpRecordFields> {
    checkCodes(fields, await codes(executor));
    const trainee = await findTrainee(executor, traineeId);
    const all = await templates(executor);
    const chosen = fields.templateId ? all.find((t) => t.id === fields.templateId) : undefined;
    if (fields.templateId && !chosen)
      throw new AppError('invalid_input', 'That evidence template no longer exists.', {
        templateId: 'Choose a template',
      });
    if (chosen && chosen.grade !== fields.grade) {
      const message = `The ${chosen.name} template is for ${chosen.grade}: choose one for ${fields.grade}, or “Best match for the grade”`;
      throw new AppError('invalid_input', message, { templateId: message });
    }
    const templateId = fields.templateId ?? pickTemplate(all, fields.grade, trainee.programme)?.id ?? null;
    return normalise({ ...fields, templateId });
  }

  /** The record a new panel creates: its period runs on from the last review (or the programme start). */
  async function defaultFields(
    executor: Executor,
    trainee: Trainee,
    panelDate: string,
    all: EvidenceTemplate[],
  ): Promise<ArcpRecordFields> {
    const last = await executor
      .selectFrom('arcp_records')
      .select(['review_to'])
      .where('trainee_id', '=', trainee.id)
      .where('review_to', '<', panelDate)
      .orderBy('review_to', 'desc')
      .executeTakeFirst();
    const yearBefore = shiftDate(panelDate, -365);
    const fromLast = last ? shiftDate(last.review_to, 1) : trainee.programmeStartDate;
    const reviewFrom = fromLast < yearBefore ? yearBefore : fromLast;
    return {
      reviewFrom: reviewFrom < panelDate ? reviewFrom : yearBefore,
      reviewTo: panelDate,
      panelDate,
      grade: trainee.grade,
      wte: trainee.wte,
      // GP training: ST1/ST2 usually rotate through two posts a year, ST3 stays in one practice.
      posts: trainee.grade === 'ST3' ? 1 : 2,
      esrInterimDate: null,
      esrFullDate: null,
      outcome: null,
      reasonCodes: [],
      reasonDetail: null,
      evidenceDueDate: null,
      educatorSummary: null,
      templateId: pickTemplate(all, trainee.grade, trainee.programme)?.id ?? null,
    };
  }

  async function readSection<T>(
    name: keyof typeof SOURCE_NAMES,
    read: (() => Promise<T[]>) | null,
  ): Promise<PackSection<T>> {
    if (!read)
      return { available: false, reason: `${SOURCE_NAMES[name]} are not available in this version of the app.` };
    return { available: true, items: await read() };
  }

  async function packData(recordId: string): Promise<ArcpPackData> {
    const record = await findRecord(db, recordId);
    const trainee = await findTrainee(db, record.traineeId);
    const [allCodes, allTemplates] = await Promise.all([codes(), templates()]);
    const template = templateOf(record, allTemplates, trainee.programme);
    const panel = record.panelId
      ? await db.selectFrom('arcp_panels').select(['name']).where('id', '=', record.panelId).executeTakeFirst()
      : undefined;
    const id = trainee.id;
    const exams = await readSection('examAttempts', sources.examAttempts ? () => sources.examAttempts!(db, id) : null);
    return {
      generatedOn: today(),
      trainee: {
        name: `${displayName(trainee)}${trainee.preferredName ? ` (${trainee.givenName} ${trainee.familyName})` : ''}`,
        gmcNumber: trainee.gmcNumber,
        programme: trainee.programme,
        educationalSupervisor: trainee.educationalSupervisor,
      },
      record: {
        reviewFrom: record.reviewFrom,
        reviewTo: record.reviewTo,
        panelDate: record.panelDate,
        panelName: panel?.name ?? null,
        grade: record.grade,
        wte: record.wte,
        posts: record.posts,
        esrInterimDate: record.esrInterimDate,
        esrFullDate: record.esrFullDate,
        outcomeLabel: record.outcome ? outcomeLabel(record.outcome, allCodes) : null,
        reasons: record.reasonCodes.map((code) =>
          `${code} ${allCodes.find((c) => c.code === code)?.label ?? ''}`.trim(),
        ),
        reasonDetail: record.reasonDetail,
        evidenceDueDate: record.evidenceDueDate,
        educatorSummary: record.educatorSummary,
      },
      templateName: template?.name ?? null,
      checklist: checklistFor(record, template),
      deadlines: arcpDeadlines(record, today(), 60),
      previous: (
        await db
          .selectFrom('arcp_records')
          .select(['panel_date', 'grade', 'outcome', 'reason_codes'])
          .where('trainee_id', '=', id)
          .where('outcome', 'is not', null)
          .where('panel_date', '<', record.panelDate)
          .orderBy('panel_date', 'desc')
          .execute()
      ).map((r) => {
        const reasons = JSON.parse(r.reason_codes) as string[];
        return {
          panelDate: r.panel_date,
          grade: r.grade,
          outcome: outcomeLabel(r.outcome, allCodes) + (reasons.length > 0 ? ` (${reasons.join(', ')})` : ''),
        };
      }),
      exams,
      examPosition: exams.available ? examPositions(exams.items).map(describeExamPosition) : [],
      plpGoals: await readSection('plpGoals', sources.plpGoals ? () => sources.plpGoals!(db, id) : null),
      support: await readSection('support', sources.support ? () => sources.support!(db, id) : null),
      meetings: await readSection(
        'meetings',
        sources.meetings ? () => sources.meetings!(db, id, record.reviewFrom, record.reviewTo) : null,
      ),
      postFail: await readSection('postFail', sources.postFail ? () => sources.postFail!(db, id) : null),
      readiness: await readSection('readiness', sources.readiness ? () => sources.readiness!(db, id) : null),
    };
  }

  function packFileBase(data: ArcpPackData): string {
    return safeFileName('arcp-pack', data.trainee.name, data.trainee.gmcNumber, data.record.panelDate);
  }

  /** What the panel page shows from the other features, for the panel's trainees. */
  interface MemberViews {
    attempts: PackExamAttempt[] | null;
    goals: PackPlpGoal[] | null;
    postFail: PackSharedRecord[] | null;
    support: PackSupport[] | null;
  }

  /** A view for every member, read once for them all; trainee by trainee where the source has no batched reader. */
  async function readMembers<T>(
    one: ((db: Executor, traineeId: string) => Promise<T[]>) | undefined,
    many: ManyReader<T> | undefined,
    traineeIds: readonly string[],
  ): Promise<ReadonlyMap<string, T[]> | null> {
    if (!one) return null;
    if (many) return many(db, traineeIds);
    const out = new Map<string, T[]>();
    for (const id of traineeIds) out.set(id, await one(db, id));
    return out;
  }

  function readinessRow(
    record: ArcpRecord,
    trainee: Trainee,
    allTemplates: EvidenceTemplate[],
    day: string,
    { attempts, goals, postFail, support }: MemberViews,
  ): ReadinessRow {
    const template = templateOf(record, allTemplates, trainee.programme);
    const checklist = checklistFor(record, template);
    return {
      recordId: record.id,
      traineeId: trainee.id,
      traineeName: displayName(trainee),
      sortName: `${trainee.familyName}, ${trainee.preferredName || trainee.givenName}`,
      gmcNumber: trainee.gmcNumber,
      programme: trainee.programme,
      grade: record.grade,
      wte: record.wte,
      esr: esrState(record),
      deadlines: arcpDeadlines(record, day, 90),
      templateName: template?.name ?? null,
      checklist,
      gapCount: checklist?.gaps.length ?? 0,
      gapSummary: checklist ? describeGaps(checklist.gaps) : 'No evidence template for this grade',
      outcome: record.outcome,
      examPosition: attempts
        ? examPositions(attempts).map(describeExamPosition).join('; ') || 'No attempts recorded'
        : null,
      openPlpGoals: goals ? goals.filter((g) => isGoalOpen(g.status)).length : null,
      postFailConversations: postFail ? postFail.length : null,
      supportReceived: support
        ? support.length === 0
          ? 'None offered'
          : `${support.filter((s) => isSupportTakenUp(s.status)).length} taken up of ${support.length} offered`
        : null,
    };
  }

  return {
    codes,
    templates,
    packData,

    async reference(): Promise<{ codes: ArcpCode[]; templates: EvidenceTemplate[] }> {
      return { codes: await codes(), templates: await templates() };
    },

    async saveTemplate(id: string | null, fields: TemplateFields): Promise<EvidenceTemplate> {
      return db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        const values = {
          name: fields.name,
          specialty: fields.specialty,
          grade: fields.grade,
          items: JSON.stringify(fields.items),
          updated_at: at,
        };
        let templateId = id;
        if (templateId) {
          const result = await trx
            .updateTable('evidence_templates')
            .set(values)
            .where('id', '=', templateId)
            .executeTakeFirst();
          if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', 'That template no longer exists.');
        } else {
          templateId = randomUUID();
          await trx
            .insertInto('evidence_templates')
            .values({ id: templateId, ...values, created_at: at })
            .execute();
        }
        await recordChange(
          trx,
          { entity: 'evidence_template', entityId: templateId, action: id ? 'updated' : 'created', after: fields },
          now(),
        );
        return rowToTemplate(
          await trx.selectFrom('evidence_templates').selectAll().where('id', '=', templateId).executeTakeFirstOrThrow(),
        );
      });
    },

    async forTrainee(traineeId: string): Promise<TraineeArcp> {
      const trainee = await findTrainee(db, traineeId);
      const records = (
        await db
          .selectFrom('arcp_records')
          .selectAll()
          .where('trainee_id', '=', traineeId)
          .orderBy('panel_date', 'desc')
          .execute()
      ).map(rowToRecord);
      const all = await templates();
      const checklists: TraineeArcp['checklists'] = {};
      for (const record of records) {
        const template = templateOf(record, all, trainee.programme);
        const checklist = checklistFor(record, template);
        if (template && checklist) checklists[record.id] = { templateName: template.name, checklist };
      }
      const lastReviewed = records.find((r) => r.outcome !== null)?.panelDate;
      const deadlines: ArcpDeadline[] = records
        .filter((r) => !superseded(r.outcome, r.panelDate, lastReviewed))
        .flatMap((r) => arcpDeadlines(r, today(), 60));
      const lastOutcome = records.find((r) => r.outcome !== null);
      const overdue = REVIEWED_STATUSES.includes(trainee.status)
        ? reviewOverdue(
            {
              lastOutcomePanelDate: lastOutcome?.panelDate ?? null,
              programmeStartDate: trainee.programmeStartDate,
              hasPlannedPanel: records.some((r) => r.outcome === null),
            },
            today(),
          )
        : null;
      if (overdue) deadlines.push(overdue);
      return { records, checklists, deadlines };
    },

    async create(traineeId: string, fields: ArcpRecordFields): Promise<ArcpRecord> {
      return db.transaction().execute(async (trx) => {
        const ready = await prepare(trx, traineeId, fields);
        const at = now().toISOString();
        const id = randomUUID();
        await trx
          .insertInto('arcp_records')
          .values({
            id,
            trainee_id: traineeId,
            panel_id: null,
            ...fieldsToColumns(ready),
            evidence_counts: JSON.stringify(emptyCounts()),
            created_at: at,
            updated_at: at,
          })
          .execute();
        await recordChange(trx, { entity: 'arcp_record', entityId: id, action: 'created', after: ready }, now());
        return findRecord(trx, id);
      });
    },

    async update(id: string, fields: ArcpRecordFields): Promise<ArcpRecord> {
      return db.transaction().execute(async (trx) => {
        const before = await findRecord(trx, id);
        const ready = await prepare(trx, before.traineeId, fields);
        await trx
          .updateTable('arcp_records')
          .set({ ...fieldsToColumns(ready), updated_at: now().toISOString() })
          .where('id', '=', id)
          .execute();
        const action = before.outcome !== ready.outcome ? 'outcome_recorded' : 'updated';
        await recordChange(
          trx,
          { entity: 'arcp_record', entityId: id, action, before: recordFields(before), after: ready },
          now(),
        );
        return findRecord(trx, id);
      });
    },

    /** Only a record still awaiting its panel can go (e.g. made by mistake); the row is kept in the change log for Undo. */
    async deleteRecord(id: string): Promise<{ id: string }> {
      return db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('arcp_records').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new AppError('not_found', 'That ARCP record no longer exists.');
        if (row.outcome !== null)
          throw new AppError(
            'conflict',
            'An ARCP with an outcome is kept as history and cannot be deleted; edit it instead.',
          );
        await trx.deleteFrom('arcp_records').where('id', '=', id).execute();
        await recordChange(trx, { entity: 'arcp_record', entityId: id, action: 'deleted', before: row }, now());
        return { id };
      });
    },

    async restoreRecord(id: string): Promise<ArcpRecord> {
      return db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('arcp_records').select(['id']).where('id', '=', id).executeTakeFirst();
        if (existing) return findRecord(trx, id);
        const entry = await trx
          .selectFrom('change_log')
          .select(['changes'])
          .where('entity', '=', 'arcp_record')
          .where('entity_id', '=', id)
          .where('action', '=', 'deleted')
          .orderBy('at', 'desc')
          .executeTakeFirst();
        const row = entry?.changes
          ? (JSON.parse(entry.changes) as { before: Selectable<ArcpRecordsTable> }).before
          : null;
        if (!row) throw new AppError('not_found', 'That ARCP record can no longer be restored.');
        await findTrainee(trx, row.trainee_id);
        const panel = row.panel_id
          ? await trx.selectFrom('arcp_panels').select(['id']).where('id', '=', row.panel_id).executeTakeFirst()
          : undefined;
        const template = row.template_id
          ? await trx
              .selectFrom('evidence_templates')
              .select(['id'])
              .where('id', '=', row.template_id)
              .executeTakeFirst()
          : undefined;
        await trx
          .insertInto('arcp_records')
          .values({
            ...row,
            panel_id: panel ? row.panel_id : null,
            template_id: template ? row.template_id : null,
            updated_at: now().toISOString(),
          })
          .execute();
        await recordChange(trx, { entity: 'arcp_record', entityId: id, action: 'restored' }, now());
        return findRecord(trx, id);
      });
    },

    async saveCounts(id: string, counts: Record<string, number>): Promise<ArcpRecord> {
      return db.transaction().execute(async (trx) => {
        const before = await findRecord(trx, id);
        const trainee = await findTrainee(trx, before.traineeId);
        const template = templateOf(before, await templates(trx), trainee.programme);
        if (!template)
          throw new AppError(
            'invalid_input',
            `No evidence template fits grade ${before.grade}: add one on the ARCP page first.`,
          );
        const unknown = Object.keys(counts).filter((key) => !template.items.some((i) => i.key === key));
        if (unknown.length > 0)
          throw new AppError('invalid_input', `“${unknown[0]}” is not an item of the ${template.name} template.`);
        await trx
          .updateTable('arcp_records')
          .set({ evidence_counts: JSON.stringify(counts), updated_at: now().toISOString() })
          .where('id', '=', id)
          .execute();
        await recordChange(
          trx,
          { entity: 'arcp_record', entityId: id, action: 'evidence_counted', before: before.counts, after: counts },
          now(),
        );
        return findRecord(trx, id);
      });
    },

    async panels(): Promise<ArcpPanel[]> {
      const rows = await db
        .selectFrom('arcp_panels')
        .leftJoin('arcp_records', 'arcp_records.panel_id', 'arcp_panels.id')
        .select([
          'arcp_panels.id',
          'arcp_panels.name',
          'arcp_panels.panel_date',
          'arcp_panels.created_at',
          'arcp_panels.updated_at',
        ])
        .select((eb) => eb.fn.count<number>('arcp_records.id').as('n'))
        .groupBy('arcp_panels.id')
        .orderBy('arcp_panels.panel_date', 'desc')
        .execute();
      return rows.map((r) => rowToPanel(r, Number(r.n)));
    },

    /** A panel and one ARCP record per chosen trainee; a trainee's open record for that date joins the panel instead. */
    async createPanel(fields: PanelFields): Promise<ArcpPanel> {
      return db.transaction().execute(async (trx) => {
        const at = now().toISOString();
        const panelId = randomUUID();
        await trx
          .insertInto('arcp_panels')
          .values({ id: panelId, name: fields.name, panel_date: fields.panelDate, created_at: at, updated_at: at })
          .execute();
        const all = await templates(trx);
        const ids = [...new Set(fields.traineeIds)];
        for (let i = 0; i < ids.length; i += 500) {
          const trainees = (
            await trx
              .selectFrom('trainees')
              .selectAll()
              .where('id', 'in', ids.slice(i, i + 500))
              .execute()
          ).map(rowToTrainee);
          if (trainees.length !== Math.min(500, ids.length - i))
            throw new AppError(
              'not_found',
              'Some of the chosen trainees are no longer in the register; nothing was saved.',
            );
          for (const trainee of trainees) {
            const open = await trx
              .selectFrom('arcp_records')
              .select(['id'])
              .where('trainee_id', '=', trainee.id)
              .where('panel_date', '=', fields.panelDate)
              .where('outcome', 'is', null)
              .executeTakeFirst();
            if (open) {
              await trx
                .updateTable('arcp_records')
                .set({ panel_id: panelId, updated_at: at })
                .where('id', '=', open.id)
                .execute();
              continue;
            }
            const recordId = randomUUID();
            const defaults = await defaultFields(trx, trainee, fields.panelDate, all);
            await trx
              .insertInto('arcp_records')
              .values({
                id: recordId,
                trainee_id: trainee.id,
                panel_id: panelId,
                ...fieldsToColumns(defaults),
                evidence_counts: '{}',
                created_at: at,
                updated_at: at,
              })
              .execute();
          }
        }
        await recordChange(
          trx,
          {
            entity: 'arcp_panel',
            entityId: panelId,
            action: 'created',
            after: { name: fields.name, panelDate: fields.panelDate, trainees: ids.length },
          },
          now(),
        );
        const row = await trx.selectFrom('arcp_panels').selectAll().where('id', '=', panelId).executeTakeFirstOrThrow();
        return rowToPanel(row, ids.length);
      });
    },

    async panelMembers(
      panelId: string,
    ): Promise<{ panel: ArcpPanel; members: Array<{ record: ArcpRecord; trainee: Trainee }> }> {
      const panelRow = await db.selectFrom('arcp_panels').selectAll().where('id', '=', panelId).executeTakeFirst();
      if (!panelRow) throw new AppError('not_found', 'That panel no longer exists.');
      const records = (await db.selectFrom('arcp_records').selectAll().where('panel_id', '=', panelId).execute()).map(
        rowToRecord,
      );
      const trainees = new Map<string, Trainee>();
      const ids = records.map((r) => r.traineeId);
      for (let i = 0; i < ids.length; i += 500) {
        for (const row of await db
          .selectFrom('trainees')
          .selectAll()
          .where('id', 'in', ids.slice(i, i + 500))
          .execute())
          trainees.set(row.id, rowToTrainee(row));
      }
      const members = records
        .map((record) => ({ record, trainee: trainees.get(record.traineeId)! }))
        .filter((m) => m.trainee)
        .sort(
          (a, b) =>
            a.trainee.familyName.localeCompare(b.trainee.familyName) ||
            a.trainee.givenName.localeCompare(b.trainee.givenName),
        );
      return { panel: rowToPanel(panelRow, members.length), members };
    },

    async readiness(panelId: string): Promise<PanelReadiness> {
      const { panel, members } = await this.panelMembers(panelId);
      // Each source is read once for the whole panel (a query per source, not per member).
      const ids = [...new Set(members.map((m) => m.trainee.id))];
      const many = sources.many ?? {};
      const [all, attempts, goals, postFail, support] = await Promise.all([
        templates(),
        readMembers(sources.examAttempts, many.examAttempts, ids),
        readMembers(sources.plpGoals, many.plpGoals, ids),
        readMembers(sources.postFail, many.postFail, ids),
        readMembers(sources.support, many.support, ids),
      ]);
      const day = today();
      const rows: ReadinessRow[] = members.map(({ record, trainee }) =>
        readinessRow(record, trainee, all, day, {
          attempts: attempts ? (attempts.get(trainee.id) ?? []) : null,
          goals: goals ? (goals.get(trainee.id) ?? []) : null,
          postFail: postFail ? (postFail.get(trainee.id) ?? []) : null,
          support: support ? (support.get(trainee.id) ?? []) : null,
        }),
      );
      const unavailable = (['examAttempts', 'plpGoals', 'postFail', 'support'] as const)
        .filter((k) => !sources[k])
        .map((k) => SOURCE_NAMES[k]);
      return { panel, rows, unavailable };
    },

    /** Every ARCP deadline across the register, for the Today view and the panel page. */
    deadlines: (horizonDays: number) => collectDeadlines(db, today(), horizonDays),

    packFileBase,

    async pack(recordId: string): Promise<ExportedFile> {
      const data = await packData(recordId);
      const file = await reportAsPdf(buildArcpPackDocument(data), packFileBase(data));
      const record = await db
        .selectFrom('arcp_records')
        .select('trainee_id')
        .where('id', '=', recordId)
        .executeTakeFirst();
      await recordExport(
        db,
        { kind: 'arcp_pack', traineeIds: record ? [record.trainee_id] : [], description: 'ARCP evidence pack PDF' },
        now(),
      );
      return file;
    },

    /** A batch is logged once, with every trainee on the panel (its index CSV names them all) and the folder. */
    async recordBatch(traineeIds: string[], folder: string, packs: number): Promise<void> {
      await recordExport(
        db,
        {
          kind: 'arcp_batch',
          traineeIds,
          description: `ARCP packs for a panel (${packs} PDFs and an index CSV)`,
          destination: folder,
        },
        now(),
      );
    },
  };
}
