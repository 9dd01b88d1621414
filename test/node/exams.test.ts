import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listAttempts,
  listSharedPostFailRecords,
  listSharedReadinessRecords,
} from '../../src/main/services/exams/exam-read';
import { examWarningsDue } from '../../src/main/services/exams/exam-today';
import { listSupportItems } from '../../src/main/services/support/support-service';
import { docxText, pdfPages } from '../support/read-exports';
import { call, createTempBackend, fileAsBase64, FIXTURES_DIR, type TempBackend } from '../support/temp-backend';
import { manualClock, traineeInput } from './helpers';

const PRIVATE = 'PRIVATE: partner unwell, discuss with the deanery wellbeing lead';
let backend: TempBackend;

beforeEach(async () => {
  backend = await createTempBackend({ now: manualClock('2025-01-06T10:00:00.000Z').now });
});
afterEach(async () => {
  await backend.close();
});

function file(content: string, fileName = 'results.csv') {
  return { jobId: 'job-1', fileName, contentBase64: Buffer.from(content, 'utf8').toString('base64') };
}

/**
 * The sample results as of this file's clock (6 January 2025): its three sittings from 2025 moved to
 * December 2024, since a result is never recorded for a sitting still to come.
 */
function sampleResults(): string {
  const text = fs.readFileSync(path.join(FIXTURES_DIR, 'exam-results.csv'), 'utf8');
  const moved = text
    .replace('6055047,SCA,08/07/2025,', '6055047,SCA,08/12/2024,')
    .replace('7447373,SCA,08/10/2025,', '7447373,SCA,10/12/2024,')
    .replace('7200151,AKT,17/10/2025,', '7200151,AKT,17/12/2024,');
  if (moved.includes('/2025,')) throw new Error('The sample has another sitting after the clock');
  return Buffer.from(moved, 'utf8').toString('base64');
}

async function importSamples() {
  await call(backend, 'traineeImport:commit', {
    jobId: 't',
    fileName: 'trainees.csv',
    contentBase64: fileAsBase64(path.join(FIXTURES_DIR, 'trainees-scheme-export.csv')),
  });
  const sample = { jobId: 'r', fileName: 'exam-results.csv', contentBase64: sampleResults() };
  const preview = await call(backend, 'examImport:preview', sample);
  // The sample's rows to check are ticked, as a person would after reading the letters.
  const confirmedLines = preview.rows.filter((r) => r.status !== 'error' && r.flags.length > 0).map((r) => r.line);
  const outcome = await call(backend, 'examImport:commit', { ...sample, confirmedLines });
  const trainees = await call(backend, 'trainees:list', {});
  const byGmc = (gmc: string) => trainees.find((t) => t.gmcNumber === gmc)!;
  return { preview, outcome, byGmc };
}

async function attemptCount(): Promise<number> {
  const row = await backend.store.db
    .selectFrom('exam_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('exam results import', () => {
  it('imports the sample results matched by GMC number, naming the rows whose trainee is not in the register', async () => {
    const { preview, outcome, byGmc } = await importSamples();
    expect(preview.missingColumns).toEqual([]);
    expect(outcome).toMatchObject({ created: 25, rejected: 2, flagged: preview.flagged, leftOut: 0 });
    const rejected = preview.rows.filter((r) => r.status === 'error');
    expect(rejected.map((r) => r.line)).toEqual([17, 26]);
    expect(rejected[0]!.reasons[0]).toContain('No trainee in the register has GMC number 7581654');
    // A pass with every SCA domain failing is accepted but flagged for checking.
    expect(preview.rows.find((r) => r.line === 14)!.flags[0]).toContain('every domain graded Fail');

    const attempts = await listAttempts(backend.store.db, byGmc('7200151').id);
    expect(attempts.map((a) => [a.examCode, a.result, a.attemptNumber])).toEqual([
      ['AKT', 'pass', 2],
      ['AKT', 'fail', 1],
    ]);
    expect(attempts[1]).toMatchObject({ score: 114, passMark: 139, weakestAreas: ['Evidence-based practice'] });

    // Importing the same file again changes nothing.
    const again = await call(backend, 'examImport:preview', {
      jobId: 'r2',
      fileName: 'x.csv',
      contentBase64: sampleResults(),
    });
    expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 25 });
  });

  it('flags a pass whose score is under its pass mark', async () => {
    await call(backend, 'trainees:create', traineeInput({ gmcNumber: '7000001' }));
    const preview = await call(
      backend,
      'examImport:preview',
      file('GMC Number,Exam,Sitting Date,Result,Score,Pass Mark\n7000001,AKT,03/04/2024,Pass,130,139\n'),
    );
    expect(preview.counts.create).toBe(1);
    expect(preview.flagged).toBe(1);
    expect(preview.rows[0]!.flags).toEqual(['Pass recorded with a score of 130, under the pass mark of 139']);
  });

  it('holds impossible results for a decision and refuses a sitting still to come', async () => {
    await call(backend, 'trainees:create', traineeInput({ gmcNumber: '7000001' }));
    // The clock is 6 January 2025.
    const csv = file(
      [
        'GMC Number,Exam,Sitting Date,Result,Score,Pass Mark',
        '7000001,AKT,03/04/2024,Fail,150,137',
        '7000001,AKT,03/03/2025,Fail,120,137',
        '7000001,AKT,08/01/2024,Fail,120,139',
      ].join('\n'),
    );
    const preview = await call(backend, 'examImport:preview', csv);
    expect(preview.flagged).toBe(1);
    expect(preview.rows[0]).toMatchObject({
      line: 2,
      status: 'create',
      flags: ['Fail recorded with a score of 150, at or over the pass mark of 137'],
    });
    expect(preview.rows[1]).toMatchObject({ line: 3, status: 'error' });
    expect(preview.rows[1]!.reasons).toEqual([
      'The sitting date 03/03/2025 is in the future: a result is recorded once sat',
    ]);
    expect(preview.rows[2]).toMatchObject({ line: 4, status: 'create', flags: [] });

    // Not ticked: only the ordinary row is recorded.
    expect(await call(backend, 'examImport:commit', csv)).toEqual({
      created: 1,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      flagged: 0,
      leftOut: 1,
    });
    expect(await attemptCount()).toBe(1);
    // Ticked: recorded as the letter says, and still flagged on the trainee's exams.
    const again = await call(backend, 'examImport:commit', { ...csv, confirmedLines: [2] });
    expect(again).toMatchObject({ created: 1, unchanged: 1, flagged: 1, leftOut: 0 });
    expect(await attemptCount()).toBe(2);
  });

  it('the attempt form asks before recording an impossible result, and refuses a sitting still to come', async () => {
    const trainee = await call(backend, 'trainees:create', traineeInput({ gmcNumber: '7000001' }));
    const akt = (await call(backend, 'exams:setup', {})).definitions.find((d) => d.code === 'AKT')!;
    const fields = {
      examId: akt.id,
      sittingDate: '03/04/2024',
      result: 'fail',
      score: '150',
      passMark: '137',
    } as const;
    const held = await backend.dispatch('exams:saveAttempt', { traineeId: trainee.id, fields });
    expect(held).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        fields: {
          'fields.recordAnyway': expect.stringMatching(
            /^Fail recorded with a score of 150, at or over the pass mark of 137\. Check the result letter/,
          ),
        },
      },
    });
    expect(await attemptCount()).toBe(0);
    const saved = await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { ...fields, recordAnyway: true },
    });
    expect(saved.flags).toEqual(['Fail recorded with a score of 150, at or over the pass mark of 137']);

    const future = await backend.dispatch('exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { examId: akt.id, sittingDate: '03/03/2025', result: 'fail', score: '120', passMark: '137' },
    });
    expect(future).toMatchObject({
      ok: false,
      error: { fields: { sittingDate: expect.stringContaining('03/03/2025 is in the future') } },
    });
    expect(await attemptCount()).toBe(1);
  });

  it('changes nothing for a malformed file and names each bad row', async () => {
    await call(backend, 'trainees:create', traineeInput({ gmcNumber: '7000001' }));
    const bad = [
      'GMC Number,Exam,Sitting Date,Result,Score,Pass Mark,Clinical Knowledge %,Data Gathering',
      '70001,AKT,03/04/2024,Pass,150,139,70,',
      '7000001,MSRA,03/04/2024,Pass,150,139,70,',
      '7000001,AKT,31/02/2024,Pass,150,139,70,',
      '7000001,AKT,03/05/2024,Maybe,150,139,70,',
      '7000001,AKT,03/06/2024,Fail,abc,139,140,',
      '7000001,SCA,03/07/2024,Fail,,,,Dreadful',
      '7000001,AKT,03/08/2024,Pass,150,139,70,,extra',
    ].join('\n');
    const preview = await call(backend, 'examImport:preview', file(bad));
    const reasons = Object.fromEntries(preview.rows.map((r) => [r.line, r.reasons.join('; ')]));
    expect(preview.counts.error).toBe(7);
    expect(reasons[2]).toContain('GMC number must be exactly 7 digits');
    expect(reasons[3]).toContain('“MSRA” is not a known exam');
    expect(reasons[4]).toContain('not a real date');
    expect(reasons[5]).toContain('Result must be Pass, Fail');
    expect(reasons[6]).toContain('Score must be a whole number');
    expect(reasons[6]).toContain('Clinical knowledge must be a percentage from 0 to 100');
    expect(reasons[7]).toContain('Data gathering & diagnosis must be one of Clear Pass, Pass, Fail, Clear Fail');
    expect(reasons[8]).toContain('header has 8 columns');
    await call(backend, 'examImport:commit', file(bad));
    expect(await attemptCount()).toBe(0);

    // Broken quoting and missing columns are refused outright.
    const quoted = await backend.dispatch(
      'examImport:commit',
      file('GMC Number,Exam,Sitting Date,Result\n7000001,"AKT,03/04/2024,Pass\n'),
    );
    expect(quoted).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const missing = await backend.dispatch('examImport:commit', file('GMC Number,Exam\n7000001,AKT\n'));
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringContaining('Sitting Date, Result') } });
    expect(await attemptCount()).toBe(0);
  });
});

describe('post-fail conversation, readiness and the re-sit monitor', () => {
  it('pre-fills the weakest domain, keeps the private note out of every export, and updates the monitor', async () => {
    const { byGmc } = await importSamples();
    const tariq = byGmc('7455482');
    const exams = await call(backend, 'exams:forTrainee', { traineeId: tariq.id });
    const failed = exams.attempts.find((a) => a.examCode === 'SCA' && a.result === 'fail')!;
    expect(exams.summaries.find((s) => s.attemptGroup === 'SCA')).toMatchObject({
      used: 1,
      standardLeft: 5,
      exceptionalLeft: 0,
      ruleLabel: 'Started on or after 2 Aug 2023',
    });

    const draft = await call(backend, 'exams:postFailDraft', { attemptId: failed.id });
    expect(draft.feedbackByArea.filter((a) => a.weakest).map((a) => a.label)).toEqual([
      'Clinical management & medical complexity',
    ]);
    expect(draft.supportTierLabel).toContain('course');

    let monitor = await call(backend, 'exams:monitor', {});
    expect(monitor.map((r) => `${r.gmcNumber} ${r.examCode}`).sort()).toEqual([
      '7455482 SCA',
      '7612200 AKT',
      '7643238 AKT',
      '7991802 SCA',
    ]);
    const before = monitor.find((r) => r.gmcNumber === '7455482')!;
    expect(before).toMatchObject({
      postFailDone: false,
      weakestArea: 'Clinical management & medical complexity',
      readinessDone: false,
    });
    expect(before.warnings).toContain('no_conversation');

    const saved = await call(backend, 'exams:savePostFail', {
      attemptId: failed.id,
      fields: {
        heldOn: '06/01/2025',
        participants: 'Dr Helen Carter (exam lead), Tariq Smith',
        owner: 'Dr Helen Carter',
        traineeReflection: 'Ran out of time in the management part of most cases.',
        feedbackByArea: draft.feedbackByArea.map((a) =>
          a.weakest ? { ...a, note: 'Safety-netting and follow-up missed' } : a,
        ),
        contributingFactors: {
          preparation: { selected: true, note: 'Little timed practice' },
          workload: { selected: true, note: 'Night shifts before the sitting' },
        },
        supportTier: draft.supportTier,
        supportOffered: draft.supportOffered.map((s) => ({ ...s, accepted: true })),
        resitTargetDate: '10/03/2025',
        studyPlan: 'Two timed cases a week with the trainer',
        mocks: 'Regional mock in February',
        reviewDates: '03/02/2025; 24/02/2025',
        agreedActions: 'Book the February mock\nVideo two consultations for review',
        traineeAgreed: true,
        privateNote: PRIVATE,
      },
    });
    expect(saved).toMatchObject({
      failNumber: 1,
      traineeAgreed: true,
      privateNote: PRIVATE,
      agreedActions: ['Book the February mock', 'Video two consultations for review'],
    });

    // The accepted tier support is now a support item of the 1:1 feature, linked to the conversation.
    const support = await listSupportItems(backend.store.db, tariq.id);
    expect(support).toHaveLength(1);
    expect(support[0]).toMatchObject({
      label: draft.supportOffered[0]!.label,
      source: 'post_fail',
      sourceId: saved.id,
      status: 'accepted',
      acceptedOn: '2025-01-06',
    });
    expect(saved.supportItemIds).toEqual([support[0]!.id]);

    const text = await call(backend, 'exams:postFailText', { id: saved.id });
    expect(text.sections.map((s) => s.heading)).toContain('Agreed actions');
    expect(text.all).toContain('Clinical management & medical complexity');
    expect(text.all).toContain('Book the February mock');
    expect(text.all).not.toContain('PRIVATE');

    const pdf = await call(backend, 'exams:postFailFile', { id: saved.id, format: 'pdf' });
    const pages = await pdfPages(Buffer.from(pdf.base64, 'base64'));
    const pdfAll = pages.join('\n');
    expect(pdfAll).toContain('Tariq Smith');
    expect(pdfAll).toContain('7455482');
    expect(pdfAll).toContain('Safety-netting and follow-up missed');
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
    expect(pdfAll).toContain('Confidential');
    expect(pdfAll).not.toContain('PRIVATE');

    const docx = await call(backend, 'exams:postFailFile', { id: saved.id, format: 'docx' });
    const word = await docxText(Buffer.from(docx.base64, 'base64'));
    expect(word.body).toContain('Plan for the re-sit');
    expect(word.footers).toContain('Confidential');
    expect(word.body + word.footers).not.toContain('PRIVATE');

    const shared = await listSharedPostFailRecords(backend.store.db, tariq.id);
    expect(shared).toHaveLength(1);
    expect(JSON.stringify(shared)).not.toContain('PRIVATE');

    // The booking deadline for 10 March 2025 is 20 January, within two weeks of 6 January: warned until readiness is discussed.
    monitor = await call(backend, 'exams:monitor', {});
    const afterPostFail = monitor.find((r) => r.gmcNumber === '7455482')!;
    expect(afterPostFail).toMatchObject({
      postFailDone: true,
      supportOffered: 1,
      supportAccepted: 1,
      bookingDeadline: '2025-01-20',
      owner: 'Dr Helen Carter',
    });
    expect(afterPostFail.warnings).toEqual(['booking_without_readiness']);

    const today = await examWarningsDue(backend.store.db, '2025-01-06');
    expect(today.filter((i) => i.traineeId === tariq.id).map((i) => i.kind)).toEqual(['exam_readiness']);
    expect(today.find((i) => i.traineeId === byGmc('7991802').id)).toMatchObject({
      kind: 'exam_post_fail',
      urgency: 'overdue',
      link: `/trainees/${byGmc('7991802').id}/exams`,
    });

    const setup = await call(backend, 'exams:setup', {});
    const sca = setup.definitions.find((d) => d.code === 'SCA')!;
    const readinessRecord = await call(backend, 'exams:saveReadiness', {
      traineeId: tariq.id,
      fields: {
        examId: sca.id,
        discussedOn: '06/01/2025',
        plannedSittingDate: '10/03/2025',
        decision: 'ready',
        reasons: 'Mock scores now above the line',
        privateNote: PRIVATE,
      },
    });
    const afterReadiness = (await call(backend, 'exams:monitor', {})).find((r) => r.gmcNumber === '7455482')!;
    expect(afterReadiness).toMatchObject({ readinessDone: true, readinessDecision: 'ready', warnings: [] });
    const sharedReadiness = await listSharedReadinessRecords(backend.store.db, tariq.id);
    expect(sharedReadiness[0]).toMatchObject({ decision: 'ready', bookingDeadline: '2025-01-20' });
    expect(JSON.stringify(sharedReadiness)).not.toContain('PRIVATE');

    const readinessText = await call(backend, 'exams:readinessText', { id: readinessRecord.id });
    expect(readinessText.all).toContain('Ready to sit');
    expect(readinessText.all).toContain('Book by (about): 20 Jan 2025');
    expect(readinessText.all).not.toContain('PRIVATE');
    const readinessPdf = await call(backend, 'exams:readinessFile', {
      id: readinessRecord.id,
      format: 'pdf',
    });
    const readinessPages = (await pdfPages(Buffer.from(readinessPdf.base64, 'base64'))).join('\n');
    expect(readinessPages).toContain('Readiness-to-sit discussion');
    expect(readinessPages).not.toContain('PRIVATE');
  });

  it('does not duplicate support items when a conversation is saved again, and refuses a second conversation for the same attempt', async () => {
    const { byGmc } = await importSamples();
    const kofi = byGmc('7991802');
    const failed = (await listAttempts(backend.store.db, kofi.id)).find((a) => a.result === 'fail')!;
    const draft = await call(backend, 'exams:postFailDraft', { attemptId: failed.id });
    // Every domain failed at the same grade, so all three are the weakest.
    expect(draft.feedbackByArea.every((a) => a.weakest)).toBe(true);
    const fields = {
      heldOn: '02/01/2025',
      participants: 'Dr Anjali Desai, Kofi Owusu',
      supportTier: draft.supportTier,
      supportOffered: draft.supportOffered,
      feedbackByArea: draft.feedbackByArea,
    };
    const first = await call(backend, 'exams:savePostFail', { attemptId: failed.id, fields });
    expect((await listSupportItems(backend.store.db, kofi.id)).map((i) => i.status)).toEqual(['offered']);
    await call(backend, 'exams:savePostFail', {
      attemptId: failed.id,
      id: first.id,
      fields: { ...fields, supportOffered: draft.supportOffered.map((o) => ({ ...o, accepted: true })) },
    });
    expect((await listSupportItems(backend.store.db, kofi.id)).map((i) => i.status)).toEqual(['accepted']);
    const second = await backend.dispatch('exams:savePostFail', { attemptId: failed.id, fields });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const missing = await backend.dispatch('exams:savePostFail', {
      attemptId: failed.id,
      fields: { ...fields, participants: '  ' },
    });
    expect(missing).toMatchObject({ ok: false, error: { fields: { 'fields.participants': 'Enter who took part' } } });
  });

  it('refuses a post-fail conversation on an attempt that was not a fail', async () => {
    const { byGmc } = await importSamples();
    const passed = (await listAttempts(backend.store.db, byGmc('6445310').id))[0]!;
    const result = await backend.dispatch('exams:postFailDraft', { attemptId: passed.id });
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('only be recorded against a failed attempt') },
    });
  });

  it('keeps limits editable: a changed rule changes attempts left', async () => {
    const trainee = await call(
      backend,
      'trainees:create',
      traineeInput({ gmcNumber: '7000002', programmeStartDate: '01/08/2023' }),
    );
    const setup = await call(backend, 'exams:setup', {});
    const akt = setup.definitions.find((d) => d.code === 'AKT')!;
    await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: {
        examId: akt.id,
        sittingDate: '01/02/2024',
        result: 'fail',
        score: '120',
        passMark: '139',
        components: { clinical_knowledge: '60%' },
      },
    });
    let exams = await call(backend, 'exams:forTrainee', { traineeId: trainee.id });
    expect(exams.summaries[0]).toMatchObject({
      used: 1,
      standardLeft: 3,
      exceptionalLeft: 1,
      ruleLabel: 'In training on 1 Aug 2023',
    });
    expect(exams.attempts[0]!.components[0]).toMatchObject({ value: '60' });

    await call(backend, 'exams:saveRules', {
      ...setup.rules,
      attemptLimits: [
        { label: 'Everyone', entryFrom: null, entryTo: null, standardAttempts: 3, exceptionalAttempts: 0 },
      ],
    });
    exams = await call(backend, 'exams:forTrainee', { traineeId: trainee.id });
    expect(exams.summaries[0]).toMatchObject({ standardLeft: 2, exceptionalLeft: 0, ruleLabel: 'Everyone' });

    const custom = await call(backend, 'exams:saveDefinition', {
      fields: {
        code: 'mrcp1',
        name: 'MRCP Part 1',
        hasScore: true,
        componentKind: 'none',
        components: '',
        earliestGrade: 'CT1',
        historic: false,
        attemptGroup: '',
        bookingWeeksBefore: '',
      },
    });
    expect(custom).toMatchObject({ code: 'MRCP1', attemptGroup: 'MRCP1', builtIn: false });
  });
});
