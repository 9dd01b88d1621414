import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { ChannelName } from '../../src/shared/contract';
import type { Backend } from '../../src/main/backend';
import { ukToday } from '../../src/shared/dates';
import type { DB } from '../../src/main/store/schema';
import { relabelledHandover } from './handover-sample';

/** Ids from the standard demo set that the samples below work on. */
export interface SampleIds {
  today: string;
  /** A trainee with 1:1s and goals; most samples are about them. */
  traineeId: string;
  /** Only archived and restored. */
  spareTraineeId: string;
  meetingId: string;
  actionId: string;
  goalId: string;
  /** Three identified needs of three trainees: one removed, one made a goal, one whose intake is destroyed. */
  needIds: [string, string, string];
  destroyTraineeId: string;
  supportItemId: string;
  aktId: string;
  /** The historic RCA, archived (the AKT stays in use for the other samples). */
  rcaId: string;
  failedAttemptId: string;
  passedAttemptId: string;
  postFailId: string;
  readinessId: string;
  /** An extension period of the demo, deleted. */
  extensionId: string;
  arcpRecordId: string;
  /** An ARCP record still awaiting its panel, deleted and restored. */
  pendingArcpRecordId: string;
  panelId: string;
  templateId: string;
  /** Where ARCP packs may be written, and backups go. */
  folder: string;
  /** A backup of the demo made before the samples run, and the recovery key that opens it. */
  backupFile: string;
  recoveryWords: string;
  /** A DA-lead return of the demo, as the JSON text a colleague would send. */
  insightsReturn: string;
  /**
   * Archived, with rows in every feature (`prepareErasureSample` adds the draft), kept past the
   * retention period and then erased: the last samples about a trainee. No other sample is about them.
   */
  erasedTraineeId: string;
  erasedSurname: string;
  /** A handover file of a whole trainee new to the demo (test/support/handover-sample.ts), and its phrase. */
  handover?: { base64: string; phrase: string };
}

const first = async <T>(rows: Promise<T | undefined>, what: string): Promise<T> => {
  const row = await rows;
  if (!row) throw new Error(`The standard demo has no ${what}`);
  return row;
};

/** Picks the ids the samples need from a database with the standard demo loaded. */
export async function sampleIds(
  db: Kysely<DB>,
  today: string,
  folder: string,
  backup: { file: string; words: string },
  insightsReturn: string,
): Promise<SampleIds> {
  const meeting = await first(
    db
      .selectFrom('meetings')
      .innerJoin('meeting_actions', 'meeting_actions.meeting_id', 'meetings.id')
      .innerJoin('plp_goals', 'plp_goals.trainee_id', 'meetings.trainee_id')
      .select(['meetings.id', 'meetings.trainee_id', 'plp_goals.id as goalId'])
      .where('plp_goals.deleted_at', 'is', null)
      .where('meetings.deleted_at', 'is', null)
      .executeTakeFirst(),
    '1:1 with an action and a goal',
  );
  // An action of another 1:1, since meetings:update replaces the actions of `meeting`.
  const action = await first(
    db.selectFrom('meeting_actions').select('id').where('meeting_id', '!=', meeting.id).executeTakeFirst(),
    'second 1:1 with an action',
  );
  const needs = await db.selectFrom('identified_needs').select(['id', 'trainee_id']).limit(3).execute();
  if (needs.length < 3) throw new Error('The standard demo has fewer than three identified needs');
  // Never the trainee most samples are about (the 1:1 above is whichever the plan meets first).
  const spare = await first(
    db
      .selectFrom('trainees')
      .select('id')
      .where('id', '!=', meeting.trainee_id)
      .orderBy('gmc_number', 'desc')
      .executeTakeFirst(),
    'trainee',
  );
  const support = await first(
    db.selectFrom('support_items').select('id').where('status', '=', 'offered').executeTakeFirst(),
    'open support offer',
  );
  const akt = await first(
    db.selectFrom('exam_definitions').select('id').where('code', '=', 'AKT').executeTakeFirst(),
    'AKT',
  );
  const rca = await first(
    db.selectFrom('exam_definitions').select('id').where('code', '=', 'RCA').executeTakeFirst(),
    'RCA',
  );
  const failed = await first(
    db
      .selectFrom('exam_attempts')
      .select('id')
      .where('result', '=', 'fail')
      .where('id', 'not in', db.selectFrom('exam_post_fail').select('attempt_id'))
      .executeTakeFirst(),
    'fail without a post-fail conversation',
  );
  const passed = await first(
    db.selectFrom('exam_attempts').select('id').where('result', '=', 'pass').executeTakeFirst(),
    'pass',
  );
  const postFail = await first(
    db.selectFrom('exam_post_fail').select('id').executeTakeFirst(),
    'post-fail conversation',
  );
  const readiness = await first(
    db.selectFrom('exam_readiness').select('id').executeTakeFirst(),
    'readiness discussion',
  );
  const extension = await first(db.selectFrom('exam_extensions').select('id').executeTakeFirst(), 'extension period');
  const record = await first(
    db.selectFrom('arcp_records').select('id').where('outcome', 'is not', null).executeTakeFirst(),
    'ARCP record with an outcome',
  );
  const pending = await first(
    db.selectFrom('arcp_records').select('id').where('outcome', 'is', null).executeTakeFirst(),
    'ARCP record awaiting its panel',
  );
  const panel = await first(db.selectFrom('arcp_panels').select('id').executeTakeFirst(), 'ARCP panel');
  const template = await first(
    db.selectFrom('evidence_templates').select('id').executeTakeFirst(),
    'evidence template',
  );
  const sampled = await db
    .selectFrom('trainees')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('id', 'in', [meeting.trainee_id, spare.id, ...needs.map((n) => n.trainee_id)]),
        eb('id', 'in', eb.selectFrom('meetings').select('trainee_id').where('id', 'in', [meeting.id])),
        eb('id', 'in', eb.selectFrom('meeting_actions').select('trainee_id').where('id', '=', action.id)),
        eb('id', 'in', eb.selectFrom('support_items').select('trainee_id').where('id', '=', support.id)),
        eb('id', 'in', eb.selectFrom('exam_attempts').select('trainee_id').where('id', 'in', [failed.id, passed.id])),
        eb('id', 'in', eb.selectFrom('exam_post_fail').select('trainee_id').where('id', '=', postFail.id)),
        eb('id', 'in', eb.selectFrom('exam_readiness').select('trainee_id').where('id', '=', readiness.id)),
        eb('id', 'in', eb.selectFrom('arcp_records').select('trainee_id').where('id', 'in', [record.id, pending.id])),
      ]),
    )
    .execute();
  const has = (table: 'meetings' | 'plp_goals' | 'support_items' | 'exam_attempts' | 'arcp_records') =>
    db.selectFrom(table).select('trainee_id');
  const erased = await first(
    db
      .selectFrom('trainees')
      .select(['id', 'family_name'])
      .where(
        'id',
        'not in',
        sampled.map((t) => t.id),
      )
      .where('id', 'in', has('meetings'))
      .where('id', 'in', has('plp_goals'))
      .where('id', 'in', has('support_items'))
      .where('id', 'in', has('exam_attempts'))
      .where('id', 'in', has('arcp_records'))
      .orderBy('id')
      .executeTakeFirst(),
    'trainee with rows in every feature whom no other sample is about',
  );
  return {
    today,
    traineeId: meeting.trainee_id,
    spareTraineeId: spare.id,
    meetingId: meeting.id,
    actionId: action.id,
    goalId: meeting.goalId,
    needIds: [needs[0]!.id, needs[1]!.id, needs[2]!.id],
    destroyTraineeId: needs[2]!.trainee_id,
    supportItemId: support.id,
    aktId: akt.id,
    rcaId: rca.id,
    failedAttemptId: failed.id,
    passedAttemptId: passed.id,
    postFailId: postFail.id,
    readinessId: readiness.id,
    extensionId: extension.id,
    arcpRecordId: record.id,
    pendingArcpRecordId: pending.id,
    panelId: panel.id,
    templateId: template.id,
    folder,
    backupFile: backup.file,
    recoveryWords: backup.words,
    insightsReturn,
    erasedTraineeId: erased.id,
    erasedSurname: erased.family_name,
  };
}

/**
 * Archives the trainee the erasure samples are about and gives them what the demo may not: an
 * unsaved draft, an identified need (the demo's early needs go to trainees with no exams), an
 * evaluation characteristic, and the need's handover provenance.
 */
export async function prepareErasureSample(db: Kysely<DB>, ids: SampleIds): Promise<void> {
  const at = new Date().toISOString();
  await db
    .updateTable('trainees')
    .set({ archived_at: at, updated_at: at })
    .where('id', '=', ids.erasedTraineeId)
    .execute();
  await db
    .insertInto('drafts')
    .values({
      key: `meeting:new:${ids.erasedTraineeId}`,
      trainee_id: ids.erasedTraineeId,
      payload: '{"sharedSummary":"Half typed"}',
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('export_log')
    .values({
      id: `export-of-${ids.erasedTraineeId}`,
      at,
      kind: 'csv',
      description: 'Trainee register CSV',
      destination: null,
    })
    .execute();
  await db
    .insertInto('export_log_trainees')
    .values({
      id: `export-link-${ids.erasedTraineeId}`,
      export_id: `export-of-${ids.erasedTraineeId}`,
      trainee_id: ids.erasedTraineeId,
    })
    .execute();
  await db
    .insertInto('identified_needs')
    .values({
      id: `need-of-${ids.erasedTraineeId}`,
      trainee_id: ids.erasedTraineeId,
      area: 'communication',
      description: 'Telephone English',
      goal_id: null,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('evaluation_characteristics')
    .values({
      trainee_id: ids.erasedTraineeId,
      field: 'entryRoute',
      value: 'standard_recruitment',
      agreed_on: at.slice(0, 10),
      updated_at: at,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('handover_imports')
    .values({ id: 'sample-handover-import', from_name: 'Dr Sample Sender', made_at: at, imported_at: at })
    .execute();
  await db
    .insertInto('handover_records')
    .values({
      table_name: 'identified_needs',
      record_id: `need-of-${ids.erasedTraineeId}`,
      trainee_id: ids.erasedTraineeId,
      import_id: 'sample-handover-import',
    })
    .execute();
}

/** The backup's bytes; the strict-input test's placeholder ids name no file, and validation fails before any read. */
const backupBase64 = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file).toString('base64') : 'AAAA');
const SHEET_WORDS = 'river stone maple cloud orange piano tiger lemon window garden silver rocket'.split(' ');
/** The PIN the lock samples set, type and remove. */
const SAMPLE_PIN = '246813';

const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const arcpFields = (today: string) => ({
  reviewFrom: '2025-09-01',
  reviewTo: '2026-08-31',
  panelDate: today,
  grade: 'ST2',
  wte: '1',
  posts: 2,
  esrInterimDate: null,
  esrFullDate: null,
  outcome: null,
  reasonCodes: [],
  reasonDetail: null,
  evidenceDueDate: null,
  educatorSummary: 'Steady progress.',
  templateId: null,
});

/** A sample is what a caller would send; zod's input types of preprocessed fields are too loose to help here. */
type Sample = (ids: SampleIds) => Record<string, unknown>;

/**
 * A valid input for every channel, built from demo ids. The type demands one per channel, so a
 * new channel does not compile until it has a sample; the write-declaration and strict-input
 * tests run them all. Ordered like the contract: a restore follows its delete.
 */
export const CHANNEL_SAMPLES: Record<ChannelName, Sample> = {
  'app:info': () => ({}),
  'settings:get': () => ({}),
  'settings:update': () => ({ userName: 'Dr Sample Lead' }),
  'demo:load': () => ({ size: 'standard' }),
  'trainees:list': () => ({ includeArchived: true }),
  'trainees:list-first': () => ({ includeArchived: true, count: 100 }),
  'trainees:get': (ids) => ({ id: ids.traineeId }),
  'trainees:create': () => ({
    givenName: 'Sample',
    familyName: 'Trainee',
    gmcNumber: '5012345',
    programme: 'GP - Northtown VTS',
    grade: 'ST1',
    programmeStartDate: '07/08/2025',
    wte: '1',
  }),
  'trainees:update': (ids) => ({
    id: ids.spareTraineeId,
    fields: {
      givenName: 'Renamed',
      familyName: 'Trainee',
      gmcNumber: '5012346',
      programme: 'GP - Northtown VTS',
      grade: 'ST2',
      programmeStartDate: '07/08/2024',
      wte: '0.8',
    },
  }),
  'trainees:archive': (ids) => ({ id: ids.spareTraineeId }),
  'trainees:restore': (ids) => ({ id: ids.spareTraineeId }),
  'traineeImport:preview': () => ({
    jobId: 'sample-import-preview',
    fileName: 'trainees.csv',
    contentBase64: csv(
      'First name,Surname,GMC number,Programme,Grade,Programme start date,WTE\nImpa,Ortega,5099001,GP - Riverside VTS,ST1,07/08/2025,1\n',
    ),
  }),
  'traineeImport:commit': () => ({
    jobId: 'sample-import-commit',
    fileName: 'trainees.csv',
    contentBase64: csv(
      'Forename,Family name,GMC,Scheme,Grade,Start,Hours\nImpa,Ortega,5099001,GP - Riverside VTS,ST1,07/08/2025,1\n',
    ),
    mapping: { programmeStartDate: 'Start', wte: 'Hours' },
  }),
  'meetings:list': (ids) => ({ traineeId: ids.traineeId }),
  'meetings:get': (ids) => ({ id: ids.meetingId }),
  'meetings:create': (ids) => ({
    traineeId: ids.traineeId,
    heldOn: ids.today,
    mode: 'video',
    meetingType: 'pastoral',
    sharedSummary: 'Talked about the rota.',
    privateNotes: 'Tired.',
    goalIds: [ids.goalId],
    actions: [{ description: 'Book study leave', owner: 'trainee', dueOn: ids.today }],
  }),
  'meetings:update': (ids) => ({
    id: ids.meetingId,
    fields: {
      traineeId: ids.traineeId,
      heldOn: ids.today,
      mode: 'phone',
      meetingType: 'pastoral',
      sharedSummary: 'Updated summary.',
      privateNotes: '',
    },
  }),
  'meetings:delete': (ids) => ({ id: ids.meetingId }),
  'meetings:restore': (ids) => ({ id: ids.meetingId }),
  'meetings:history': (ids) => ({ id: ids.meetingId }),
  'meetings:setActionDone': (ids) => ({ id: ids.actionId, done: true }),
  'meetings:templates': () => ({}),
  'meetings:saveTemplate': () => ({ meetingType: 'pastoral', prompts: 'How are things at the practice?' }),
  'meetings:schedule': (ids) => ({ traineeId: ids.traineeId }),
  'meetings:setCadence': (ids) => ({ traineeId: ids.traineeId, weeks: 6 }),
  'meetings:calendar': (ids) => ({ traineeId: ids.traineeId }),
  'drafts:get': () => ({ key: 'meeting:new' }),
  'drafts:save': (ids) => ({ key: 'meeting:new', traineeId: ids.traineeId, payload: '{"sharedSummary":"Half typed"}' }),
  'drafts:discard': () => ({ key: 'meeting:new' }),
  'plp:list': (ids) => ({ traineeId: ids.traineeId }),
  'plp:createGoal': (ids) => ({
    traineeId: ids.traineeId,
    title: 'Pass the SCA',
    area: 'exam',
    nextReviewOn: ids.today,
  }),
  'plp:updateGoal': (ids) => ({
    id: ids.goalId,
    fields: {
      traineeId: ids.traineeId,
      title: 'Structure telephone consultations',
      area: 'eportfolio',
      targetOn: ids.today,
    },
  }),
  'plp:deleteGoal': (ids) => ({ id: ids.goalId }),
  'plp:restoreGoal': (ids) => ({ id: ids.goalId }),
  'plp:addReview': (ids) => ({
    goalId: ids.goalId,
    reviewedOn: ids.today,
    note: 'Good progress.',
    statusAfter: 'in_progress',
  }),
  'plp:exportPdf': (ids) => ({ traineeId: ids.traineeId }),
  'plp:exportText': (ids) => ({ traineeId: ids.traineeId }),
  'needs:get': (ids) => ({ traineeId: ids.traineeId }),
  'needs:save': (ids) => ({
    traineeId: ids.traineeId,
    completedOn: ids.today,
    communicationLanguage: 'Help with idioms on the telephone',
    consentShareWith: 'Educational supervisor',
    consentGivenOn: ids.today,
  }),
  'needs:destroy': (ids) => ({ traineeId: ids.destroyTraineeId }),
  'needs:addNeed': (ids) => ({ traineeId: ids.traineeId, area: 'communication', description: 'Telephone English' }),
  'needs:removeNeed': (ids) => ({ id: ids.needIds[0] }),
  'needs:makeGoal': (ids) => ({ id: ids.needIds[1] }),
  'support:list': (ids) => ({ traineeId: ids.traineeId }),
  'support:offer': (ids) => ({ traineeId: ids.traineeId, catalogueId: 'seed-3', offeredOn: ids.today }),
  'support:step': (ids) => ({ id: ids.supportItemId, status: 'accepted', on: ids.today }),
  'support:delete': (ids) => ({ id: ids.supportItemId }),
  'support:restore': (ids) => ({ id: ids.supportItemId }),
  'support:catalogue': () => ({ includeInactive: true }),
  'support:saveCatalogueEntry': () => ({ label: 'Sample tutorial', category: 'communication', followUpDays: 21 }),
  'today:view': () => ({ kind: null }),
  'today:forTrainee': (ids) => ({ traineeId: ids.traineeId }),
  'search:query': () => ({ text: 'telephone', limit: 10 }),
  'timeline:list': (ids) => ({ traineeId: ids.traineeId }),
  'exams:setup': () => ({}),
  'exams:saveDefinition': () => ({
    fields: {
      code: 'sample1',
      name: 'Sample exam',
      hasScore: true,
      componentKind: 'none',
      components: '',
      earliestGrade: 'ST1',
      historic: false,
      attemptGroup: '',
      bookingWeeksBefore: '',
    },
  }),
  'exams:archiveDefinition': (ids) => ({ id: ids.rcaId }),
  'exams:saveRules': () => ({
    attemptLimits: [
      {
        label: 'In training on 1 Aug 2023',
        entryFrom: null,
        entryTo: '01/08/2023',
        standardAttempts: 4,
        exceptionalAttempts: 1,
      },
      { label: 'From 2 Aug 2023', entryFrom: '02/08/2023', entryTo: null, standardAttempts: 6, exceptionalAttempts: 0 },
    ],
    ladder: [{ failNumber: 1, label: 'First fail', support: 'Mentor\nSCA course' }],
  }),
  'exams:forTrainee': (ids) => ({ traineeId: ids.traineeId }),
  'exams:saveAttempt': (ids) => ({
    traineeId: ids.traineeId,
    fields: { examId: ids.aktId, sittingDate: ids.today, result: 'awaiting' },
  }),
  'exams:deleteAttempt': (ids) => ({ id: ids.passedAttemptId }),
  'exams:postFailDraft': (ids) => ({ attemptId: ids.failedAttemptId }),
  'exams:savePostFail': (ids) => ({
    attemptId: ids.failedAttemptId,
    fields: {
      heldOn: ids.today,
      participants: 'Exam lead and trainee',
      supportTier: 1,
      supportOffered: [{ label: 'SCA preparation course', accepted: true }],
    },
  }),
  'exams:postFailText': (ids) => ({ id: ids.postFailId }),
  'exams:postFailFile': (ids) => ({ id: ids.postFailId, format: 'docx' }),
  'exams:readinessText': (ids) => ({ id: ids.readinessId }),
  'exams:readinessFile': (ids) => ({ id: ids.readinessId, format: 'pdf' }),
  'exams:saveReadiness': (ids) => ({
    traineeId: ids.traineeId,
    fields: { examId: ids.aktId, discussedOn: ids.today, decision: 'ready' },
  }),
  'exams:monitor': () => ({}),
  'exams:monitorTime': () => ({}),
  'exams:saveExtension': (ids) => ({
    traineeId: ids.traineeId,
    fields: { kind: 'standard', startsOn: '01/01/2001', endsOn: '31/03/2001', reason: 'Sample: time to re-sit' },
  }),
  'exams:deleteExtension': (ids) => ({ id: ids.extensionId }),
  'examImport:preview': () => ({
    jobId: 'sample-results-preview',
    fileName: 'results.csv',
    contentBase64: csv('GMC Number,Exam,Sitting Date,Result\n5099001,AKT,03/04/2025,Pass\n'),
  }),
  'examImport:commit': () => ({
    jobId: 'sample-results-commit',
    fileName: 'results.csv',
    contentBase64: csv('GMC Number,Exam,Sitting Date,Result\n5099001,AKT,03/04/2025,Pass\n'),
  }),
  'arcp:reference': () => ({}),
  'arcp:saveTemplate': () => ({
    id: null,
    fields: {
      name: 'Sample CT1',
      specialty: 'Psychiatry',
      grade: 'CT1',
      items: [{ key: 'wpba', label: 'WPBA', minimum: 1, basis: 'year' }],
    },
  }),
  'arcp:forTrainee': (ids) => ({ traineeId: ids.traineeId }),
  'arcp:create': (ids) => ({ traineeId: ids.traineeId, fields: arcpFields(ids.today) }),
  'arcp:update': (ids) => ({ id: ids.pendingArcpRecordId, fields: arcpFields(ids.today) }),
  'arcp:delete': (ids) => ({ id: ids.pendingArcpRecordId }),
  'arcp:restore': (ids) => ({ id: ids.pendingArcpRecordId }),
  'arcp:saveCounts': (ids) => ({ id: ids.arcpRecordId, counts: { cot_minicex: 3 } }),
  'arcp:panels': () => ({}),
  'arcp:createPanel': (ids) => ({ name: 'Sample panel', panelDate: ids.today, traineeIds: [ids.traineeId] }),
  'arcp:readiness': (ids) => ({ panelId: ids.panelId }),
  'arcp:deadlines': () => ({ horizonDays: 30 }),
  'arcp:pack': (ids) => ({ recordId: ids.arcpRecordId }),
  'arcp:exportTarget': () => ({}),
  'arcp:chooseFolder': () => ({}),
  'arcp:batch': (ids) => ({ panelId: ids.panelId, folder: ids.folder, jobId: 'sample-batch' }),
  'arcp:cancelBatch': () => ({ jobId: 'sample-batch' }),
  'insights:figures': () => ({}),
  'insights:exportReturn': () => ({ kind: 'da-lead' }),
  'insights:summaryPdf': () => ({ exam: 'AKT' }),
  'insights:signingIdentity': () => ({}),
  'insights:combineReturns': (ids) => ({ returns: [{ fileName: 'scheme-return.json', text: ids.insightsReturn }] }),
  'evaluation:get': (ids) => ({ traineeId: ids.traineeId }),
  'evaluation:record': (ids) => ({
    traineeId: ids.traineeId,
    field: 'primaryQualification',
    value: 'international_graduate',
    agreed: true,
    agreedOn: ids.today,
  }),
  'evaluation:withdraw': (ids) => ({ traineeId: ids.traineeId, field: 'primaryQualification' }),
  'exportLog:list': () => ({}),
  'exportLog:record': (ids) => ({ kind: 'csv', traineeIds: [ids.traineeId], description: 'Trainee register CSV' }),
  'exportLog:csv': () => ({}),
  'subjectAccess:review': (ids) => ({ traineeId: ids.traineeId }),
  'subjectAccess:pdf': (ids) => ({ traineeId: ids.traineeId }),
  'subjectAccess:zip': (ids) => ({ traineeId: ids.traineeId }),
  'erasure:preview': (ids) => ({ traineeId: ids.erasedTraineeId }),
  'erasure:keep': (ids) => ({ traineeId: ids.erasedTraineeId }),
  // Typed as a person might: other case, stray spaces.
  'erasure:erase': (ids) => ({
    traineeId: ids.erasedTraineeId,
    confirmSurname: ` ${ids.erasedSurname.toUpperCase()} `,
  }),
  'backups:status': () => ({}),
  'backups:run-now': () => ({}),
  'backups:run-now-download': () => ({}),
  // Under Electron a folder must come from the dialog (choose-folder); the default needs none.
  'backups:set-folder': () => ({ folder: null }),
  'backups:choose-folder': () => ({}),
  'backups:choose-file': () => ({}),
  'backups:set-passphrase': () => ({ passphrase: 'sample passphrase for backups' }),
  'backups:inspect': (ids) => ({ file: ids.backupFile, secret: { kind: 'recovery-key', words: ids.recoveryWords } }),
  // Replaces the whole database, so the write-declaration test runs it last.
  'backups:restore': (ids) => ({ file: ids.backupFile, secret: { kind: 'recovery-key', words: ids.recoveryWords } }),
  'recovery:create-key': () => ({}),
  'recovery:check-key': (ids) => ({ words: ids.recoveryWords }),
  'recovery:confirm-key': (ids) => ({ words: ids.recoveryWords }),
  'recovery:unlock': (ids) => ({ words: ids.recoveryWords }),
  // The sheet prints whatever words it is given; these need not be this database's key.
  'recovery:sheet': () => ({ words: SHEET_WORDS }),
  'backups:inspect-upload': (ids) => ({
    fileName: 'sample.tpdbackup',
    contentBase64: backupBase64(ids.backupFile),
    secret: { kind: 'recovery-key', words: ids.recoveryWords },
  }),
  // Replaces the whole database, so the write-declaration test runs it last.
  'backups:restore-upload': (ids) => ({
    fileName: 'sample.tpdbackup',
    contentBase64: backupBase64(ids.backupFile),
    secret: { kind: 'recovery-key', words: ids.recoveryWords },
  }),
  'handover:make': (ids) => ({ traineeIds: [ids.traineeId], fromName: 'Sample sender', includePrivateNotes: false }),
  'handover:check-upload': (ids) => ({
    fileName: 'sample.tpdhandover',
    contentBase64: ids.handover?.base64 ?? 'AAAA',
    phrase: ids.handover?.phrase ?? 'not used',
  }),
  'handover:import-upload': (ids) => ({
    fileName: 'sample.tpdhandover',
    contentBase64: ids.handover?.base64 ?? 'AAAA',
    phrase: ids.handover?.phrase ?? 'not used',
    takeTheirs: [],
  }),
  'handover:origins': (ids) => ({ traineeId: ids.traineeId }),
  'team:status': () => ({}),
  'team:connect': () => ({ server: 'https://tpd.example.test' }),
  'team:sign-out': () => ({}),
  'team:leave': () => ({}),
  // In this order (the contract's): a PIN is set, the app locks, and the PIN and the recovery key open it.
  'lock:status': () => ({}),
  'lock:activity': () => ({}),
  'lock:set-idle': () => ({ minutes: 30 }),
  'lock:set-pin': () => ({ pin: SAMPLE_PIN, current: null }),
  'lock:now': () => ({}),
  'lock:unlock-pin': () => ({ pin: SAMPLE_PIN }),
  'lock:unlock-recovery': (ids) => ({ words: ids.recoveryWords }),
  'lock:remove-pin': () => ({ current: { kind: 'pin', pin: SAMPLE_PIN } }),
};

/**
 * With the standard demo loaded in `backend`, makes what the samples need first (a recovery key,
 * a backup, a DA-lead return, a handover file, the archived trainee to erase) and picks their ids.
 */
export async function prepareSamples(backend: Backend, folder: string): Promise<SampleIds> {
  const key = await backend.dispatch('recovery:create-key', {});
  const made = await backend.dispatch('backups:run-now', {});
  const exported = await backend.dispatch('insights:exportReturn', { kind: 'da-lead' });
  if (!key.ok || !made.ok || !exported.ok)
    throw new Error('Could not make the key, backup and return the samples need');
  const insightsReturn = Buffer.from((exported.data as { json: { base64: string } }).json.base64, 'base64').toString();
  const ids = await sampleIds(
    backend.store.db,
    ukToday(),
    folder,
    {
      file: (made.data as { file: string }).file,
      words: (key.data as { words: string[] }).words.join(' '),
    },
    insightsReturn,
  );
  ids.handover = await relabelledHandover(backend.store.db, folder);
  await prepareErasureSample(backend.store.db, ids);
  return ids;
}

/** Runs a channel with its sample, and keeps the ids later samples need current. */
export async function runSample(backend: Backend, ids: SampleIds, name: ChannelName) {
  // An installation's first return makes the key that signs it: the sample is that first return.
  if (name === 'insights:exportReturn')
    await sql`DELETE FROM settings WHERE key = 'installation.returnSigningKey'`.execute(backend.store.db);
  const result = await backend.dispatch(name, CHANNEL_SAMPLES[name](ids));
  // A new recovery key replaces the old one: later samples type the current key.
  if (result.ok && name === 'recovery:create-key')
    ids.recoveryWords = (result.data as { words: string[] }).words.join(' ');
  // A new backup the same day replaces the earlier one (the newest of each day is kept).
  if (result.ok && name === 'backups:run-now') ids.backupFile = (result.data as { file: string }).file;
  if (result.ok && name === 'backups:run-now-download')
    ids.backupFile = (result.data as { made: { file: string } }).made.file;
  // A locked app answers nothing else: open it again for the samples that follow (test/node/lock.test.ts
  // covers what a locked app answers).
  if (result.ok && name === 'lock:now') await backend.dispatch('lock:unlock-pin', { pin: SAMPLE_PIN });
  return result;
}

/**
 * Channels the personal backend refuses (`forbidden`): the desktop glue and the team server answer
 * them, and neither writes the personal database.
 */
export const REFUSED_WHERE_PERSONAL: readonly ChannelName[] = ['team:connect', 'team:sign-out', 'team:leave'];

/** Channels that swap in a whole other database (TEMP triggers and caches go with the old connection). */
export const REPLACES_DATABASE: readonly ChannelName[] = ['backups:restore', 'backups:restore-upload'];
