import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';

import {
  compareRegisterNames,
  registerName,
  TRAINEE_ROW_FIELDS,
  type Trainee,
} from '../../src/shared/trainees/trainee-schema';
import { call, createTempBackend, type TempBackend } from '../support/temp-backend';
import { manualClock, traineeInput } from './helpers';

let backend: TempBackend;
let clock: ReturnType<typeof manualClock>;
beforeEach(async () => {
  clock = manualClock('2025-03-01T09:00:00.000Z');
  backend = await createTempBackend({ now: clock.now });
});
afterEach(async () => {
  await backend.close();
});

const create = (overrides: Parameters<typeof traineeInput>[0] = {}) =>
  call(backend, 'trainees:create', traineeInput(overrides));
const list = (includeArchived = false) => call(backend, 'trainees:list', { includeArchived });
const changeLog = (entityId: string) =>
  backend.store.db
    .selectFrom('change_log')
    .selectAll()
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('action')
    .execute();

describe('creating a trainee', () => {
  it('stores the normalised fields and returns the saved trainee', async () => {
    const t = await create({
      givenName: '  Nadia ',
      familyName: 'Addo',
      grade: 'st2',
      wte: '80%',
      programmeStartDate: '5/08/2025',
      expectedCctDate: '25/02/2029',
      email: '',
      tags: 'LTFT; returner',
    });
    expect(t).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      givenName: 'Nadia',
      familyName: 'Addo',
      preferredName: null,
      pronouns: null,
      gmcNumber: '7012345',
      email: null,
      programme: 'GP - Northtown VTS',
      grade: 'ST2',
      programmeStartDate: '2025-08-05',
      expectedCctDate: '2029-02-25',
      wte: 0.8,
      status: 'in_programme',
      leftTrainingOn: null,
      educationalSupervisor: null,
      currentPost: null,
      tags: ['LTFT', 'returner'],
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
      archivedAt: null,
    });
    expect(await call(backend, 'trainees:get', { id: t.id })).toEqual(t);
  });

  it('stores WTE as a number and grade in capitals in the database itself', async () => {
    const t = await create({ wte: '80%', grade: 'st3' });
    const row = await backend.store.db
      .selectFrom('trainees')
      .select(['wte', 'grade', 'tags'])
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ wte: 0.8, grade: 'ST3', tags: '[]' });
  });

  it('records the creation in the change log', async () => {
    const t = await create();
    expect(await changeLog(t.id)).toEqual([
      {
        id: expect.any(String),
        entity: 'trainee',
        entity_id: t.id,
        action: 'created',
        changes: null,
        at: '2025-03-01T09:00:00.000Z',
      },
    ]);
  });

  it('gives each trainee its own id', async () => {
    const a = await create({ gmcNumber: '7000001' });
    const b = await create({ gmcNumber: '7000002' });
    expect(a.id).not.toBe(b.id);
  });

  it('refuses a GMC number already used by an archived trainee, saying so', async () => {
    const t = await create();
    await call(backend, 'trainees:archive', { id: t.id });
    const result = await backend.dispatch('trainees:create', traineeInput({ givenName: 'New' }));
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        fields: { gmcNumber: 'GMC number 7012345 already belongs to Zebedee Quaresma (archived)' },
      },
    });
  });

  it('names the clash by preferred name when there is one', async () => {
    await create({ givenName: 'Oluwaseun', preferredName: 'Seun', familyName: 'Mensah' });
    const result = await backend.dispatch('trainees:create', traineeInput());
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'GMC number 7012345 already belongs to Seun Mensah' },
    });
  });
});

describe('updating a trainee', () => {
  it('saves the new fields, moves updatedAt on and keeps createdAt', async () => {
    const t = await create();
    clock.advance(60_000);
    const updated = await call(backend, 'trainees:update', {
      id: t.id,
      fields: traineeInput({ currentPost: 'Riverside Surgery', wte: '0.6' }),
    });
    expect(updated).toMatchObject({
      id: t.id,
      currentPost: 'Riverside Surgery',
      wte: 0.6,
      createdAt: t.createdAt,
      updatedAt: '2025-03-01T09:01:00.000Z',
    });
    expect(await call(backend, 'trainees:get', { id: t.id })).toEqual(updated);
  });

  it('records the fields before and after in the change log', async () => {
    const t = await create();
    clock.advance(1000);
    await call(backend, 'trainees:update', { id: t.id, fields: traineeInput({ currentPost: 'Riverside Surgery' }) });
    const entries = await changeLog(t.id);
    expect(entries.map((e) => e.action)).toEqual(['created', 'updated']);
    const changes = JSON.parse(entries[1]!.changes!) as { before: Trainee; after: Trainee };
    expect(changes.before.currentPost).toBeNull();
    expect(changes.after.currentPost).toBe('Riverside Surgery');
  });

  it('records a status change as status_changed', async () => {
    const t = await create();
    clock.advance(1000);
    await call(backend, 'trainees:update', { id: t.id, fields: traineeInput({ status: 'parental_leave' }) });
    const entries = await changeLog(t.id);
    expect(entries.map((e) => e.action)).toEqual(['created', 'status_changed']);
    const changes = JSON.parse(entries[1]!.changes!) as { before: Trainee; after: Trainee };
    expect([changes.before.status, changes.after.status]).toEqual(['in_programme', 'parental_leave']);
  });

  it('allows keeping the same GMC number but refuses another trainee’s', async () => {
    const a = await create({ gmcNumber: '7000001', familyName: 'Alpha' });
    const b = await create({ gmcNumber: '7000002', familyName: 'Beta' });
    expect(
      (
        await backend.dispatch('trainees:update', {
          id: a.id,
          fields: traineeInput({ gmcNumber: '7000001', familyName: 'Alpha' }),
        })
      ).ok,
    ).toBe(true);

    const clash = await backend.dispatch('trainees:update', {
      id: b.id,
      fields: traineeInput({ gmcNumber: '7000001', familyName: 'Beta' }),
    });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { gmcNumber: expect.stringContaining('Zebedee Alpha') } },
    });
    expect((await call(backend, 'trainees:get', { id: b.id })).gmcNumber).toBe('7000002');
    expect((await changeLog(b.id)).map((e) => e.action)).toEqual(['created']);
  });

  it('answers not_found for an unknown id and writes nothing', async () => {
    const result = await backend.dispatch('trainees:update', { id: 'missing', fields: traineeInput() });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await list(true)).toEqual([]);
  });
});

describe('archiving and restoring', () => {
  it('hides an archived trainee from the list unless archived ones are asked for, and restores them', async () => {
    const keep = await create({ gmcNumber: '7000001', familyName: 'Keep' });
    const gone = await create({ gmcNumber: '7000002', familyName: 'Gone' });
    clock.advance(5000);

    const archived = await call(backend, 'trainees:archive', { id: gone.id });
    expect(archived.archivedAt).toBe('2025-03-01T09:00:05.000Z');
    expect(archived.updatedAt).toBe('2025-03-01T09:00:05.000Z');

    expect((await list()).map((t) => t.id)).toEqual([keep.id]);
    expect((await call(backend, 'trainees:list', undefined)).map((t) => t.id)).toEqual([keep.id]);
    expect((await list(true)).map((t) => t.id).sort()).toEqual([keep.id, gone.id].sort());
    expect((await call(backend, 'trainees:get', { id: gone.id })).archivedAt).toBe('2025-03-01T09:00:05.000Z');
    expect((await call(backend, 'app:info', {})).traineeCount).toBe(1);

    clock.advance(5000);
    const restored = await call(backend, 'trainees:restore', { id: gone.id });
    expect(restored.archivedAt).toBeNull();
    expect((await list()).map((t) => t.id).sort()).toEqual([keep.id, gone.id].sort());
    expect((await call(backend, 'app:info', {})).traineeCount).toBe(2);

    expect((await changeLog(gone.id)).map((e) => e.action)).toEqual(['created', 'archived', 'restored']);
  });

  it('answers not_found when archiving an unknown id', async () => {
    expect(await backend.dispatch('trainees:archive', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await backend.dispatch('trainees:restore', { id: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});

describe('listing', () => {
  it('sorts by surname, then first name', async () => {
    await create({ gmcNumber: '7000001', givenName: 'Zara', familyName: 'Begum' });
    await create({ gmcNumber: '7000002', givenName: 'Ada', familyName: 'Okafor' });
    await create({ gmcNumber: '7000003', givenName: 'Amara', familyName: 'Begum' });
    const names = (await list()).map((t) => `${t.givenName} ${t.familyName}`);
    expect(names).toEqual(['Amara Begum', 'Zara Begum', 'Ada Okafor']);
  });

  it('round-trips optional fields and tags', async () => {
    const t = await create({
      preferredName: 'Zeb',
      pronouns: 'he/him',
      email: 'zeb@nhs.example',
      educationalSupervisor: 'Dr Ruth Okonjo',
      currentPost: 'A&E, Northtown General',
      tags: ['mentor assigned', 'LTFT', 'LTFT'],
    });
    expect(await call(backend, 'trainees:get', { id: t.id })).toEqual(t);
    expect(t).toMatchObject({
      preferredName: 'Zeb',
      pronouns: 'he/him',
      email: 'zeb@nhs.example',
      tags: ['mentor assigned', 'LTFT'],
    });
  });

  it('sends the first page in the order the register’s table shows names, not the database’s', async () => {
    await create({ gmcNumber: '7000001', givenName: 'Zara', preferredName: 'Ada', familyName: 'Begum' });
    await create({ gmcNumber: '7000002', givenName: 'Amara', familyName: 'Begum' });
    await create({ gmcNumber: '7000003', givenName: 'Tom', familyName: 'Dean' });
    await create({ gmcNumber: '7000004', givenName: 'Rui', familyName: 'de Souza' });
    await create({ gmcNumber: '7000005', givenName: 'Kim', familyName: 'Lee Anne' });
    await create({ gmcNumber: '7000006', givenName: 'Zoe', familyName: 'Lee' });
    const archived = await create({ gmcNumber: '7000007', givenName: 'Archie', familyName: 'Abbot' });
    await call(backend, 'trainees:archive', { id: archived.id });
    const first = (count: number, includeArchived = false) =>
      call(backend, 'trainees:list-first', { includeArchived, count });

    expect((await first(4)).map(registerName)).toEqual(['Begum, Ada', 'Begum, Amara', 'de Souza, Rui', 'Dean, Tom']);
    expect((await first(100)).map(registerName)).toEqual([
      'Begum, Ada',
      'Begum, Amara',
      'de Souza, Rui',
      'Dean, Tom',
      'Lee Anne, Kim',
      'Lee, Zoe',
    ]);
    expect((await first(1, true)).map(registerName)).toEqual(['Abbot, Archie']);
    // The same rows as the whole list sends, and the whole list sorted as the table sorts it.
    const all = await list();
    expect(await first(100)).toEqual([...all].sort((a, b) => compareRegisterNames(registerName(a), registerName(b))));
  });

  it('sends the register in pages that join up to the whole list, same names in the same order', async () => {
    for (const [i, [givenName, familyName]] of [
      ['Ada', 'Begum'],
      ['Ada', 'Begum'],
      ['Tom', 'Dean'],
      ['Ada', 'Begum'],
      ['Kim', 'Lee'],
      ['Tom', 'Dean'],
      ['Zoe', 'Abbot'],
    ].entries())
      await create({ gmcNumber: `700001${i}`, givenName, familyName });
    const all = await list();
    const pages = [];
    for (let offset = 0; offset < all.length + 3; offset += 3)
      pages.push(...(await call(backend, 'trainees:list', { includeArchived: false, offset, limit: 3 })));
    expect(pages).toEqual(all);
    expect(all).toHaveLength(7);
  });

  it('sends only what the register can show; the whole record comes with trainees:get', async () => {
    const t = await create({
      preferredName: 'Zeb',
      pronouns: 'he/him',
      email: 'zeb@nhs.example',
      educationalSupervisor: 'Dr Ruth Okonjo',
      currentPost: 'A&E, Northtown General',
      expectedCctDate: '2029-02-25',
      tags: ['mentor assigned', 'LTFT'],
    });
    const [listed] = await list();
    const { pronouns, leftTrainingOn, createdAt, updatedAt, ...shown } = t;
    expect({ pronouns, leftTrainingOn, createdAt, updatedAt }).toEqual({
      pronouns: 'he/him',
      leftTrainingOn: null,
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: '2025-03-01T09:00:00.000Z',
    });
    expect(listed).toEqual(shown);
    expect(Object.keys(listed!).sort()).toEqual([...TRAINEE_ROW_FIELDS].sort());
  });
});

describe('a stored record the app cannot read', () => {
  /** A row written past the database's own checks, as a crafted handover could before migration 0016. */
  async function breakRecord(id: string) {
    await sql`PRAGMA ignore_check_constraints = ON`.execute(backend.store.db);
    await sql`UPDATE trainees SET tags = 'not-json', status = 'bogus' WHERE id = ${id}`.execute(backend.store.db);
    await sql`PRAGMA ignore_check_constraints = OFF`.execute(backend.store.db);
  }

  it('is listed beside the rest and named, opens, and is refused archiving until edited, never internal', async () => {
    const good = await create({ familyName: 'Addo', gmcNumber: '7000001' });
    const broken = await create({ familyName: 'Farouk', givenName: 'Hannah', gmcNumber: '7000002' });
    await breakRecord(broken.id);

    const rows = await list();
    expect(rows.map((r) => r.familyName)).toEqual(['Addo', 'Farouk']);
    expect(rows.find((r) => r.id === good.id)!.unreadable).toBeUndefined();
    expect(rows.find((r) => r.id === broken.id)).toMatchObject({
      tags: [],
      unreadable: ['tags are not a list', 'status “bogus” is not one the app knows'],
    });
    const [first] = await call(backend, 'trainees:list-first', { includeArchived: false, count: 10 });
    expect(first!.familyName).toBe('Addo');

    const opened = await call(backend, 'trainees:get', { id: broken.id });
    expect(opened.unreadable).toEqual(['tags are not a list', 'status “bogus” is not one the app knows']);

    const archived = await backend.dispatch('trainees:archive', { id: broken.id });
    expect(archived).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Hannah Farouk’s record holds') },
    });

    // Editing puts it right; then it archives like any other.
    const { id: _id, createdAt: _c, updatedAt: _u, archivedAt: _a, unreadable: _r, ...fields } = opened;
    await call(backend, 'trainees:update', { id: broken.id, fields: { ...fields, status: 'in_programme' } });
    expect((await call(backend, 'trainees:get', { id: broken.id })).unreadable).toBeUndefined();
    await call(backend, 'trainees:archive', { id: broken.id });
    expect((await list()).map((r) => r.familyName)).toEqual(['Addo']);
  });
});
