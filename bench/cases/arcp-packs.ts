import fs from 'node:fs';
import path from 'node:path';
import type { ArcpPanel, BatchOutcome, PanelReadiness } from '../../src/shared/arcp/arcp-schema';
import type { ExportedFile } from '../../src/shared/exports/report-document';
import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { defineCase } from '../types';
import { BENCH_ROOT, call, disposeBackend, formatBytes, freshBackend, type BenchBackend } from '../support';

interface PanelState {
  backend: BenchBackend;
  panel: ArcpPanel;
  recordId: string;
  folder: string;
}

/** The standard demo set (60 trainees, with their 1:1s, plans, support and exams) and one panel for all of them. */
async function demoPanel(): Promise<PanelState> {
  const backend = await freshBackend();
  await call(backend, 'demo:load', { size: 'standard' });
  const trainees = await call<Trainee[]>(backend, 'trainees:list', { includeArchived: false });
  const panel = await call<ArcpPanel>(backend, 'arcp:createPanel', {
    name: 'Bench panel',
    panelDate: '2027-02-10',
    traineeIds: trainees.map((t) => t.id),
  });
  const readiness = await call<PanelReadiness>(backend, 'arcp:readiness', { panelId: panel.id });
  // The pack with the most to show: meetings, goals and exam attempts all present.
  const recordId =
    readiness.rows.find((r) => r.examPosition !== 'No attempts recorded' && (r.openPlpGoals ?? 0) > 0)?.recordId ??
    readiness.rows[0]!.recordId;
  return { backend, panel, recordId, folder: '' };
}

export const arcpPackCases = [
  defineCase<PanelState>({
    name: 'arcp:pack (one trainee)',
    notes: 'gather shared data, build and render the PDF, through the handler registry; target < 1 s',
    runs: 7,
    warmup: 2,
    setup: demoPanel,
    run: async (state) => {
      const file = await call<ExportedFile>(state.backend, 'arcp:pack', { recordId: state.recordId });
      return formatBytes(Buffer.byteLength(file.base64, 'base64'));
    },
    teardown: (state) => disposeBackend(state.backend),
  }),
  defineCase<PanelState>({
    name: 'arcp:batch (panel of 60)',
    notes: '60 PDFs and the index CSV written to a new folder; target < 30 s',
    runs: 3,
    warmup: 1,
    setup: demoPanel,
    beforeEach: async (state) => {
      state.folder = fs.mkdtempSync(path.join(BENCH_ROOT, 'packs-'));
    },
    run: async (state) => {
      const outcome = await call<BatchOutcome>(state.backend, 'arcp:batch', {
        panelId: state.panel.id,
        folder: state.folder,
        jobId: 'bench',
      });
      const bytes = outcome.written.reduce(
        (sum, w) => sum + fs.statSync(path.join(outcome.folder, w.fileName)).size,
        0,
      );
      return `${outcome.written.length} packs, ${outcome.failed.length} failed, ${formatBytes(bytes)}`;
    },
    afterEach: async (state) => {
      fs.rmSync(state.folder, { recursive: true, force: true });
    },
    teardown: (state) => disposeBackend(state.backend),
  }),
];
