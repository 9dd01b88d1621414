import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../src/shared/contract';
import { describeTrainees, ERASED_TRAINEE, type ExportKind, type ExportLogEntry } from '../../src/shared/export-log';
import { ukToday } from '../../src/shared/dates';
import { displayName } from '../../src/shared/trainees';
import { forgetTraineeInExportLog } from '../../src/main/services/export-log';
import { call, callRaw, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';

let backend: TempBackend;
let folder: string;
const ids = {} as {
  traineeId: string;
  postFailId: string;
  postFailTrainee: string;
  readinessId: string;
  readinessTrainee: string;
  arcpRecordId: string;
  arcpTrainee: string;
  panelId: string;
  panelTrainees: string[];
};

const list = () => call(backend, 'exportLog:list');

/** Runs `run` and returns the entries it added to the log. */
async function added(run: () => Promise<unknown>): Promise<ExportLogEntry[]> {
  const before = new Set((await list()).map((e) => e.id));
  await run();
  return (await list()).filter((e) => !before.has(e.id));
}

beforeAll(async () => {
  folder = tempDir('tpd-export-log-');
  backend = await createTempBackend({ backupFolder: folder });
  await call(backend, 'demo:load', { size: 'standard' });
  const db = backend.store.db;
  const trainee = await db.selectFrom('trainees').select('id').orderBy('gmc_number').executeTakeFirstOrThrow();
  const postFail = await db.selectFrom('exam_post_fail').select(['id', 'trainee_id']).executeTakeFirstOrThrow();
  const readiness = await db.selectFrom('exam_readiness').select(['id', 'trainee_id']).executeTakeFirstOrThrow();
  const record = await db.selectFrom('arcp_records').select(['id', 'trainee_id']).executeTakeFirstOrThrow();
  const panel = await db
    .selectFrom('arcp_panels')
    .innerJoin('arcp_records', 'arcp_records.panel_id', 'arcp_panels.id')
    .select('arcp_panels.id')
    .executeTakeFirstOrThrow();
  const members = await db.selectFrom('arcp_records').select('trainee_id').where('panel_id', '=', panel.id).execute();
  Object.assign(ids, {
    traineeId: trainee.id,
    postFailId: postFail.id,
    postFailTrainee: postFail.trainee_id,
    readinessId: readiness.id,
    readinessTrainee: readiness.trainee_id,
    arcpRecordId: record.id,
    arcpTrainee: record.trainee_id,
    panelId: panel.id,
    panelTrainees: [...new Set(members.map((m) => m.trainee_id))].sort(),
  });
}, 120_000);

afterAll(async () => {
  await backend.close();
});

describe('the export log', () => {
  const mainSide: Array<{
    channel: ChannelName;
    input: () => unknown;
    kind: ExportKind;
    trainees: () => string[];
    destination?: () => string;
  }> = [
    {
      channel: 'plp:exportPdf',
      input: () => ({ traineeId: ids.traineeId }),
      kind: 'pdf',
      trainees: () => [ids.traineeId],
    },
    {
      channel: 'meetings:calendar',
      input: () => ({ traineeId: ids.traineeId }),
      kind: 'ics',
      trainees: () => [ids.traineeId],
    },
    {
      channel: 'exams:postFailFile',
      input: () => ({ id: ids.postFailId, format: 'pdf' }),
      kind: 'pdf',
      trainees: () => [ids.postFailTrainee],
    },
    {
      channel: 'exams:readinessFile',
      input: () => ({ id: ids.readinessId, format: 'docx' }),
      kind: 'docx',
      trainees: () => [ids.readinessTrainee],
    },
    {
      channel: 'arcp:pack',
      input: () => ({ recordId: ids.arcpRecordId }),
      kind: 'arcp_pack',
      trainees: () => [ids.arcpTrainee],
    },
    {
      channel: 'arcp:batch',
      input: () => ({ panelId: ids.panelId, folder, jobId: 'log-batch' }),
      kind: 'arcp_batch',
      trainees: () => ids.panelTrainees,
      destination: () => folder,
    },
    { channel: 'backups:run-now', input: () => ({}), kind: 'backup', trainees: () => [], destination: () => folder },
    {
      channel: 'backups:run-now-download',
      input: () => ({}),
      kind: 'backup',
      trainees: () => [],
      destination: () => folder,
    },
    {
      channel: 'insights:exportReturn',
      input: () => ({ kind: 'da-lead' }),
      kind: 'insights_return',
      trainees: () => [],
    },
    {
      channel: 'subjectAccess:pdf',
      input: () => ({ traineeId: ids.traineeId }),
      kind: 'subject_access',
      trainees: () => [ids.traineeId],
    },
    {
      channel: 'subjectAccess:zip',
      input: () => ({ traineeId: ids.traineeId }),
      kind: 'subject_access',
      trainees: () => [ids.traineeId],
    },
  ];

  for (const { channel, input, kind, trainees, destination } of mainSide) {
    it(`records ${channel} once, as ${kind}, with the trainees it was about`, async () => {
      const entries = await added(() => callRaw(backend, channel, input()));
      expect(entries).toHaveLength(1);
      const [entry] = entries;
      expect(entry!.kind).toBe(kind);
      expect(entry!.trainees.map((t) => t.traineeId).sort()).toEqual([...trainees()].sort());
      expect(entry!.description.length).toBeGreaterThan(0);
      if (destination) expect(entry!.destination, 'the folder written to').toContain(destination());
      else expect(entry!.destination).toBeNull();
    }, 60_000);
  }

  it('records a renderer-made export and names the trainee from the register', async () => {
    const entries = await added(() =>
      call(backend, 'exportLog:record', { kind: 'copy', traineeIds: [ids.traineeId], description: 'PLP section copy' }),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'copy', description: 'PLP section copy', destination: null });
    const shown = displayName(await call(backend, 'trainees:get', { id: ids.traineeId }));
    expect(entries[0]!.trainees).toEqual([{ traineeId: ids.traineeId, name: shown }]);
  });

  it('refuses a kind the renderer may not record, and an unknown one, and records nothing', async () => {
    const before = (await list()).length;
    for (const kind of ['backup', 'subject_access', 'leaflet']) {
      const result = await backend.dispatch('exportLog:record', { kind, traineeIds: [], description: 'Something' });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.fields?.kind).toBe('Not a kind of export the app can record from here');
      }
    }
    expect((await list()).length).toBe(before);
  });

  it('lists the newest first', async () => {
    const entries = await list();
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('exports itself as CSV with no private-note text, and logs that export', async () => {
    const privateNote = 'Confided about a family illness (export-log test)';
    await call(backend, 'meetings:create', {
      traineeId: ids.traineeId,
      heldOn: ukToday(),
      mode: 'video',
      meetingType: 'pastoral',
      sharedSummary: 'Talked about the rota.',
      privateNotes: privateNote,
      goalIds: [],
      actions: [],
    });
    await call(backend, 'plp:exportPdf', { traineeId: ids.traineeId });
    await call(backend, 'meetings:calendar', { traineeId: ids.traineeId });
    let file: { base64: string; fileName: string } | undefined;
    const entries = await added(async () => (file = await call(backend, 'exportLog:csv')));
    const csv = Buffer.from(file!.base64, 'base64').toString('utf8');
    expect(file!.fileName).toMatch(/^export-log-\d{4}-\d\d-\d\d\.csv$/);
    expect(csv).toContain('When,Kind,Trainees,Description,Destination');
    expect(csv).toContain('PLP PDF');
    expect(csv).toContain('Downloads / not known');
    expect(csv).not.toContain(privateNote);
    expect(csv).not.toContain('family illness');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: 'csv', description: 'Export log CSV' });
  });

  it('reads "an erased trainee" once the trainee is forgotten, keeping the entry and the count', async () => {
    const db = backend.store.db;
    const trainee = await db
      .selectFrom('trainees')
      .select(['id', 'family_name'])
      .where('id', 'not in', [ids.traineeId, ...ids.panelTrainees])
      .executeTakeFirstOrThrow();
    await call(backend, 'exportLog:record', {
      kind: 'csv',
      traineeIds: [trainee.id, ids.traineeId],
      description: 'Trainee register CSV',
    });
    const [entry] = await list();
    expect(entry!.trainees.map((t) => t.traineeId)).toContain(trainee.id);

    expect(await forgetTraineeInExportLog(db, trainee.id)).toBeGreaterThan(0);
    const after = (await list()).find((e) => e.id === entry!.id)!;
    expect(after.trainees).toHaveLength(2);
    expect(after.trainees).toContainEqual({ traineeId: null, name: ERASED_TRAINEE });
    expect(after.trainees.some((t) => t.traineeId === ids.traineeId)).toBe(true);
    const csv = Buffer.from((await call(backend, 'exportLog:csv')).base64, 'base64').toString('utf8');
    const line = csv.split('\r\n').find((l) => l.includes('Trainee register CSV'))!;
    expect(line).toContain(ERASED_TRAINEE);
    expect(line).not.toContain(trainee.family_name);
  });
});

describe('describing an entry’s trainees', () => {
  const named = (n: number) => Array.from({ length: n }, (_, i) => ({ traineeId: `t${i}`, name: `Trainee ${i}` }));

  it('names each trainee, counts the erased, and shortens a long list for a table cell', () => {
    expect(describeTrainees([])).toBe('—');
    expect(describeTrainees([...named(2), { traineeId: null, name: ERASED_TRAINEE }])).toBe(
      `Trainee 0, Trainee 1, ${ERASED_TRAINEE}`,
    );
    expect(
      describeTrainees([
        { traineeId: null, name: ERASED_TRAINEE },
        { traineeId: null, name: ERASED_TRAINEE },
      ]),
    ).toBe('2 erased trainees');
    expect(describeTrainees(named(1000), 3)).toBe('Trainee 0, Trainee 1, Trainee 2 and 997 more');
    expect(describeTrainees(named(1000))).toContain('Trainee 999');
  });
});
