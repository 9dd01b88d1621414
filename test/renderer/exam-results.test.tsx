import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AttemptDialog } from '../../src/renderer/src/features/exams/AttemptDialog';
import { ImportResultsDialog } from '../../src/renderer/src/features/exams/ImportResultsDialog';
import { DEFAULT_EXAM_RULES, type ExamDefinition } from '../../src/shared/exams/exam-reference';
import type { ExamAttempt, ResultsImportPreview } from '../../src/shared/exams/exam-types';
import { renderWithApp } from './render-app';

const akt: ExamDefinition = {
  id: 'akt',
  code: 'AKT',
  name: 'Applied Knowledge Test',
  hasScore: true,
  componentKind: 'none',
  components: [],
  earliestGrade: 'ST2',
  historic: false,
  attemptGroup: 'AKT',
  bookingWeeksBefore: null,
  builtIn: true,
  archivedAt: null,
};

describe('AttemptDialog', () => {
  it('asks “Record it anyway” for a Fail at or over its pass mark, and saves only once it is ticked', async () => {
    const user = userEvent.setup();
    const saved = vi.fn(() => ({ id: 'a1' }) as unknown as ExamAttempt);
    renderWithApp(<AttemptDialog traineeId="t1" onClose={() => undefined} />, {
      'exams:setup': () => ({ definitions: [akt], rules: DEFAULT_EXAM_RULES }),
      'exams:saveAttempt': saved,
    });
    await screen.findByRole('option', { name: 'AKT – Applied Knowledge Test' });
    await user.selectOptions(screen.getByLabelText('Exam (required)'), 'akt');
    await user.type(screen.getByLabelText('Sitting date (required)'), '03/04/2024');
    await user.selectOptions(screen.getByLabelText('Result (required)'), 'fail');
    await user.type(screen.getByLabelText('Score'), '150');
    expect(screen.queryByRole('checkbox', { name: 'Record it anyway' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Pass mark/), '137');

    // The question appears as the figures are typed, saying what is wrong.
    expect(screen.getByText('Fail recorded with a score of 150, at or over the pass mark of 137.')).toBeInTheDocument();
    const anyway = screen.getByRole('checkbox', { name: 'Record it anyway' });
    expect(anyway).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Add result' }));
    expect(await screen.findByText(/Tick “Record it anyway” to save this result as it is/)).toBeInTheDocument();
    expect(saved).not.toHaveBeenCalled();

    await user.click(anyway);
    await user.click(screen.getByRole('button', { name: 'Add result' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(saved.mock.calls[0]).toEqual([
      expect.objectContaining({
        fields: expect.objectContaining({ result: 'fail', score: 150, passMark: 137, recordAnyway: true }),
      }),
    ]);
  });

  it('asks nothing when the result agrees with its figures', async () => {
    const user = userEvent.setup();
    const saved = vi.fn(() => ({ id: 'a1' }) as unknown as ExamAttempt);
    renderWithApp(<AttemptDialog traineeId="t1" onClose={() => undefined} />, {
      'exams:setup': () => ({ definitions: [akt], rules: DEFAULT_EXAM_RULES }),
      'exams:saveAttempt': saved,
    });
    await screen.findByRole('option', { name: 'AKT – Applied Knowledge Test' });
    await user.selectOptions(screen.getByLabelText('Exam (required)'), 'akt');
    await user.type(screen.getByLabelText('Sitting date (required)'), '03/04/2024');
    await user.selectOptions(screen.getByLabelText('Result (required)'), 'fail');
    await user.type(screen.getByLabelText('Score'), '120');
    await user.type(screen.getByLabelText(/^Pass mark/), '137');
    expect(screen.queryByRole('checkbox', { name: 'Record it anyway' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add result' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(saved.mock.calls[0]).toEqual([
      expect.objectContaining({ fields: expect.objectContaining({ recordAnyway: false }) }),
    ]);
  });
});

describe('ImportResultsDialog', () => {
  it('lists impossible results under “To check”, counts them, and records one only when ticked', async () => {
    const user = userEvent.setup();
    const preview: ResultsImportPreview = {
      fileName: 'results.csv',
      encoding: 'utf-8',
      headers: ['GMC Number', 'Exam', 'Sitting Date', 'Result', 'Score', 'Pass Mark'],
      missingColumns: [],
      rows: [
        {
          line: 2,
          status: 'create',
          gmcNumber: '7000001',
          traineeName: 'Hannah Farouk',
          exam: 'AKT',
          sittingDate: '2024-04-03',
          result: 'Fail',
          reasons: [],
          flags: ['Fail recorded with a score of 150, at or over the pass mark of 137'],
        },
        {
          line: 3,
          status: 'create',
          gmcNumber: '7000002',
          traineeName: 'Omar Nair',
          exam: 'AKT',
          sittingDate: '2024-04-03',
          result: 'Pass',
          reasons: [],
          flags: [],
        },
      ],
      counts: { create: 2, update: 0, unchanged: 0, error: 0 },
      flagged: 1,
    };
    const commit = vi.fn(() => ({ created: 2, updated: 0, unchanged: 0, rejected: 0, flagged: 1, leftOut: 0 }));
    renderWithApp(<ImportResultsDialog onClose={() => undefined} />, {
      'examImport:preview': () => preview,
      'examImport:commit': commit,
    });
    fireEvent.change(screen.getByLabelText('Results CSV file'), {
      target: { files: [new File(['GMC Number\n'], 'results.csv', { type: 'text/csv' })] },
    });
    const toCheck = await screen.findByRole('table', { name: /To check/ });
    expect(
      within(toCheck).getByText('Fail recorded with a score of 150, at or over the pass mark of 137'),
    ).toBeVisible();
    expect(screen.getByText('to check').closest('.summary-card')).toHaveTextContent('1 to check');
    expect(screen.getByRole('button', { name: 'Import 1 result' })).toBeEnabled();
    await user.click(
      within(toCheck).getByRole('checkbox', {
        name: 'Record line 2 anyway: Fail recorded with a score of 150, at or over the pass mark of 137',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Import 2 results' }));
    await waitFor(() => expect(commit).toHaveBeenCalledWith(expect.objectContaining({ confirmedLines: [2] })));
    expect(await screen.findByText(/1 recorded after checking/)).toBeInTheDocument();
  });
});
