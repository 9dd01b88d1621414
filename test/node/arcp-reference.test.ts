/**
 * ARCP outcome and reason codes must be exactly the list NHS England's Trainee Information
 * System holds: a wrong label here means an outcome recorded with the wrong reason. The lists
 * below are the specification, typed out from TIS; migration 0005 must produce them, on a new
 * database and on one that already used the old (0004) codes.
 */
import { sql, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArcpCode } from '../../src/shared/arcp/arcp-reference';
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

const U = ['2', '3', '4'];
const N = ['NA'];

/** [code, label, applies to, needs free text] */
const EXPECTED_REASONS: Array<[string, string, string[], boolean]> = [
  ['U1', 'Record keeping and evidence', U, false],
  ['U2', 'Inadequate experience', U, false],
  ['U3', 'No engagement with supervisor', U, false],
  ['U4', 'Trainer absence', U, false],
  ['U5', 'Single exam failure', U, false],
  ['U6', 'Continual exam failure', U, false],
  ['U7', 'Trainee requires Deanery support', U, false],
  ['U8', 'Other reason (please specify)', U, true],
  ['U9', 'Inadequate attendance', U, false],
  ['U10', 'Assessment/Curriculum outcomes not achieved', U, false],
  ['N1', 'Trainee sick leave', N, false],
  ['N2', 'Trainee maternity/paternity leave', N, false],
  ['N3', 'Trainee not in post long enough', N, false],
  ['N4', 'Trainee fell outside annual reporting period', N, false],
  ['N5', 'Trainee post-CCT', N, false],
  ['N6', 'Trainee missed review', N, false],
  ['N7', 'Trainee inter-Deanery transfer', N, false],
  ['N8', 'Trainee reviewed in other Deanery', N, false],
  ['N9', 'Trainee contract termination', N, false],
  ['N10', 'Trainee gross misconduct', N, false],
  ['N11', 'Trainee suspension', N, false],
  ['N13', 'Other reason (please specify)', N, true],
  ['N14', 'LTFT achieving progress at the expected rate', N, false],
  ['N15', 'LTFT not achieving progress at the expected rate', N, false],
  ['N16', 'Dismissed', N, false],
  ['N17', 'Dismissed no remedial training', N, false],
  ['N18', 'Dismissed received remedial training', N, false],
  ['N19', 'Dismissed no GMC referral', N, false],
  ['N20', 'Dismissed - following GMC referral', N, false],
  ['N21', 'Resignation no remedial training undertaken', N, false],
  ['N22', 'Resignation received remedial training', N, false],
  ['N23', 'Assessed in another specialty (dual/triple CCT)', N, false],
  [
    'C1',
    'Trainee at critical training progression point (but NOT at CCT) and derogation provided for the required exam',
    ['10.1'],
    false,
  ],
  [
    'C2',
    'Trainee at critical training progression point (but NOT at CCT) and derogation provided for the applicable element of mandatory training',
    ['10.1'],
    false,
  ],
  ['C3', 'Redeployment could not acquire required experience', ['10.1', '10.2'], false],
  ['C4', 'Prolonged self-isolation needed during COVID-19', ['10.1', '10.2'], false],
  ['C5', 'Inadequate progress in this training year prior to COVID-19', ['10.1', '10.2'], false],
  ['C6', 'Incomplete evidence due to COVID-19', ['10.1', '10.2'], false],
  ['C7', 'Foundation - extra time required to gain F1CC/FPCC', ['10.2'], false],
  ['C8', 'Royal College or Faculty exam cancelled with trainee at CCT date', ['10.2'], false],
  ['C9', 'Royal College or Faculty mandatory training course cancelled with trainee at CCT date', ['10.2'], false],
  [
    'C10',
    'Royal College or Faculty exam cancelled with trainee at critical progression point (not CCT) with no derogation',
    ['10.2'],
    false,
  ],
  [
    'C11',
    'Royal College or Faculty mandatory training course cancelled with trainee at critical progression point (not CCT) with no derogation',
    ['10.2'],
    false,
  ],
  ['C12', 'Other issues related to COVID-19 (please describe)', ['10.1', '10.2'], true],
];

const EXPECTED_OUTCOMES = ['1', '2', '3', '4', '5', '6', '8', '10.1', '10.2', 'NA'];

const backends: TempBackend[] = [];
beforeEach(() => {
  registry.list.splice(0, registry.list.length, ...registry.real);
});
afterEach(async () => {
  while (backends.length) await backends.pop()!.close();
});

async function referenceCodes(backend: TempBackend): Promise<ArcpCode[]> {
  return (await call(backend, 'arcp:reference', {})).codes;
}

function asRows(codes: ArcpCode[]) {
  return codes
    .filter((c) => c.kind === 'reason')
    .map((c) => [c.code, c.label, c.appliesTo, c.requiresDetail] as [string, string, string[], boolean]);
}

const record = (overrides: Record<string, unknown>) => ({
  reviewFrom: '01/08/2024',
  reviewTo: '31/07/2025',
  panelDate: '15/07/2025',
  grade: 'ST2',
  wte: '1',
  posts: 2,
  esrInterimDate: null,
  esrFullDate: '01/07/2025',
  outcome: null,
  reasonCodes: [],
  reasonDetail: null,
  evidenceDueDate: null,
  educatorSummary: '',
  templateId: null,
  ...overrides,
});

describe('ARCP reference data as NHS England holds it', () => {
  it('a new database has exactly the TIS reasons, which outcomes each goes with, and which need free text', async () => {
    const backend = await createTempBackend();
    backends.push(backend);
    const codes = await referenceCodes(backend);

    expect(asRows(codes)).toEqual(EXPECTED_REASONS);
    expect(codes.some((c) => c.code === 'N12')).toBe(false);
    expect(codes.filter((c) => c.kind === 'outcome').map((c) => c.code)).toEqual(EXPECTED_OUTCOMES);
  });

  it('outcome labels are the Gold Guide wording and say which edition they come from', async () => {
    const backend = await createTempBackend();
    backends.push(backend);
    const outcomes = (await referenceCodes(backend)).filter((c) => c.kind === 'outcome');
    const byCode = new Map(outcomes.map((c) => [c.code, c]));

    expect(byCode.get('1')!.label).toBe(
      'Satisfactory progress – achieving progress and the development of competences at the expected rate',
    );
    expect(byCode.get('3')!.label).toBe('Inadequate progress – additional training time required');
    for (const outcome of outcomes.filter((c) => c.code !== 'NA')) {
      expect(outcome.source).toBe('Gold Guide, 10th edition (in force from 7 August 2024)');
    }
    // COVID-19 outcomes are history, but still recordable (with their C reasons).
    expect(byCode.get('10.1')!.historic).toBe(true);
    expect(byCode.get('10.2')!.historic).toBe(true);
  });

  it('records a historic COVID-19 outcome with a C reason, and asks for text with C12', async () => {
    const backend = await createTempBackend();
    backends.push(backend);
    const trainee = await call(backend, 'trainees:create', traineeInput());

    const saved = await call(backend, 'arcp:create', {
      traineeId: trainee.id,
      fields: record({ outcome: '10.2', reasonCodes: ['C8'] }),
    });
    expect(saved.reasonCodes).toEqual(['C8']);

    const c1WithTenTwo = await backend.dispatch('arcp:create', {
      traineeId: trainee.id,
      fields: record({ outcome: '10.2', reasonCodes: ['C1'] }),
    });
    expect(c1WithTenTwo).toMatchObject({
      ok: false,
      error: { fields: { reasonCodes: 'C1 does not go with outcome 10.2' } },
    });

    const c12WithoutText = await backend.dispatch('arcp:create', {
      traineeId: trainee.id,
      fields: record({ outcome: '10.1', reasonCodes: ['C12'] }),
    });
    expect(c12WithoutText).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(c12WithoutText)).toContain('C12');
  });
});

describe('migrating a database that already used the old codes', () => {
  it('corrects untouched labels, keeps edited ones, and keeps a retired code that a record carries', async () => {
    // An app from before 0005: the register holds records with the old U7 ("Other reason") and N12.
    registry.list.splice(0, registry.list.length, ...registry.real.filter(([name]) => name < '0005'));
    const before = await createTempBackend();
    const trainee = await insertTraineeAsFirstSchemaHadIt(before.store.db, '7654321');
    const withU7 = await call(before, 'arcp:create', {
      traineeId: trainee.id,
      fields: record({ outcome: '3', reasonCodes: ['U7'], reasonDetail: 'Old free text' }),
    });
    const withN12 = await call(before, 'arcp:create', {
      traineeId: trainee.id,
      fields: record({ panelDate: '15/01/2025', reviewTo: '31/12/2024', outcome: 'NA', reasonCodes: ['N12'] }),
    });
    await sql`UPDATE arcp_codes SET label = 'Our own wording for U2' WHERE code = 'U2'`.execute(before.store.db);
    await before.close();

    registry.list.splice(0, registry.list.length, ...registry.real);
    const after = await createTempBackend({ dataDir: before.dataDir, key: before.key });
    backends.push(after);
    const codes = await referenceCodes(after);
    const byCode = new Map(codes.map((c) => [c.code, c]));

    expect(byCode.get('U4')!.label).toBe('Trainer absence');
    expect(byCode.get('U7')!.label).toBe('Trainee requires Deanery support');
    expect(byCode.get('U8')).toMatchObject({ label: 'Other reason (please specify)', requiresDetail: true });
    expect(byCode.get('U2')!.label).toBe('Our own wording for U2');
    expect(byCode.get('N12')).toMatchObject({ historic: true, label: 'Trainee dismissed' });
    expect(byCode.has('C12')).toBe(true);

    const arcp = await call(after, 'arcp:forTrainee', { traineeId: trainee.id });
    const records = new Map(arcp.records.map((r) => [r.id, r]));
    expect(records.get(withU7.id)!.reasonCodes).toEqual(['U7']);
    expect(records.get(withN12.id)!.reasonCodes).toEqual(['N12']);

    // The record that carries the retired N12 can still be saved as it is.
    const resaved = await after.dispatch('arcp:update', {
      id: withN12.id,
      fields: record({ panelDate: '15/01/2025', reviewTo: '31/12/2024', outcome: 'NA', reasonCodes: ['N12'] }),
    });
    expect(resaved.ok).toBe(true);
  });

  it('deletes a retired code that no record uses', async () => {
    registry.list.splice(0, registry.list.length, ...registry.real.filter(([name]) => name < '0005'));
    const before = await createTempBackend();
    await before.close();
    registry.list.splice(0, registry.list.length, ...registry.real);
    const after = await createTempBackend({ dataDir: before.dataDir, key: before.key });
    backends.push(after);
    expect((await referenceCodes(after)).some((c) => c.code === 'N12')).toBe(false);
  });
});
