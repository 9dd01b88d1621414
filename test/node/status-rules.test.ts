import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeExamPosition, examPositions, type PositionAttempt } from '../../src/shared/exams/exam-position';
import { labelledEnum } from '../../src/shared/labelled-enum';
import { GOAL_STATUSES, isGoalOpen, OPEN_GOAL_STATUSES, type PlpGoal } from '../../src/shared/plp/plp-types';
import {
  isSupportOpen,
  isSupportTakenUp,
  OPEN_SUPPORT_STATUSES,
  SUPPORT_STATUSES,
} from '../../src/shared/support/support-types';
import { pdfText } from '../support/read-exports';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { traineeInput } from './helpers';

describe('status rules (values, never labels)', () => {
  it('counts only goals not started or in progress as open; stopped and achieved are closed', () => {
    expect(GOAL_STATUSES.values.filter(isGoalOpen)).toEqual(['not_started', 'in_progress']);
    expect(isGoalOpen('stopped')).toBe(false);
    expect(isGoalOpen('achieved')).toBe(false);
    expect(OPEN_GOAL_STATUSES).toEqual(['not_started', 'in_progress']);
  });

  it('counts support as taken up once accepted, attended or completed, and open while offered or accepted', () => {
    expect(SUPPORT_STATUSES.values.filter(isSupportTakenUp)).toEqual(['accepted', 'attended', 'completed']);
    expect(SUPPORT_STATUSES.values.filter(isSupportOpen)).toEqual(['offered', 'accepted']);
    expect(OPEN_SUPPORT_STATUSES).toEqual(['offered', 'accepted']);
  });

  it('works out each exam’s position from the stored results, with the attempts left after the last that counts', () => {
    const left = (standard: number, exceptional: number) => ({ standard, exceptional });
    const attempts: PositionAttempt[] = [
      { exam: 'SCA', sittingDate: '2026-03-03', result: 'fail', attemptNumber: 2, attemptsLeftAfter: left(4, 0) },
      { exam: 'AKT', sittingDate: '2025-10-01', result: 'pass', attemptNumber: 1, attemptsLeftAfter: left(3, 1) },
      { exam: 'SCA', sittingDate: '2025-11-20', result: 'fail', attemptNumber: 1, attemptsLeftAfter: left(5, 0) },
      {
        exam: 'SCA',
        sittingDate: '2026-04-10',
        result: 'withdrawn',
        attemptNumber: null,
        attemptsLeftAfter: left(4, 0),
      },
      { exam: 'CSA', sittingDate: '2026-05-01', result: 'fail', attemptNumber: 4, attemptsLeftAfter: left(0, 1) },
      { exam: 'RCA', sittingDate: '2026-06-01', result: 'awaiting', attemptNumber: 1 },
    ];
    const positions = examPositions(attempts);
    expect(positions.find((p) => p.exam === 'SCA')).toEqual({
      exam: 'SCA',
      attemptsUsed: 2,
      passed: false,
      passedAtAttempt: null,
      fails: 2,
      attemptsLeft: { standard: 4, exceptional: 0 },
      last: { result: 'withdrawn', sittingDate: '2026-04-10' },
    });
    expect(positions.map(describeExamPosition)).toEqual([
      'AKT: passed at attempt 1',
      'SCA: not yet passed, 2 fails (last withdrawn on 10/04/2026); 4 attempts left',
      'CSA: not yet passed, 1 fail (last fail on 01/05/2026); only the exceptional attempt left',
      'RCA: awaiting result',
    ]);
  });

  it('labels values, shows an unknown stored value as it is, and validates with its own message', () => {
    const sizes = labelledEnum(['small', 'large'], { small: 'Small', large: 'Large' });
    expect(sizes.options).toEqual([
      { value: 'small', label: 'Small' },
      { value: 'large', label: 'Large' },
    ]);
    expect(sizes.label('large')).toBe('Large');
    expect(sizes.label('medium')).toBe('medium');
    expect(sizes.label('toString')).toBe('toString');
    expect(sizes.schema('Choose a size').safeParse('small').success).toBe(true);
    expect(sizes.schema('Choose a size').safeParse('Small').error?.issues[0]?.message).toBe('Choose a size');
  });
});

describe('ARCP reads other features by status value', () => {
  let backend: TempBackend;
  beforeEach(async () => {
    backend = await createTempBackend({ now: () => new Date('2026-11-22T10:00:00Z') });
  });
  afterEach(async () => {
    await backend?.close();
  });

  it('does not count a stopped goal as open, and counts support taken up by status', async () => {
    const trainee = await call(backend, 'trainees:create', traineeInput({ grade: 'ST3' }));
    const goal = (title: string, status: PlpGoal['status']) =>
      call(backend, 'plp:createGoal', {
        traineeId: trainee.id,
        title,
        area: 'exam',
        nextReviewOn: '01/12/2026',
        status,
      });
    await goal('Pass the AKT', 'in_progress');
    await goal('Shadow the out-of-hours service', 'stopped');
    await goal('Complete the safeguarding module', 'achieved');

    const offer = (label: string) =>
      call(backend, 'support:offer', { traineeId: trainee.id, label, offeredOn: '01/10/2026' });
    await offer('Exam preparation course');
    const accepted = await offer('Small-group sessions');
    await call(backend, 'support:step', { id: accepted.id, status: 'accepted', on: '05/10/2026' });
    const declined = await offer('Coaching');
    await call(backend, 'support:step', {
      id: declined.id,
      status: 'declined',
      on: '05/10/2026',
      outcome: 'Has a coach already',
    });

    const setup = await call(backend, 'exams:setup', {});
    const akt = setup.definitions.find((d) => d.code === 'AKT')!;
    await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { examId: akt.id, sittingDate: '01/02/2026', result: 'fail', score: '120', passMark: '139' },
    });

    const panel = await call(backend, 'arcp:createPanel', {
      name: 'Winter panel',
      panelDate: '10/02/2027',
      traineeIds: [trainee.id],
    });
    const readiness = await call(backend, 'arcp:readiness', { panelId: panel.id });
    expect(readiness.rows[0]).toMatchObject({
      openPlpGoals: 1,
      supportReceived: '1 taken up of 3 offered',
      examPosition: 'AKT: not yet passed, 1 fail (last fail on 01/02/2026); 5 attempts left',
    });

    // The pack shows every goal with its status in words.
    const file = await call(backend, 'arcp:pack', { recordId: readiness.rows[0]!.recordId });
    const text = await pdfText(Buffer.from(file.base64, 'base64'));
    expect(text).toMatch(/Shadow the out-of-hours\s+service\s+Stopped/);
    expect(text).toMatch(/Coaching\s+\S+\s+Declined/);
    expect(text).toContain('AKT: not yet passed, 1 fail (last fail on 01/02/2026); 5 attempts left');
  });
});
