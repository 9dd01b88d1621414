/**
 * The AKT's paper belongs to the sitting: 200 items until mid-2025, 160 from October 2025. A
 * score reads against its own paper and is checked against the sitting's own figures.
 */
import { sql, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultItemCount, scoreText } from '../../src/shared/exams/akt-papers';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { insertTraineeAsFirstSchemaHadIt, traineeInput } from './helpers';

const registry = vi.hoisted(() => ({
  list: [] as Array<readonly [string, Migration]>,
  real: [] as Array<readonly [string, Migration]>,
}));

vi.mock('../../src/main/store/migrations', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/store/migrations')>();
  registry.real = [...actual.MIGRATIONS];
  registry.list.push(...actual.MIGRATIONS);
  return { ...actual, MIGRATIONS: registry.list };
});

const backends: TempBackend[] = [];
beforeEach(() => {
  registry.list.splice(0, registry.list.length, ...registry.real);
});
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

async function withTrainee() {
  const backend = await createTempBackend();
  backends.push(backend);
  const trainee = await call(backend, 'trainees:create', traineeInput({ gmcNumber: '7000001' }));
  const setup = await call(backend, 'exams:setup', {});
  const akt = setup.definitions.find((d) => d.code === 'AKT')!;
  return { backend, trainee, akt };
}

const csv = (text: string) => ({
  jobId: 'akt-import',
  fileName: 'results.csv',
  contentBase64: Buffer.from(text, 'utf8').toString('base64'),
});

describe('the AKT paper of each sitting', () => {
  it('is 200 items until the October 2025 sitting and 160 from it; other exams have none by default', () => {
    expect(defaultItemCount('AKT', '2025-04-23')).toBe(200);
    expect(defaultItemCount('AKT', '2025-09-30')).toBe(200);
    expect(defaultItemCount('AKT', '2025-10-01')).toBe(160);
    expect(defaultItemCount('akt', '2026-01-28')).toBe(160);
    expect(defaultItemCount('SCA', '2026-01-28')).toBeNull();
    expect(scoreText(109, 160)).toBe('109/160');
    expect(scoreText(109, null)).toBe('109');
    expect(scoreText(null, 160)).toBeNull();
  });

  it('reads a score against a 160-item sitting and checks the pass mark with that sitting’s figures', async () => {
    const { backend, trainee, akt } = await withTrainee();
    const pass = await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { examId: akt.id, sittingDate: '12/11/2025', result: 'pass', score: '109', passMark: '105' },
    });
    expect(pass).toMatchObject({ itemCount: 160, scoreText: '109/160', flags: [] });

    const older = await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { examId: akt.id, sittingDate: '22/01/2025', result: 'fail', score: '130', passMark: '139' },
    });
    expect(older).toMatchObject({ itemCount: 200, scoreText: '130/200' });

    // 109 would pass a 160-item paper with a pass mark of 105, but not this sitting's 111: held until confirmed.
    const fields = {
      examId: akt.id,
      sittingDate: '28/01/2026',
      result: 'pass',
      score: '109',
      passMark: '111',
    } as const;
    const held = await backend.dispatch('exams:saveAttempt', { traineeId: trainee.id, fields });
    expect(held).toMatchObject({
      ok: false,
      error: { fields: { 'fields.recordAnyway': expect.stringContaining('under the pass mark of 111') } },
    });
    const under = await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { ...fields, recordAnyway: true },
    });
    expect(under.flags).toEqual(['Pass recorded with a score of 109, under the pass mark of 111']);
  });

  it('refuses a score or pass mark above the paper’s items, and takes a recorded item count', async () => {
    const { backend, trainee, akt } = await withTrainee();
    const tooHigh = await backend.dispatch('exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { examId: akt.id, sittingDate: '12/11/2025', result: 'pass', score: '170', passMark: '105' },
    });
    expect(tooHigh).toMatchObject({
      ok: false,
      error: { fields: { score: 'The score cannot be more than the 160 items in this AKT paper' } },
    });
    const markTooHigh = await backend.dispatch('exams:saveAttempt', {
      traineeId: trainee.id,
      fields: { examId: akt.id, sittingDate: '12/11/2025', result: 'fail', score: '90', passMark: '161' },
    });
    expect(markTooHigh).toMatchObject({ ok: false, error: { fields: { passMark: expect.stringContaining('160') } } });
    expect((await call(backend, 'exams:forTrainee', { traineeId: trainee.id })).attempts).toHaveLength(0);

    const recorded = await call(backend, 'exams:saveAttempt', {
      traineeId: trainee.id,
      fields: {
        examId: akt.id,
        sittingDate: '12/11/2025',
        result: 'pass',
        score: '170',
        passMark: '140',
        itemCount: '200',
      },
    });
    expect(recorded).toMatchObject({ itemCount: 200, scoreText: '170/200' });
  });

  it('imports an optional item-count column, and flags a row that scores above its paper for checking', async () => {
    const { backend } = await withTrainee();
    const preview = await call(
      backend,
      'examImport:preview',
      csv(
        'GMC Number,Exam,Sitting Date,Result,Score,Pass Mark,Items\n' +
          '7000001,AKT,12/11/2025,Pass,109,105,160\n' +
          '7000001,AKT,28/01/2026,Pass,170,105,160\n' +
          '7000001,AKT,22/01/2025,Fail,130,139,\n',
      ),
    );
    // Like a pass under its pass mark, a score above the paper is flagged to check against the letter.
    expect(preview.rows.map((r) => r.status)).toEqual(['create', 'create', 'create']);
    expect(preview.rows[1]!.flags).toContain('Score of 170 is more than the 160 items in the paper');
    expect(preview.rows[0]!.flags).toEqual([]);

    const good = csv(
      'GMC Number,Exam,Sitting Date,Result,Score,Pass Mark,Items\n' +
        '7000001,AKT,12/11/2025,Pass,109,105,160\n' +
        '7000001,AKT,22/01/2025,Fail,130,139,\n',
    );
    await call(backend, 'examImport:commit', good);
    const trainee = (await call(backend, 'trainees:list', {}))[0]!;
    const attempts = (await call(backend, 'exams:forTrainee', { traineeId: trainee.id })).attempts;
    expect(attempts.map((a) => a.scoreText).sort()).toEqual(['109/160', '130/200']);
    // The blank item count took the sitting's usual paper, so importing again changes nothing.
    expect((await call(backend, 'examImport:preview', good)).counts).toMatchObject({ create: 0, unchanged: 2 });
  });

  it('gives AKT scores recorded before the change their sitting’s paper when the database is updated', async () => {
    registry.list.splice(0, registry.list.length, ...registry.real.filter(([name]) => name < '0008'));
    const before = await createTempBackend();
    const trainee = await insertTraineeAsFirstSchemaHadIt(before.store.db, '7000001');
    const akt = (await call(before, 'exams:setup', {})).definitions.find((d) => d.code === 'AKT')!;
    // Rows as the older app wrote them (today's code would write the new column).
    for (const [id, sittingDate, score] of [
      ['a1', '2025-01-22', 150],
      ['a2', '2025-11-12', 120],
    ] as const) {
      await sql`
        INSERT INTO exam_attempts (id, trainee_id, exam_id, sitting_date, result, score, pass_mark, components, feedback, source, created_at, updated_at)
        VALUES (${id}, ${trainee.id}, ${akt.id}, ${sittingDate}, 'pass', ${score}, 110, '{}', NULL, 'manual', '2025-01-01', '2025-01-01')
      `.execute(before.store.db);
    }
    await before.close();

    registry.list.splice(0, registry.list.length, ...registry.real);
    const after = await createTempBackend({ dataDir: before.dataDir, key: before.key });
    backends.push(after);
    const { rows } = await sql<{
      sitting_date: string;
      item_count: number;
    }>`SELECT sitting_date, item_count FROM exam_attempts ORDER BY sitting_date`.execute(after.store.db);
    expect(rows).toEqual([
      { sitting_date: '2025-01-22', item_count: 200 },
      { sitting_date: '2025-11-12', item_count: 160 },
    ]);
  });
});
