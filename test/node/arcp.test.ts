import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EvidenceTemplate } from '../../src/shared/arcp/arcp-reference';
import { effectiveCounts, evaluateChecklist } from '../../src/shared/arcp/checklist';
import { arcpDeadlines, reviewOverdue } from '../../src/shared/arcp/deadlines';
import { createArcpBatch } from '../../src/main/services/arcp/arcp-batch';
import { createArcpService } from '../../src/main/services/arcp/arcp-service';
import { arcpSources } from '../../src/main/services/arcp/arcp-source-adapters';
import { EventBus } from '../../src/main/event-bus';
import { pdfPages, pdfText } from '../support/read-exports';
import { call, createTempBackend, tempDir, type TempBackend } from '../support/temp-backend';
import { mode, traineeInput } from './helpers';

const NOW = new Date('2026-11-22T10:00:00Z');
const PRIVATE_NOTE = 'PRIVATE: worried about housing, not for the panel';

async function templateFor(backend: TempBackend, grade: string): Promise<EvidenceTemplate> {
  const { templates } = await call(backend, 'arcp:reference', {});
  return templates.find((t) => t.grade === grade && t.specialty === 'GP')!;
}

function recordInput(overrides: Record<string, unknown> = {}) {
  return {
    reviewFrom: '01/12/2025',
    reviewTo: '30/11/2026',
    panelDate: '15/12/2026',
    grade: 'ST3',
    wte: '0.6',
    posts: 1,
    esrInterimDate: '01/06/2026',
    esrFullDate: null,
    outcome: null,
    reasonCodes: [],
    reasonDetail: null,
    evidenceDueDate: null,
    educatorSummary: 'Good progress in consultation skills.',
    templateId: null,
    ...overrides,
  };
}

describe('ARCP rules (pure)', () => {
  it('works out WPBA minimums pro rata for LTFT and per post, and lists gaps including items not recorded', () => {
    const items = [
      { key: 'cot', label: 'COT', minimum: 7, basis: 'year' as const, proRata: true, note: null },
      { key: 'msf', label: 'MSF', minimum: 2, basis: 'year' as const, proRata: false, note: null },
      { key: 'csr', label: 'CSR', minimum: 1, basis: 'post' as const, proRata: false, note: null },
      { key: 'psq', label: 'PSQ', minimum: 0, basis: 'year' as const, proRata: false, note: null },
    ];
    const checklist = evaluateChecklist(items, { cot: 5, csr: 1 }, { wte: 0.6, posts: 2 });
    expect(checklist.rows.map((r) => [r.key, r.required, r.missing])).toEqual([
      ['cot', 5, 0],
      ['msf', 2, 2],
      ['csr', 2, 1],
      ['psq', 0, 0],
    ]);
    expect(checklist.gaps.map((g) => g.key)).toEqual(['msf', 'csr']);
    expect(checklist.rows[0]!.basis).toBe('7 × 0.6 WTE, rounded up');
  });

  it('counts the ESR items from the record’s ESR dates unless counted by hand', () => {
    expect(effectiveCounts({}, { esrInterimDate: '2026-05-01', esrFullDate: null })).toEqual({ esr_interim: 1 });
    expect(effectiveCounts({ esr_full: 0 }, { esrInterimDate: null, esrFullDate: '2026-11-01' })).toEqual({
      esr_full: 0,
    });
  });

  it('dates the full ESR window (no more than 2 months before, visible 2 weeks before) and outcome 5’s two weeks', () => {
    const record = { panelDate: '2026-12-15', esrFullDate: null, outcome: null, evidenceDueDate: null };
    expect(arcpDeadlines(record, '2026-09-20')).toEqual([]);
    expect(arcpDeadlines(record, '2026-10-20')[0]).toMatchObject({
      severity: 'due',
      date: '2026-12-01',
      message: 'Full ESR due by 1 Dec 2026 (42 days left)',
    });
    expect(arcpDeadlines(record, '2026-12-05')[0]).toMatchObject({
      severity: 'overdue',
      message: 'Full ESR overdue: it should have been visible by 1 Dec 2026',
    });
    expect(arcpDeadlines({ ...record, esrFullDate: '2026-09-01' }, '2026-11-01')[0]!.message).toContain(
      'more than 2 months before the panel',
    );
    expect(arcpDeadlines({ ...record, esrFullDate: '2026-12-10' }, '2026-12-10')[0]!.message).toContain(
      'less than 2 weeks before the panel',
    );
    const five = { panelDate: '2026-11-12', esrFullDate: '2026-10-20', outcome: '5', evidenceDueDate: null };
    expect(arcpDeadlines(five, '2026-11-22')[0]).toMatchObject({
      kind: 'outcome5',
      severity: 'due',
      date: '2026-11-26',
    });
    expect(arcpDeadlines(five, '2026-11-27')[0]).toMatchObject({ kind: 'outcome5', severity: 'overdue' });
    expect(
      reviewOverdue(
        { lastOutcomePanelDate: '2025-10-01', programmeStartDate: '2024-08-07', hasPlannedPanel: false },
        '2026-11-22',
      )?.message,
    ).toBe('No ARCP in the last 12 months (last panel 1 Oct 2025)');
    expect(
      reviewOverdue(
        { lastOutcomePanelDate: '2025-10-01', programmeStartDate: '2024-08-07', hasPlannedPanel: true },
        '2026-11-22',
      ),
    ).toBeNull();
  });
});

describe('ARCP records, panels and packs', () => {
  let backend: TempBackend;
  beforeEach(async () => {
    backend = await createTempBackend({ now: () => NOW });
  });
  afterEach(async () => {
    await backend?.close();
  });

  it('keeps outcome and reason codes as reference data and checks them together', async () => {
    const { codes } = await call(backend, 'arcp:reference', {});
    expect(codes.filter((c) => c.kind === 'outcome').map((c) => c.code)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '8',
      '10.1',
      '10.2',
      'NA',
    ]);
    expect(codes.filter((c) => /^U\d+$/.test(c.code))).toHaveLength(10);
    // N1 to N23 as NHS England lists them: there is no N12.
    expect(codes.filter((c) => /^N\d+$/.test(c.code))).toHaveLength(22);

    const trainee = await call(backend, 'trainees:create', traineeInput({ grade: 'ST3' }));
    const record = await call(backend, 'arcp:create', { traineeId: trainee.id, fields: recordInput() });
    const attempt = async (fields: Record<string, unknown>) =>
      backend.dispatch('arcp:update', { id: record.id, fields: recordInput(fields) });

    expect(await attempt({ outcome: '3' })).toMatchObject({
      ok: false,
      error: { fields: { reasonCodes: 'Outcome 3 needs at least one reason code (U1–U10)' } },
    });
    expect(await attempt({ outcome: '2', reasonCodes: ['N1'] })).toMatchObject({
      ok: false,
      error: { fields: { reasonCodes: 'N1 does not go with outcome 2' } },
    });
    expect(await attempt({ outcome: 'NA', reasonCodes: ['N13'] })).toMatchObject({
      ok: false,
      error: { fields: { reasonDetail: 'Describe the reason: N13 asks for detail' } },
    });
    expect(await attempt({ outcome: '7' })).toMatchObject({
      ok: false,
      error: { fields: { outcome: '“7” is not an ARCP outcome code' } },
    });
    const st2 = await templateFor(backend, 'ST2');
    expect(await attempt({ templateId: st2.id })).toMatchObject({
      ok: false,
      error: { fields: { templateId: expect.stringContaining('template is for ST2: choose one for ST3') } },
    });
    expect(await attempt({ reviewTo: '01/11/2025' })).toMatchObject({
      ok: false,
      error: { fields: { 'fields.reviewTo': 'The review period must end after it starts' } },
    });
    // Nothing above changed the record.
    expect((await call(backend, 'arcp:forTrainee', { traineeId: trainee.id })).records[0]!.outcome).toBeNull();

    const five = await call(backend, 'arcp:update', {
      id: record.id,
      fields: recordInput({ outcome: '5' }),
    });
    expect(five.evidenceDueDate).toBe('2026-12-29');
    expect((await call(backend, 'arcp:forTrainee', { traineeId: trainee.id })).deadlines.map((d) => d.kind)).toContain(
      'outcome5',
    );
    // A later panel's outcome (the outcome 5 review) closes the two-week window.
    const review = await call(backend, 'arcp:create', {
      traineeId: trainee.id,
      fields: recordInput({ reviewFrom: '16/12/2026', reviewTo: '10/01/2027', panelDate: '12/01/2027' }),
    });
    expect((await call(backend, 'arcp:forTrainee', { traineeId: trainee.id })).deadlines.map((d) => d.kind)).toContain(
      'outcome5',
    );
    await call(backend, 'arcp:update', {
      id: review.id,
      fields: recordInput({ reviewFrom: '16/12/2026', reviewTo: '10/01/2027', panelDate: '12/01/2027', outcome: '1' }),
    });
    expect(
      (await call(backend, 'arcp:forTrainee', { traineeId: trainee.id })).deadlines.map((d) => d.kind),
    ).not.toContain('outcome5');
    expect((await call(backend, 'arcp:deadlines', { horizonDays: 14 })).map((d) => d.deadline.kind)).not.toContain(
      'outcome5',
    );
    const u5 = await call(backend, 'arcp:update', {
      id: record.id,
      fields: recordInput({ outcome: '3', reasonCodes: ['U5'] }),
    });
    expect(u5).toMatchObject({ outcome: '3', reasonCodes: ['U5'], evidenceDueDate: null });
  });

  it('records evidence counts against the grade’s template and shows the gaps, pro rata for LTFT', async () => {
    const trainee = await call(backend, 'trainees:create', traineeInput({ grade: 'ST3', wte: '0.6' }));
    const record = await call(backend, 'arcp:create', { traineeId: trainee.id, fields: recordInput() });
    const template = await templateFor(backend, 'ST3');
    expect(record.templateId).toBe(template.id);
    const bad = await backend.dispatch('arcp:saveCounts', { id: record.id, counts: { cot_minicex: -1 } });
    expect(bad).toMatchObject({ ok: false, error: { message: 'Counts cannot be negative' } });
    expect(await backend.dispatch('arcp:saveCounts', { id: record.id, counts: { bogus: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });

    await call(backend, 'arcp:saveCounts', { id: record.id, counts: { cot_minicex: 5, cbd_cat: 2, ccr: 22 } });
    const view = await call(backend, 'arcp:forTrainee', { traineeId: trainee.id });
    const rows = view.checklists[record.id]!.checklist.rows;
    // COT 7 × 0.6 → 5 (met), CAT 5 × 0.6 → 3 (1 missing), learning logs 36 × 0.6 → 22 (met).
    expect(rows.find((r) => r.key === 'cot_minicex')).toMatchObject({ required: 5, recorded: 5, missing: 0 });
    expect(rows.find((r) => r.key === 'cbd_cat')).toMatchObject({ required: 3, recorded: 2, missing: 1 });
    expect(rows.find((r) => r.key === 'ccr')).toMatchObject({ required: 22, missing: 0 });
    expect(view.deadlines.map((d) => d.message)).toContain('Full ESR due by 1 Dec 2026 (9 days left)');
  });

  it('deletes a record still awaiting its panel (with undo) and keeps one with an outcome', async () => {
    await call(backend, 'demo:load', { size: 'standard' });
    const [panel] = await call(backend, 'arcp:panels', {});
    const readiness = await call(backend, 'arcp:readiness', { panelId: panel!.id });
    const recordId = readiness.rows[0]!.recordId;
    await call(backend, 'arcp:delete', { id: recordId });
    expect((await call(backend, 'arcp:panels', {}))[0]!.traineeCount).toBe(panel!.traineeCount - 1);
    const restored = await call(backend, 'arcp:restore', { id: recordId });
    expect(restored.panelId).toBe(panel!.id);
    expect((await call(backend, 'arcp:panels', {}))[0]!.traineeCount).toBe(panel!.traineeCount);

    const history = await call(backend, 'arcp:forTrainee', {
      traineeId: readiness.rows.find((r) => r.grade === 'ST3')!.traineeId,
    });
    const past = history.records.find((r) => r.outcome !== null)!;
    expect(await backend.dispatch('arcp:delete', { id: past.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('lets other specialties add an evidence template, with messages for bad items', async () => {
    const refused = await backend.dispatch('arcp:saveTemplate', {
      id: null,
      fields: {
        name: 'Psychiatry CT1',
        specialty: 'Psychiatry',
        grade: 'CT1',
        items: [
          { key: 'a', label: 'WPBA', minimum: 1, basis: 'year' },
          { key: 'a', label: 'Again', minimum: 1, basis: 'year' },
        ],
      },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { fields: { 'fields.items.1.key': 'The key “a” is used twice' } },
    });
    const saved = await call(backend, 'arcp:saveTemplate', {
      id: null,
      fields: {
        name: 'Psychiatry CT1',
        specialty: 'Psychiatry',
        grade: 'CT1',
        items: [{ key: 'ace', label: 'ACE', minimum: 3, basis: 'year', proRata: true }],
      },
    });
    const trainee = await call(
      backend,
      'trainees:create',
      traineeInput({ grade: 'CT1', programme: 'Psychiatry - Core Training' }),
    );
    const record = await call(backend, 'arcp:create', {
      traineeId: trainee.id,
      fields: recordInput({ grade: 'CT1', wte: '1' }),
    });
    expect(record.templateId).toBe(saved.id);
  });

  it('generates a pack with every section, the gaps marked, shared 1:1 summaries and never a private note', async () => {
    const trainee = await call(
      backend,
      'trainees:create',
      traineeInput({ givenName: 'Zoë', familyName: 'O’Brien', grade: 'ST3', wte: '0.8' }),
    );
    const record = await call(backend, 'arcp:create', {
      traineeId: trainee.id,
      fields: recordInput({ wte: '0.8' }),
    });
    await call(backend, 'arcp:saveCounts', { id: record.id, counts: { cot_minicex: 6, msf: 0 } });
    await call(backend, 'meetings:create', {
      traineeId: trainee.id,
      heldOn: '10/06/2026',
      mode: 'video',
      meetingType: 'arcp_prep',
      sharedSummary: 'Reviewed the learning log plan; agreed to book the leadership MSF.',
      privateNotes: PRIVATE_NOTE,
      actions: [{ description: 'Book the leadership MSF', owner: 'trainee', dueOn: '30/06/2026' }],
    });
    const file = await call(backend, 'arcp:pack', { recordId: record.id });
    expect(file.fileName).toBe('arcp-pack-zoe-o-brien-7012345-2026-12-15.pdf');
    const bytes = Buffer.from(file.base64, 'base64');
    const pages = await pdfPages(bytes);
    const text = await pdfText(bytes);
    for (const expected of [
      'ARCP pack',
      'Zoë O’Brien',
      '7012345',
      'ST3',
      '80% (LTFT)',
      '1 Dec 2025 to 30 Nov 2026',
      '15 Dec 2026',
      'Contents',
    ])
      expect(pages[0]).toContain(expected);
    for (const heading of [
      'Review period and panel',
      'Evidence checklist',
      'Exam history',
      'Personalised learning plan goals',
      'Support offered and taken up',
      '1:1 meetings in the review period',
      'Post-fail conversations',
      'Readiness-to-sit discussions',
      'Educator’s summary',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/▶ MSF \(incl\.\s+leadership\s+MSF\)/);
    expect(text).toContain('GAP: 2 missing');
    expect(text).toContain('Reviewed the learning log plan; agreed to book the leadership MSF.');
    expect(text).toContain('Good progress in consultation skills.');
    expect(text).not.toContain('PRIVATE');
    expect(text).not.toContain('housing');
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(pages.every((p) => p.includes('CONFIDENTIAL'))).toBe(true);
  });

  it('creates a panel for the demo cohort, shows readiness with gaps and deadlines, and batch-generates packs', async () => {
    await call(backend, 'demo:load', { size: 'standard' });
    const panels = await call(backend, 'arcp:panels', {});
    expect(panels[0]!.name).toBe('Northtown VTS ARCP panel');
    const deadlines = await call(backend, 'arcp:deadlines', { horizonDays: 14 });
    expect(deadlines.some((d) => d.deadline.kind === 'outcome5' && d.deadline.severity === 'due')).toBe(true);
    expect(deadlines.some((d) => d.deadline.kind === 'esr')).toBe(true);

    const trainees = await call(backend, 'trainees:list', {});
    const cohort = trainees.filter((t) => t.programme === 'GP - Riverside VTS');
    expect(
      await backend.dispatch('arcp:createPanel', {
        name: 'Everyone',
        panelDate: '10/02/2027',
        traineeIds: Array.from({ length: 501 }, (_, i) => `id-${i}`),
      }),
    ).toMatchObject({
      ok: false,
      error: { fields: { traineeIds: 'A panel can review at most 500 trainees: narrow it by programme or grade' } },
    });
    expect(
      await backend.dispatch('arcp:createPanel', {
        name: 'Ghosts',
        panelDate: '10/02/2027',
        traineeIds: ['no-such-trainee'],
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await call(backend, 'arcp:panels', {})).map((p) => p.name)).toEqual(['Northtown VTS ARCP panel']);
    const panel = await call(backend, 'arcp:createPanel', {
      name: 'Riverside spring panel',
      panelDate: '10/02/2027',
      traineeIds: cohort.map((t) => t.id),
    });
    expect(panel.traineeCount).toBe(cohort.length);
    const readiness = await call(backend, 'arcp:readiness', { panelId: panel.id });
    expect(readiness.rows).toHaveLength(cohort.length);
    expect(readiness.unavailable).toEqual([]);
    // A new panel has no counts recorded yet, so every trainee has gaps.
    expect(readiness.rows.every((r) => r.gapCount > 0)).toBe(true);
    expect(readiness.rows[0]!.examPosition).not.toBeNull();

    const folder = tempDir('tpd-arcp-batch-');
    const failing = cohort[1]!;
    const service = createArcpService(backend.store.db, () => NOW, arcpSources());
    const events = new EventBus();
    const progress: number[] = [];
    events.subscribe((name, payload) => name === 'progress' && progress.push((payload as { done: number }).done));
    const batch = createArcpBatch(service, events);
    const { renderReportPdf } = await import('../../src/main/exports/report-pdf');
    const outcome = await batch.run(
      { panelId: panel.id, folder, jobId: 'job-1' },
      {
        render: async (report) => {
          if (report.cover.some(([label, value]) => label === 'GMC number' && value === failing.gmcNumber))
            throw new Error('disk full');
          return renderReportPdf(report);
        },
      },
    );
    expect(outcome.cancelled).toBe(false);
    expect(outcome.failed).toEqual([
      { traineeName: expect.stringContaining(failing.familyName), message: 'The pack could not be generated.' },
    ]);
    expect(outcome.written).toHaveLength(cohort.length - 1);
    expect(progress.at(-1)).toBe(cohort.length);
    const files = fs.readdirSync(outcome.folder);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(cohort.length - 1);
    for (const f of files) expect(mode(path.join(outcome.folder, f))).toBe(0o600);
    const index = Papa.parse<Record<string, string>>(
      fs.readFileSync(path.join(outcome.folder, outcome.indexFile!), 'utf8').replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(index).toHaveLength(cohort.length);
    expect(index.find((r) => r['GMC number'] === failing.gmcNumber)!.Problem).toBe(
      'Not generated: The pack could not be generated.',
    );
    expect(index.filter((r) => Number(r['Evidence gaps']) > 0).length).toBe(cohort.length - 1);

    // A second run never overwrites: it gets a folder of its own.
    const again = await call(backend, 'arcp:batch', { panelId: panel.id, folder, jobId: 'job-2' });
    expect(again.folder).not.toBe(outcome.folder);
    expect(again.written).toHaveLength(cohort.length);
    const onePack = await pdfText(fs.readFileSync(path.join(again.folder, again.written[0]!.fileName)));
    expect(onePack).toContain('Evidence checklist');
    // An ST3's pack lists earlier outcomes.
    const st3 = readiness.rows.find((r) => r.grade === 'ST3')!;
    const st3Pack = await pdfText(
      Buffer.from((await call(backend, 'arcp:pack', { recordId: st3.recordId })).base64, 'base64'),
    );
    expect(st3Pack).toMatch(/Previous ARCPs[\s\S]*(Outcome \d|Not assessed)/);
  });

  it('stops a batch between trainees when cancelled, listing who was not done', async () => {
    await call(backend, 'demo:load', { size: 'standard' });
    const [panel] = await call(backend, 'arcp:panels', {});
    const folder = tempDir('tpd-arcp-cancel-');
    const seen: number[] = [];
    const unsubscribe = backend.events.subscribe((name, payload) => {
      if (name !== 'progress') return;
      seen.push((payload as { done: number }).done);
      if ((payload as { done: number }).done === 2) void backend.dispatch('arcp:cancelBatch', { jobId: 'job-c' });
    });
    const outcome = await call(backend, 'arcp:batch', { panelId: panel!.id, folder, jobId: 'job-c' });
    unsubscribe();
    expect(outcome.cancelled).toBe(true);
    expect(outcome.written.length).toBeGreaterThanOrEqual(2);
    expect(outcome.written.length).toBeLessThan(panel!.traineeCount);
    const index = fs.readFileSync(path.join(outcome.folder, outcome.indexFile!), 'utf8');
    expect(index).toContain('Not generated: cancelled');
  });

  it('refuses a missing or relative folder, and under Electron only writes where the user chose', async () => {
    await call(backend, 'demo:load', { size: 'standard' });
    const [panel] = await call(backend, 'arcp:panels', {});
    expect(
      await backend.dispatch('arcp:batch', { panelId: panel!.id, folder: '/no/such/folder', jobId: 'x' }),
    ).toMatchObject({ ok: false, error: { message: 'That folder does not exist.' } });
    expect(
      await backend.dispatch('arcp:batch', { panelId: panel!.id, folder: 'relative/folder', jobId: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const chosenFolder = tempDir('tpd-arcp-chosen-');
    const service = createArcpService(backend.store.db, () => NOW);
    const batch = createArcpBatch(service, new EventBus(), { choose: async () => chosenFolder });
    expect(batch.target()).toEqual({ canBrowse: true, defaultFolder: null });
    await expect(batch.run({ panelId: panel!.id, folder: chosenFolder, jobId: 'y' })).rejects.toThrow(
      'Choose the folder',
    );
    expect(await batch.chooseFolder()).toEqual({ folder: chosenFolder });
    const outcome = await batch.run({ panelId: panel!.id, folder: chosenFolder, jobId: 'y' });
    expect(outcome.written.length).toBe(panel!.traineeCount);
  });
});
