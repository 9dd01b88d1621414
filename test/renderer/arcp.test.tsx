import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ArcpCode, EvidenceTemplate } from '../../src/shared/arcp/arcp-reference';
import type { ArcpPanel, ArcpRecord, BatchOutcome, TraineeArcp } from '../../src/shared/arcp/arcp-schema';
import { AppError } from '../../src/shared/result';
import { commandForKey } from '../../src/renderer/src/app/commands';
import { ArcpTab } from '../../src/renderer/src/features/arcp/ArcpTab';
import { BatchDialog } from '../../src/renderer/src/features/arcp/BatchDialog';
import { aTrainee } from './fixtures';
import { renderWithApp } from './render-app';

const codes: ArcpCode[] = [
  {
    code: '1',
    kind: 'outcome',
    label: 'Satisfactory progress',
    appliesTo: [],
    requiresDetail: false,
    historic: false,
    source: null,
  },
  {
    code: '3',
    kind: 'outcome',
    label: 'Inadequate progress; additional training time required',
    appliesTo: [],
    requiresDetail: false,
    historic: false,
    source: null,
  },
  {
    code: 'U5',
    kind: 'reason',
    label: 'Single exam failure',
    appliesTo: ['2', '3', '4'],
    requiresDetail: false,
    historic: false,
    source: null,
  },
  {
    code: 'U8',
    kind: 'reason',
    label: 'Other reason (please specify)',
    appliesTo: ['2', '3', '4'],
    requiresDetail: true,
    historic: false,
    source: null,
  },
];
const template: EvidenceTemplate = {
  id: 'tpl-st3',
  name: 'GP ST3',
  specialty: 'GP',
  grade: 'ST3',
  updatedAt: '2026-01-01T00:00:00Z',
  items: [
    { key: 'cot_minicex', label: 'COT', minimum: 7, basis: 'year', proRata: true, note: null },
    { key: 'cpr_aed', label: 'CPR/AED competence', minimum: 1, basis: 'year', proRata: false, note: null },
  ],
};
const trainee = aTrainee({ grade: 'ST3', wte: 0.6 });
const record: ArcpRecord = {
  id: 'r1',
  traineeId: trainee.id,
  panelId: null,
  templateId: 'tpl-st3',
  reviewFrom: '2025-12-01',
  reviewTo: '2026-11-30',
  panelDate: '2026-12-15',
  grade: 'ST3',
  wte: 0.6,
  posts: 1,
  esrInterimDate: '2026-06-01',
  esrFullDate: null,
  outcome: null,
  reasonCodes: [],
  reasonDetail: null,
  evidenceDueDate: null,
  educatorSummary: 'Steady progress.',
  counts: { cot_minicex: 2 },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const view: TraineeArcp = {
  records: [record],
  checklists: {},
  deadlines: [
    { kind: 'esr', severity: 'due', date: '2026-12-01', message: 'Full ESR due by 1 Dec 2026 (9 days left)' },
  ],
};

describe('ARCP tab', () => {
  it('shows deadlines and gaps, updates them as counts are typed, and refuses a negative count without saving', async () => {
    const saved: unknown[] = [];
    renderWithApp(<ArcpTab trainee={trainee} />, {
      'arcp:forTrainee': () => view,
      'arcp:reference': () => ({ codes, templates: [template] }),
      'arcp:saveCounts': (input) => {
        saved.push(input.counts);
        return { ...record, counts: input.counts };
      },
    });
    await screen.findByText('Full ESR due by 1 Dec 2026 (9 days left)');
    const checklist = screen.getByRole('table', { name: 'Evidence checklist' });
    // COT: 7 × 0.6 → 5 required, 2 recorded.
    expect(within(checklist).getByRole('row', { name: /COT/ })).toHaveTextContent('▲ 3 missing');
    const cot = within(checklist).getByLabelText('COT seen');
    await userEvent.clear(cot);
    await userEvent.type(cot, '-1');
    await userEvent.click(screen.getByRole('button', { name: 'Save counts' }));
    expect(await screen.findByText('Counts cannot be negative')).toBeInTheDocument();
    expect(saved).toEqual([]);

    await userEvent.clear(cot);
    await userEvent.type(cot, '5');
    await userEvent.click(within(checklist).getByRole('checkbox', { name: /CPR\/AED competence/ }));
    expect(within(checklist).getByRole('row', { name: /COT/ })).toHaveTextContent('Met');
    await userEvent.click(screen.getByRole('button', { name: 'Save counts' }));
    await waitFor(() => expect(saved).toEqual([{ cot_minicex: 5, cpr_aed: 1 }]));
  });

  it('offers only the reason codes that go with the chosen outcome and shows main’s message', async () => {
    renderWithApp(<ArcpTab trainee={trainee} />, {
      'arcp:forTrainee': () => view,
      'arcp:reference': () => ({ codes, templates: [template] }),
      'arcp:update': () => {
        throw new AppError('invalid_input', 'Describe the reason: U8 asks for detail', {
          reasonDetail: 'Describe the reason: U8 asks for detail',
        });
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit record' }));
    const form = screen.getByRole('form', { name: 'Edit ARCP record' });
    expect(within(form).queryByRole('checkbox', { name: /U5/ })).not.toBeInTheDocument();
    await userEvent.selectOptions(within(form).getByLabelText('Outcome', { exact: false }), '3');
    await userEvent.click(within(form).getByRole('checkbox', { name: 'U8: Other reason (please specify)' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Save ARCP record' }));
    expect(await within(form).findAllByText('Describe the reason: U8 asks for detail')).not.toHaveLength(0);
    expect(within(form).getByLabelText('Reason detail', { exact: false })).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('deleting a record', () => {
  it('deletes a record awaiting its panel and offers Undo', async () => {
    const calls: string[] = [];
    renderWithApp(<ArcpTab trainee={trainee} />, {
      'arcp:forTrainee': () => view,
      'arcp:reference': () => ({ codes, templates: [template] }),
      'arcp:delete': (input) => {
        calls.push(`delete ${input.id}`);
        return { id: input.id };
      },
      'arcp:restore': (input) => {
        calls.push(`restore ${input.id}`);
        return record;
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete record' }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    // Radix enables the toast region's pointer events an effect after the toast mounts; a click refused before then did nothing.
    await waitFor(() => userEvent.click(undo));
    await waitFor(() => expect(calls).toEqual(['delete r1', 'restore r1']));
  });
});

describe('batch dialog', () => {
  it('shows progress, sends cancel for its job, then lists what was written and who failed', async () => {
    const panel: ArcpPanel = {
      id: 'p1',
      name: 'Spring panel',
      panelDate: '2027-02-10',
      traineeCount: 3,
      createdAt: '2026-01-01T00:00:00Z',
    };
    let finish: (outcome: BatchOutcome) => void = () => undefined;
    const cancelled: string[] = [];
    let jobId = '';
    const app = renderWithApp(<BatchDialog panel={panel} open onClose={() => undefined} />, {
      'arcp:exportTarget': () => ({ canBrowse: false, defaultFolder: '/home/tpd/ARCP' }),
      'arcp:batch': (input) => {
        jobId = input.jobId;
        return new Promise<BatchOutcome>((resolve) => (finish = resolve));
      },
      'arcp:cancelBatch': (input) => {
        cancelled.push(input.jobId);
        return { cancelled: true };
      },
    });
    const folder = await screen.findByLabelText('Folder for the packs');
    await waitFor(() => expect(folder).toHaveValue('/home/tpd/ARCP'));
    await userEvent.click(screen.getByRole('button', { name: 'Generate 3 packs' }));
    await waitFor(() => expect(jobId).not.toBe(''));
    app.emit('progress', { jobId, phase: 'Generating ARCP packs', done: 1, total: 3 });
    expect(await screen.findByRole('progressbar', { name: 'Generating ARCP packs' })).toHaveAttribute(
      'aria-valuenow',
      '33',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancelled).toEqual([jobId]);
    finish({
      folder: '/home/tpd/ARCP/arcp-packs-spring-panel-2027-02-10',
      indexFile: 'index.csv',
      written: [{ traineeName: 'Ada Ali', fileName: 'a.pdf', gapCount: 2 }],
      failed: [{ traineeName: 'Ben Boateng', message: 'The pack could not be generated.' }],
      cancelled: true,
    });
    expect(await screen.findByText(/1 pack written, 1 failed; cancelled before the rest/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Packs not generated' })).toHaveTextContent(
      'Ben Boateng: The pack could not be generated.',
    );
  });
});

describe('ARCP shortcut', () => {
  it('opens the ARCP page with Ctrl+4, as the View menu does', () => {
    expect(commandForKey({ key: '4', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })).toBe('go-arcp');
  });
});
