import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { formatUkDate, ukToday } from '../../../shared/dates';
import { AppError } from '../../../shared/result';
import type { ExportedFile } from '../../../shared/exports';
import { withUploadedFile } from '../backups';
import { recordExport } from '../export-log';
import {
  HANDOVER_FILE_EXTENSION,
  HANDOVER_RECORD_TYPES,
  TRAINEE_MERGE_FIELDS,
  type FieldDifference,
  type HandoverImported,
  type HandoverMade,
  type HandoverPreview,
  type HandoverRecordType,
  type MakeHandoverInput,
  type PreviewTrainee,
  type RecordCount,
  type TraineeHandoverOrigins,
  type TraineeMergeField,
} from '../../../shared/handover';
import { TRAINEE_STATUSES } from '../../../shared/trainees';
import type { Executor } from '../../store/open-store';
import type { DB } from '../../store/schema';
import { problemsInRows, summariseProblems } from '../record-rules';
import { requireTrainee } from '../trainees/trainees-read';
import { handoverProblems, rulesError } from './handover-rules';
import { openHandoverFile, writeHandoverFile } from './handover-file';
import {
  HANDOVER_PAYLOAD_VERSION,
  privateColumns,
  RECORD_TABLE_NAMES,
  RECORD_TABLES,
  type HandoverPayload,
  type RecordTable,
  type ReferenceTable,
  type Row,
} from './handover-payload';
import { newTransferPhrase } from './transfer-phrase';

/** Tables are named at run time here, so queries go through an untyped view of the same connection. */
type Loose = Kysely<Record<string, Record<string, unknown>>>;
const loose = (executor: Executor) => executor as unknown as Loose;

const COUNTED_TABLE: Record<HandoverRecordType, RecordTable> = {
  meetings: 'meetings',
  meetingActions: 'meeting_actions',
  plpGoals: 'plp_goals',
  plpReviews: 'plp_reviews',
  earlyNeeds: 'early_needs',
  identifiedNeeds: 'identified_needs',
  supportItems: 'support_items',
  examAttempts: 'exam_attempts',
  examReadiness: 'exam_readiness',
  examPostFail: 'exam_post_fail',
  examExtensions: 'exam_extensions',
  arcpRecords: 'arcp_records',
};

/** Status and the date they left training travel together, so a taken status never contradicts its date. */
const columnsOf = (field: TraineeMergeField): string[] =>
  field === 'status' ? ['status', 'left_training_on'] : [MERGE_COLUMN[field]];
const sameField = (field: TraineeMergeField, a: Row, b: Row) => columnsOf(field).every((c) => a[c] === b[c]);

const MERGE_COLUMN: Record<TraineeMergeField, string> = {
  givenName: 'given_name',
  familyName: 'family_name',
  preferredName: 'preferred_name',
  pronouns: 'pronouns',
  email: 'email',
  programme: 'programme',
  grade: 'grade',
  programmeStartDate: 'programme_start_date',
  expectedCctDate: 'expected_cct_date',
  wte: 'wte',
  status: 'status',
  educationalSupervisor: 'educational_supervisor',
  currentPost: 'current_post',
  tags: 'tags',
};

/** The tables soft-deleted rows live in: rows in the bin are not handed over. */
const SOFT_DELETED = new Set<RecordTable>(['meetings', 'plp_goals', 'support_items']);

function displayField(field: TraineeMergeField, row: Row): string {
  const shown = displayValue(field, row[MERGE_COLUMN[field]]);
  return field === 'status' && row.left_training_on
    ? `${shown}, left on ${formatUkDate(String(row.left_training_on))}`
    : shown;
}

function displayValue(field: TraineeMergeField, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'tags') return (JSON.parse(String(value)) as string[]).join('; ') || '—';
  if (field === 'wte') return `${Math.round(Number(value) * 100)}%`;
  if (field === 'status') return TRAINEE_STATUSES.label(String(value));
  if (field === 'programmeStartDate' || field === 'expectedCctDate') return formatUkDate(String(value));
  return String(value);
}

const nameOf = (row: Row) => `${String(row.preferred_name || row.given_name)} ${String(row.family_name)}`;

async function selectIn(executor: Executor, table: string, column: string, values: readonly unknown[]) {
  if (values.length === 0) return [] as Row[];
  const rows: Row[] = [];
  // SQLite allows 32,766 bound values; stay well under it.
  for (let i = 0; i < values.length; i += 5000) {
    const part = values.slice(i, i + 5000) as string[];
    rows.push(...((await loose(executor).selectFrom(table).selectAll().where(column, 'in', part).execute()) as Row[]));
  }
  return rows;
}

/** Every live record of the chosen trainees, and the reference rows they point at. */
export async function collectPayload(
  executor: Executor,
  input: { traineeIds: readonly string[]; fromName: string; includePrivateNotes: boolean },
  context: { version: string; madeAt: string },
): Promise<HandoverPayload> {
  const ids = [...new Set(input.traineeIds)];
  for (const id of ids)
    await requireTrainee(executor, id, { traineeIds: 'That trainee is no longer in the register.' });
  const byTrainee = async (table: RecordTable) => {
    const rows = await selectIn(executor, table, 'trainee_id', ids);
    return SOFT_DELETED.has(table) ? rows.filter((r) => r.deleted_at === null) : rows;
  };
  const meetings = await byTrainee('meetings');
  const goals = await byTrainee('plp_goals');
  const meetingIds = meetings.map((m) => m.id);
  const goalIds = new Set(goals.map((g) => g.id));
  const records: Record<RecordTable, Row[]> = {
    meetings,
    meeting_actions: await selectIn(executor, 'meeting_actions', 'meeting_id', meetingIds),
    plp_goals: goals,
    plp_reviews: await selectIn(executor, 'plp_reviews', 'goal_id', [...goalIds]),
    meeting_goals: (await selectIn(executor, 'meeting_goals', 'meeting_id', meetingIds)).filter((link) =>
      goalIds.has(link.goal_id),
    ),
    early_needs: await byTrainee('early_needs'),
    identified_needs: await byTrainee('identified_needs'),
    support_items: await byTrainee('support_items'),
    meeting_cadence: await byTrainee('meeting_cadence'),
    exam_attempts: await byTrainee('exam_attempts'),
    exam_readiness: await byTrainee('exam_readiness'),
    exam_post_fail: await byTrainee('exam_post_fail'),
    exam_extensions: await byTrainee('exam_extensions'),
    arcp_records: await byTrainee('arcp_records'),
  };
  if (!input.includePrivateNotes) {
    for (const table of RECORD_TABLE_NAMES) {
      const leaveOut = privateColumns(RECORD_TABLES[table]);
      if (leaveOut.length === 0) continue;
      records[table] = records[table].map((row) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => !leaveOut.includes(column))),
      );
    }
  }
  const used = (rows: Row[], column: string) => [
    ...new Set(rows.map((r) => r[column]).filter((v): v is string => typeof v === 'string')),
  ];
  const references: Record<ReferenceTable, Row[]> = {
    exam_definitions: await selectIn(executor, 'exam_definitions', 'id', [
      ...new Set([...used(records.exam_attempts, 'exam_id'), ...used(records.exam_readiness, 'exam_id')]),
    ]),
    arcp_panels: await selectIn(executor, 'arcp_panels', 'id', used(records.arcp_records, 'panel_id')),
    evidence_templates: await selectIn(executor, 'evidence_templates', 'id', used(records.arcp_records, 'template_id')),
  };
  return {
    payloadVersion: HANDOVER_PAYLOAD_VERSION,
    appVersion: context.version,
    madeAt: context.madeAt,
    fromName: input.fromName,
    includesPrivateNotes: input.includePrivateNotes,
    trainees: await selectIn(executor, 'trainees', 'id', ids),
    records,
    references,
  };
}

interface PlannedWrite {
  table: RecordTable | ReferenceTable | 'trainees';
  row: Row;
  /** The local trainee the row belongs to; null for reference rows, which carry no provenance. */
  traineeId: string | null;
}

interface Plan {
  trainees: PreviewTrainee[];
  /** Local trainee id for each incoming trainee id. */
  localIds: Map<string, string>;
  writes: PlannedWrite[];
  skipped: number;
}

/** What importing `payload` here would do, read from the store as it is now; writes nothing. */
async function planImport(executor: Executor, payload: HandoverPayload): Promise<Plan> {
  const writes: PlannedWrite[] = [];
  const localIds = new Map<string, string>();
  const matches = new Map<string, Row>();
  for (const incoming of payload.trainees) {
    const match = (await loose(executor)
      .selectFrom('trainees')
      .selectAll()
      .where('gmc_number', '=', String(incoming.gmc_number))
      .executeTakeFirst()) as Row | undefined;
    if (match) {
      matches.set(String(incoming.id), match);
      localIds.set(String(incoming.id), String(match.id));
      continue;
    }
    // A trainee new here keeps their id, unless (very unlikely) it is taken by someone else.
    const taken = await loose(executor)
      .selectFrom('trainees')
      .select('id')
      .where('id', '=', String(incoming.id))
      .executeTakeFirst();
    const localId = taken ? randomUUID() : String(incoming.id);
    localIds.set(String(incoming.id), localId);
    writes.push({ table: 'trainees', row: { ...incoming, id: localId }, traineeId: localId });
  }

  // Reference rows: the same id here is the same row; an exam with the same code is the same exam.
  const examIds = new Map<string, string>();
  for (const exam of payload.references.exam_definitions) {
    const same = (await loose(executor)
      .selectFrom('exam_definitions')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', String(exam.id)), eb('code', '=', String(exam.code))]))
      .executeTakeFirst()) as Row | undefined;
    examIds.set(String(exam.id), same ? String(same.id) : String(exam.id));
    if (!same) writes.push({ table: 'exam_definitions', row: exam, traineeId: null });
  }
  for (const table of ['arcp_panels', 'evidence_templates'] as const) {
    const present = new Set(
      (
        await selectIn(
          executor,
          table,
          'id',
          payload.references[table].map((r) => r.id),
        )
      ).map((r) => r.id),
    );
    for (const row of payload.references[table]) if (!present.has(row.id)) writes.push({ table, row, traineeId: null });
  }
  const catalogue = new Set(
    (await loose(executor).selectFrom('support_catalogue').select('id').execute()).map((r) => r.id),
  );

  const counts = new Map<string, Map<RecordTable, { incoming: number; alreadyImported: number }>>();
  const count = (traineeId: string, table: RecordTable, added: boolean) => {
    const forTrainee = counts.get(traineeId) ?? new Map();
    counts.set(traineeId, forTrainee);
    const entry = forTrainee.get(table) ?? { incoming: 0, alreadyImported: 0 };
    if (added) entry.incoming += 1;
    else entry.alreadyImported += 1;
    forTrainee.set(table, entry);
  };
  const goalTrainee = new Map(payload.records.plp_goals.map((g) => [String(g.id), String(g.trainee_id)]));
  const attemptIds = new Map<string, string>();
  let skipped = 0;

  for (const table of RECORD_TABLE_NAMES) {
    const rows = payload.records[table];
    const keyColumn = table === 'early_needs' || table === 'meeting_cadence' ? 'trainee_id' : 'id';
    for (const original of rows) {
      const incomingTrainee = String(original.trainee_id ?? goalTrainee.get(String(original.goal_id)) ?? '');
      const traineeId = localIds.get(incomingTrainee);
      if (!traineeId) continue; // A record of no trainee in the file: the schema allows it, the sender never writes it.
      const row: Row = { ...original };
      for (const column of privateColumns(RECORD_TABLES[table]))
        if (row[column] === undefined) row[column] = RECORD_TABLES[table][column as never] === 'private' ? '' : null;
      if ('trainee_id' in row) row.trainee_id = traineeId;
      if (table === 'exam_attempts' || table === 'exam_readiness')
        row.exam_id = examIds.get(String(row.exam_id)) ?? row.exam_id;
      if (table === 'exam_post_fail') row.attempt_id = attemptIds.get(String(row.attempt_id)) ?? row.attempt_id;
      if (table === 'support_items' && row.catalogue_id !== null && !catalogue.has(String(row.catalogue_id)))
        row.catalogue_id = null;

      let present: unknown;
      if (table === 'meeting_goals') {
        present = await loose(executor)
          .selectFrom('meeting_goals')
          .select('goal_id')
          .where('meeting_id', '=', String(row.meeting_id))
          .where('goal_id', '=', String(row.goal_id))
          .executeTakeFirst();
      } else {
        present = await loose(executor)
          .selectFrom(table)
          .select(keyColumn)
          .where(keyColumn, '=', String(row[keyColumn]))
          .executeTakeFirst();
      }
      if (!present && table === 'exam_attempts') {
        // The same sitting already recorded here under another id: keep theirs out, point its post-fail talk at ours.
        const same = (await loose(executor)
          .selectFrom('exam_attempts')
          .select('id')
          .where('trainee_id', '=', traineeId)
          .where('exam_id', '=', String(row.exam_id))
          .where('sitting_date', '=', String(row.sitting_date))
          .executeTakeFirst()) as Row | undefined;
        if (same) {
          attemptIds.set(String(row.id), String(same.id));
          present = same;
        }
      }
      if (!present && table === 'exam_post_fail') {
        present = await loose(executor)
          .selectFrom('exam_post_fail')
          .select('id')
          .where('attempt_id', '=', String(row.attempt_id))
          .executeTakeFirst();
      }
      count(incomingTrainee, table, !present);
      if (present) skipped += 1;
      else writes.push({ table, row, traineeId });
    }
  }

  const trainees = payload.trainees.map((incoming): PreviewTrainee => {
    const id = String(incoming.id);
    const match = matches.get(id);
    const differences: FieldDifference[] = match
      ? TRAINEE_MERGE_FIELDS.filter(({ value }) => !sameField(value, incoming, match)).map(({ value, label }) => ({
          field: value,
          label,
          incoming: displayField(value, incoming),
          existing: displayField(value, match),
        }))
      : [];
    const forTrainee = counts.get(id);
    const recordCounts: RecordCount[] = HANDOVER_RECORD_TYPES.map(({ value }) => ({
      type: value,
      ...(forTrainee?.get(COUNTED_TABLE[value]) ?? { incoming: 0, alreadyImported: 0 }),
    }));
    return {
      traineeId: id,
      name: nameOf(incoming),
      gmcNumber: String(incoming.gmc_number),
      match: match ? { traineeId: String(match.id), name: nameOf(match) } : null,
      differences,
      counts: recordCounts,
    };
  });
  return { trainees, localIds, writes, skipped };
}

const WRITE_ORDER: ReadonlyArray<PlannedWrite['table']> = [
  'exam_definitions',
  'arcp_panels',
  'evidence_templates',
  'trainees',
  ...RECORD_TABLE_NAMES,
];

export type HandoverService = ReturnType<typeof createHandoverService>;

export function createHandoverService(db: Kysely<DB>, now: () => Date, options: { version: string; dataDir: string }) {
  /** The upload or file read into memory only as far as the envelope reader needs: it reads from a path. */
  const withUpload = <T>(contentBase64: string, use: (file: string) => Promise<T>) =>
    withUploadedFile(options.dataDir, contentBase64, use);

  /** The file, opened and checked row by row against the forms' rules: nothing past here sees a row that breaks them. */
  async function openChecked(file: string, phrase: string): Promise<HandoverPayload> {
    const payload = await openHandoverFile(file, phrase);
    const problems = handoverProblems(payload, { today: ukToday(now()) });
    if (problems.length > 0) throw rulesError(problems);
    return payload;
  }

  async function preview(file: string, phrase: string): Promise<HandoverPreview> {
    const payload = await openChecked(file, phrase);
    const plan = await planImport(db, payload);
    return {
      fromName: payload.fromName,
      madeAt: payload.madeAt,
      appVersion: payload.appVersion,
      includesPrivateNotes: payload.includesPrivateNotes,
      trainees: plan.trainees,
    };
  }

  async function importFile(
    file: string,
    phrase: string,
    takeTheirs: ReadonlyArray<{ traineeId: string; field: TraineeMergeField }>,
  ): Promise<HandoverImported> {
    const payload = await openChecked(file, phrase);
    const at = now().toISOString();
    return db.transaction().execute(async (trx) => {
      const plan = await planImport(trx, payload);
      const writes = [...plan.writes].sort((a, b) => WRITE_ORDER.indexOf(a.table) - WRITE_ORDER.indexOf(b.table));
      const importId = randomUUID();
      if (writes.length > 0)
        await trx
          .insertInto('handover_imports')
          .values({ id: importId, from_name: payload.fromName, made_at: payload.madeAt, imported_at: at })
          .execute();
      for (const write of writes) {
        await loose(trx).insertInto(write.table).values(write.row).execute();
        if (write.traineeId === null || write.table === 'meeting_goals') continue;
        const recordId = String(
          write.row[write.table === 'early_needs' || write.table === 'meeting_cadence' ? 'trainee_id' : 'id'],
        );
        await trx
          .insertInto('handover_records')
          .values({ table_name: write.table, record_id: recordId, trainee_id: write.traineeId, import_id: importId })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      const incoming = new Map(payload.trainees.map((t) => [String(t.id), t]));
      // Every field taken for one trainee lands at once, and the result must pass the rules as a whole:
      // each side passes alone, but a mix may not (their start date after the leaving date kept here).
      const takenByTrainee = new Map<string, Row>();
      for (const choice of takeTheirs) {
        const row = incoming.get(choice.traineeId);
        if (!row || !plan.localIds.has(choice.traineeId)) continue;
        const taken = takenByTrainee.get(choice.traineeId) ?? {};
        for (const column of columnsOf(choice.field)) taken[column] = row[column];
        takenByTrainee.set(choice.traineeId, taken);
      }
      for (const [traineeId, taken] of takenByTrainee) {
        const previewed = plan.trainees.find((t) => t.traineeId === traineeId);
        if (!previewed?.match) continue;
        const localId = previewed.match.traineeId;
        const local = (await loose(trx)
          .selectFrom('trainees')
          .selectAll()
          .where('id', '=', localId)
          .executeTakeFirstOrThrow()) as Row;
        const mixed = problemsInRows('trainees', [{ ...local, ...taken }], { today: null }, () => previewed.name);
        if (mixed.length > 0) {
          const message = `The details chosen from the file do not fit with the ones kept here, so nothing was imported: ${summariseProblems(mixed)}.`;
          throw new AppError('invalid_input', message, { takeTheirs: message });
        }
        await loose(trx)
          .updateTable('trainees')
          .set({ ...taken, updated_at: at })
          .where('id', '=', localId)
          .execute();
      }
      const newTrainees = plan.trainees.filter((t) => !t.match).length;
      return {
        fromName: payload.fromName,
        madeAt: payload.madeAt,
        newTrainees,
        matchedTrainees: plan.trainees.length - newTrainees,
        recordsAdded: writes.filter((w) => w.traineeId !== null && w.table !== 'trainees').length,
        recordsAlreadyHere: plan.skipped,
      };
    });
  }

  return {
    async make(input: MakeHandoverInput & { fromName: string }): Promise<HandoverMade> {
      const madeAt = now().toISOString();
      const payload = await collectPayload(db, input, { version: options.version, madeAt });
      const phrase = newTransferPhrase();
      fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      const target = path.join(
        options.dataDir,
        `.tpd-companion-handover.${randomBytes(6).toString('hex')}${HANDOVER_FILE_EXTENSION}`,
      );
      try {
        await writeHandoverFile(target, payload, phrase);
        // The file name says what and when, never who: it may sit in a Downloads folder or an email.
        const file: ExportedFile = {
          fileName: `tpd-companion-handover-${madeAt.slice(0, 10)}${HANDOVER_FILE_EXTENSION}`,
          mimeType: 'application/octet-stream',
          base64: fs.readFileSync(target, 'base64'),
        };
        const count = payload.trainees.length;
        const description = `Handover file (${count === 1 ? 'one trainee' : `${count} trainees`}${input.includePrivateNotes ? ', with private notes' : ''})`;
        await recordExport(
          db,
          { kind: 'handover', traineeIds: payload.trainees.map((t) => String(t.id)), description },
          now(),
        );
        return { file, phrase, traineeCount: count, madeAt };
      } finally {
        fs.rmSync(target, { force: true });
      }
    },
    preview,
    importFile,
    checkUpload: (contentBase64: string, phrase: string) => withUpload(contentBase64, (file) => preview(file, phrase)),
    importUpload: (
      contentBase64: string,
      phrase: string,
      takeTheirs: ReadonlyArray<{ traineeId: string; field: TraineeMergeField }>,
    ) => withUpload(contentBase64, (file) => importFile(file, phrase, takeTheirs)),
    async origins(traineeId: string): Promise<TraineeHandoverOrigins> {
      const rows = await db
        .selectFrom('handover_records')
        .innerJoin('handover_imports', 'handover_imports.id', 'handover_records.import_id')
        .select(['table_name', 'record_id', 'from_name', 'made_at'])
        .where('trainee_id', '=', traineeId)
        .execute();
      const records: TraineeHandoverOrigins['records'] = {};
      let trainee: TraineeHandoverOrigins['trainee'] = null;
      for (const row of rows) {
        const origin = { fromName: row.from_name, madeAt: row.made_at };
        if (row.table_name === 'trainees') trainee = origin;
        else records[row.record_id] = origin;
      }
      return { trainee, records };
    },
  };
}
