import { afterEach, describe, expect, it } from 'vitest';
import { afterTrainingAttempt, type AfterTrainingAttemptLike } from '../../src/shared/exams/after-training';
import { DEFAULT_EXAM_RULES, type ExamResult } from '../../src/shared/exams/exam-reference';
import {
  describeSpan,
  extensionFieldsSchema,
  extensionProblem,
  extensionUse,
  spanFrom,
  type ExtensionPeriodLike,
} from '../../src/shared/exams/extensions';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { manualClock, traineeInput } from './helpers';

const [OLD_RULE, NEW_RULE] = DEFAULT_EXAM_RULES.attemptLimits as [
  (typeof DEFAULT_EXAM_RULES.attemptLimits)[number],
  (typeof DEFAULT_EXAM_RULES.attemptLimits)[number],
];

const period = (
  id: string,
  kind: ExtensionPeriodLike['kind'],
  startsOn: string,
  endsOn: string,
): ExtensionPeriodLike => ({ id, kind, startsOn, endsOn });

describe('extension arithmetic: calendar months from the start, end day included', () => {
  it('measures periods in calendar months and days', () => {
    expect(describeSpan(spanFrom('2026-03-01', 365))).toBe('12 months');
    expect(describeSpan(spanFrom('2026-03-01', 366))).toBe('12 months 1 day');
    expect(describeSpan(spanFrom('2026-03-01', 184))).toBe('6 months');
    expect(describeSpan(spanFrom('2026-03-01', 0))).toBe('0 months');
    expect(describeSpan(spanFrom('2026-03-01', 3))).toBe('3 days');
    // From 31 January a month runs to the end of February (no 31 February).
    expect(describeSpan(spanFrom('2026-01-31', 28))).toBe('1 month');
    expect(extensionUse([period('a', 'standard', '2026-03-01', '2026-09-30')]).text).toBe(
      'Extension used: 7 months of 12; 0 of 6 exceptional',
    );
    expect(extensionUse([]).leftText).toBe('0 months used, 12 months left; exceptional: 0 months used, 6 months left');
  });

  it('allows exactly 12 months of standard extension and refuses one day more, saying by how much', () => {
    expect(extensionProblem([], period('a', 'standard', '2026-03-01', '2027-02-28'))).toBeNull();
    expect(extensionProblem([], period('a', 'standard', '2026-03-01', '2027-03-01'))).toEqual({
      field: 'endsOn',
      message: 'That makes 12 months 1 day of standard extension, 1 day more than the 12 months allowed',
    });
    // Periods add up: 6 + 6 months is the whole allowance, a day more is not.
    const first = period('a', 'standard', '2026-03-01', '2026-08-31');
    expect(extensionProblem([first], period('b', 'standard', '2027-01-01', '2027-06-30'))).toBeNull();
    expect(extensionProblem([first], period('b', 'standard', '2027-01-01', '2027-07-01'))?.message).toContain(
      '1 day more than the 12 months allowed',
    );
  });

  it('allows 6 exceptional months on top of the 12, and refuses more', () => {
    const standard = period('a', 'standard', '2026-03-01', '2027-02-28');
    expect(extensionProblem([standard], period('b', 'exceptional', '2027-03-01', '2027-08-31'))).toBeNull();
    expect(extensionProblem([standard], period('b', 'exceptional', '2027-03-01', '2027-10-03'))?.message).toBe(
      'That makes 7 months 3 days of exceptional extension, 1 month 3 days more than the 6 months allowed',
    );
    const use = extensionUse([standard, period('b', 'exceptional', '2027-03-01', '2027-04-30')]);
    expect(use.text).toBe('Extension used: 12 months of 12; 2 of 6 exceptional');
    expect(use.leftText).toBe('12 months used, 0 months left; exceptional: 2 months used, 4 months left');
  });

  it('refuses overlapping periods, of either kind, but lets a period be edited in place', () => {
    const standard = period('a', 'standard', '2026-03-01', '2026-08-31');
    expect(extensionProblem([standard], period('b', 'exceptional', '2026-08-31', '2026-10-31'))).toEqual({
      field: 'startsOn',
      message: 'This period overlaps the standard extension from 1 Mar 2026 to 31 Aug 2026',
    });
    expect(extensionProblem([standard], period('b', 'exceptional', '2026-09-01', '2026-10-31'))).toBeNull();
    expect(extensionProblem([standard], period('a', 'standard', '2026-04-01', '2026-09-30'))).toBeNull();
  });

  it('refuses an end before the start, an unknown kind and a missing reason', () => {
    const parsed = extensionFieldsSchema.safeParse({
      kind: 'standard',
      startsOn: '01/03/2026',
      endsOn: '28/02/2026',
      reason: 'Re-sit',
    });
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endsOn', 'The end date must be on or after the start date'],
    ]);
    const bad = extensionFieldsSchema.safeParse({ kind: 'long', startsOn: '01/03/2026', endsOn: '', reason: ' ' });
    expect(bad.error?.issues.map((i) => i.message).sort()).toEqual([
      'Choose standard or exceptional',
      'Enter the end date',
      'Enter the reason for the extension',
    ]);
    expect(
      extensionFieldsSchema.safeParse({
        kind: 'standard',
        startsOn: '01/03/2026',
        endsOn: '01/04/2026',
        reason: 'x',
        months: 1,
      }).error?.issues[0]?.message,
    ).toMatch(/months/);
  });
});

describe('the after-training attempt', () => {
  let n = 0;
  const attempt = (
    attemptGroup: 'AKT' | 'SCA',
    sittingDate: string,
    result: ExamResult = 'fail',
  ): AfterTrainingAttemptLike => ({
    id: `attempt-${++n}`,
    attemptGroup,
    examCode: attemptGroup,
    sittingDate,
    result,
  });
  const left = (attempts: AfterTrainingAttemptLike[], today: string, rule = NEW_RULE) =>
    afterTrainingAttempt({ status: 'left', leftTrainingOn: '2026-03-14', rule, attempts, today })!;

  it('is open until 12 months after leaving, the anniversary included, and closes the day after', () => {
    const history = [attempt('AKT', '2025-10-01'), attempt('SCA', '2025-11-01')];
    expect(left(history, '2027-03-14')).toMatchObject({
      state: 'open',
      windowEnd: '2027-03-14',
      availableAt: ['AKT', 'SCA'],
      text: 'After training: one attempt left at AKT or SCA until 14 Mar 2027',
    });
    expect(left(history, '2027-03-15')).toMatchObject({
      state: 'closed',
      text: 'After training: window closed on 14 Mar 2027',
    });
  });

  it('counts a sitting from the day after leaving to the anniversary, and none outside', () => {
    for (const [sitting, state] of [
      ['2026-03-14', 'open'],
      ['2026-03-15', 'used'],
      ['2027-03-13', 'used'],
      ['2027-03-14', 'used'],
      ['2027-03-15', 'open'],
    ] as const) {
      expect(left([attempt('SCA', sitting, 'awaiting')], '2026-06-01').state, sitting).toBe(state);
    }
    expect(left([attempt('AKT', '2027-02-02')], '2027-04-01')).toMatchObject({
      state: 'used',
      used: { examCode: 'AKT', sittingDate: '2027-02-02' },
      text: 'After training: used on AKT, 2 Feb 2027',
      extraAttempts: 0,
    });
    // A second sitting after leaving is over the rule; withdrawn and void sittings do not count.
    expect(
      left(
        [attempt('AKT', '2026-05-01', 'withdrawn'), attempt('AKT', '2026-06-01'), attempt('SCA', '2026-09-01')],
        '2026-10-01',
      ),
    ).toMatchObject({ state: 'used', used: { examCode: 'AKT', sittingDate: '2026-06-01' }, extraAttempts: 1 });
  });

  it('is only for an exam not passed and not at its maximum when they left', () => {
    const aktAtMaximum = Array.from({ length: 6 }, (_, i) => attempt('AKT', `2022-0${i + 1}-10`));
    expect(left(aktAtMaximum, '2026-06-01')).toMatchObject({
      state: 'open',
      availableAt: ['SCA'],
      text: 'After training: one attempt left at SCA until 14 Mar 2027',
    });
    // Entered before August 2023: 4 attempts and an exceptional fifth; the fifth is still within the maximum.
    const four = Array.from({ length: 4 }, (_, i) => attempt('AKT', `2022-0${i + 1}-10`));
    expect(left([...four, attempt('SCA', '2025-01-01', 'pass')], '2026-06-01', OLD_RULE).availableAt).toEqual(['AKT']);
    const sca = Array.from({ length: 6 }, (_, i) => attempt('SCA', `2023-0${i + 1}-10`));
    expect(left([...aktAtMaximum, ...sca], '2026-06-01')).toMatchObject({
      state: 'none_left',
      availableAt: [],
      text: 'After training: no attempt left (AKT and SCA passed or at their maximum)',
    });
  });

  it('gives none to a trainee who completed with a CCT, waits for a leaving date, and is absent in training', () => {
    const base = { rule: NEW_RULE, attempts: [attempt('AKT', '2025-01-01')], today: '2026-06-01' };
    expect(afterTrainingAttempt({ ...base, status: 'completed', leftTrainingOn: '2026-03-14' })).toMatchObject({
      state: 'cct',
      windowEnd: null,
      availableAt: [],
    });
    expect(afterTrainingAttempt({ ...base, status: 'left', leftTrainingOn: null })?.state).toBe('no_date');
    expect(afterTrainingAttempt({ ...base, status: 'in_programme', leftTrainingOn: null })).toBeNull();
  });
});

describe('extension channels and the leaving date through the backend', () => {
  let backend: TempBackend;
  afterEach(async () => {
    await backend?.close();
  });

  async function counts() {
    const [periods, log] = await Promise.all(
      ['exam_extensions', 'change_log'].map((table) =>
        backend.store.db
          .selectFrom(table as 'exam_extensions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ),
    );
    return { periods: Number(periods!.n), log: Number(log!.n) };
  }

  async function refused(input: unknown): Promise<{ message: string; fields?: Record<string, string> }> {
    const before = await counts();
    const result = await backend.dispatch('exams:saveExtension', input);
    expect(await counts(), 'nothing written on refusal').toEqual(before);
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  }

  it('adds, edits and deletes periods, refusing overlaps, excess and bad input without writing', async () => {
    backend = await createTempBackend({ now: manualClock('2026-06-01T09:00:00.000Z').now });
    const trainee = await call(backend, 'trainees:create', traineeInput());
    const fields = { kind: 'standard' as const, startsOn: '01/03/2026', endsOn: '31/08/2026', reason: 'Re-sit time' };
    const saved = await call(backend, 'exams:saveExtension', { traineeId: trainee.id, fields });
    expect(saved).toMatchObject({ startsOn: '2026-03-01', endsOn: '2026-08-31', lengthText: '6 months' });

    const overlap = await refused({
      traineeId: trainee.id,
      fields: { ...fields, kind: 'exceptional', startsOn: '01/08/2026', endsOn: '30/09/2026' },
    });
    expect(overlap.message).toBe('This period overlaps the standard extension from 1 Mar 2026 to 31 Aug 2026');
    expect(overlap.fields).toEqual({ startsOn: overlap.message });
    const excess = await refused({
      traineeId: trainee.id,
      fields: { ...fields, startsOn: '01/09/2026', endsOn: '01/03/2027' },
    });
    expect(excess.message).toBe(
      'That makes 12 months 1 day of standard extension, 1 day more than the 12 months allowed',
    );
    expect((await refused({ traineeId: trainee.id, fields: { ...fields, endsOn: '28/02/2026' } })).fields).toEqual({
      'fields.endsOn': 'The end date must be on or after the start date',
    });
    expect((await refused({ traineeId: trainee.id, fields: { ...fields, weeks: 3 } })).message).toMatch(/weeks/);
    expect((await refused({ traineeId: trainee.id, id: '00000000-0000-4000-8000-000000000000', fields })).message).toBe(
      'That extension period no longer exists.',
    );

    // The rest of the 12 months is accepted; editing the first period is checked against the others only.
    await call(backend, 'exams:saveExtension', {
      traineeId: trainee.id,
      fields: { ...fields, startsOn: '01/09/2026', endsOn: '28/02/2027' },
    });
    const edited = await call(backend, 'exams:saveExtension', {
      traineeId: trainee.id,
      id: saved.id,
      fields: { ...fields, endsOn: '31/07/2026', reason: 'Shorter than planned' },
    });
    expect(edited).toMatchObject({ id: saved.id, endsOn: '2026-07-31', reason: 'Shorter than planned' });
    const exams = await call(backend, 'exams:forTrainee', { traineeId: trainee.id });
    expect(exams.extensions.map((p) => p.lengthText)).toEqual(['5 months', '6 months']);
    expect(exams.extensionUse.text).toBe('Extension used: 11 months of 12; 0 of 6 exceptional');

    await call(backend, 'exams:deleteExtension', { id: saved.id });
    const missing = await backend.dispatch('exams:deleteExtension', { id: saved.id });
    expect(missing.ok ? null : missing.error.message).toBe('That extension period no longer exists.');
    expect((await call(backend, 'exams:forTrainee', { traineeId: trainee.id })).extensions).toHaveLength(1);
  });

  it('keeps the leaving date on the trainee and shows the after-training attempt from it', async () => {
    backend = await createTempBackend({ now: manualClock('2026-06-01T09:00:00.000Z').now });
    const trainee = await call(
      backend,
      'trainees:create',
      traineeInput({ status: 'left', leftTrainingOn: '14/03/2026' }),
    );
    expect(trainee.leftTrainingOn).toBe('2026-03-14');
    expect((await call(backend, 'exams:forTrainee', { traineeId: trainee.id })).afterTraining?.text).toBe(
      'After training: one attempt left at AKT or SCA until 14 Mar 2027',
    );
    const { definitions } = await call(backend, 'exams:setup');
    await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { examId: definitions.find((d) => d.code === 'SCA')!.id, sittingDate: '02/05/2026', result: 'fail' },
    });
    expect((await call(backend, 'exams:forTrainee', { traineeId: trainee.id })).afterTraining?.text).toBe(
      'After training: used on SCA, 2 May 2026',
    );
    const time = await call(backend, 'exams:monitorTime');
    expect(time).toEqual([
      {
        traineeId: trainee.id,
        extensionText: '0 months used, 12 months left; exceptional: 0 months used, 6 months left',
        hasExtension: false,
        afterTrainingText: 'After training: used on SCA, 2 May 2026',
      },
    ]);

    const wrong = await backend.dispatch(
      'trainees:create',
      traineeInput({ gmcNumber: '7012399', status: 'in_programme', leftTrainingOn: '14/03/2026' }),
    );
    expect(wrong.ok ? null : wrong.error.fields).toEqual({
      leftTrainingOn: 'A leaving date is kept only with the status Left or Completed; clear it or change the status',
    });
    const early = await backend.dispatch(
      'trainees:create',
      traineeInput({ gmcNumber: '7012399', status: 'left', leftTrainingOn: '01/01/2024' }),
    );
    expect(early.ok ? null : early.error.fields).toEqual({
      leftTrainingOn: 'The date they left training must be after the programme start date',
    });
    expect(await call(backend, 'trainees:list', {})).toHaveLength(1);
  });
});

describe('demo data obeys the rules', () => {
  let backend: TempBackend;
  afterEach(async () => {
    await backend?.close();
  });

  it('gives every reviewed goal the status of its latest review, and extensions and leavers within the rules', async () => {
    backend = await createTempBackend();
    await call(backend, 'demo:load', { size: 'standard' });
    const db = backend.store.db;
    const goals = await db.selectFrom('plp_goals').select(['id', 'status']).execute();
    const reviews = await db
      .selectFrom('plp_reviews')
      .select(['goal_id', 'reviewed_on', 'status_after', 'created_at'])
      .orderBy('reviewed_on')
      .orderBy('created_at')
      .execute();
    const latest = new Map(reviews.map((r) => [r.goal_id, r.status_after]));
    expect(latest.size).toBeGreaterThan(0);
    const disagreeing = goals.filter((g) => latest.has(g.id) && latest.get(g.id) !== g.status);
    expect(disagreeing).toEqual([]);

    const periods = await db.selectFrom('exam_extensions').selectAll().execute();
    const byTrainee = new Map<string, ExtensionPeriodLike[]>();
    for (const p of periods) {
      const list = byTrainee.get(p.trainee_id) ?? [];
      list.push({ id: p.id, kind: p.kind as 'standard', startsOn: p.starts_on, endsOn: p.ends_on });
      byTrainee.set(p.trainee_id, list);
    }
    expect(byTrainee.size).toBeGreaterThanOrEqual(2);
    for (const list of byTrainee.values())
      for (const p of list) expect(extensionProblem(list, p), `${p.startsOn}–${p.endsOn}`).toBeNull();

    const leavers = await db
      .selectFrom('trainees')
      .select(['id', 'status', 'left_training_on'])
      .where('status', '=', 'left')
      .execute();
    const states = await Promise.all(
      leavers.map(async (t) => (await call(backend, 'exams:forTrainee', { traineeId: t.id })).afterTraining),
    );
    expect(states.map((s) => s?.state).sort()).toEqual(['open', 'used']);
    expect(states.every((s) => s!.extraAttempts === 0)).toBe(true);
    const monitorIds = new Set((await call(backend, 'exams:monitor')).map((r) => r.traineeId));
    expect(leavers.every((t) => monitorIds.has(t.id))).toBe(true);
  });
});
