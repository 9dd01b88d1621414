import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ExamsTab } from '../../src/renderer/src/features/exams';
import { afterTrainingAttempt } from '../../src/shared/exams/after-training';
import { DEFAULT_EXAM_RULES } from '../../src/shared/exams/exam-reference';
import { extensionUse, type ExtensionPeriod } from '../../src/shared/exams/extensions';
import { AppError } from '../../src/shared/result';
import { aTrainee } from './fixtures';
import { renderWithApp } from './render-app';

const trainee = aTrainee({ status: 'left', leftTrainingOn: '2026-03-14', programmeStartDate: '2023-08-02' });
const period: ExtensionPeriod = {
  id: 'x1',
  traineeId: trainee.id,
  kind: 'standard',
  startsOn: '2025-08-14',
  endsOn: '2026-03-13',
  reason: 'Time to re-sit the AKT',
  lengthText: '7 months',
  createdAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
};
const afterTraining = afterTrainingAttempt({
  status: 'left',
  leftTrainingOn: '2026-03-14',
  rule: DEFAULT_EXAM_RULES.attemptLimits[1]!,
  attempts: [],
  today: '2026-06-01',
});

describe('extension time and the after-training attempt on the Exams tab', () => {
  it('shows time used and the attempt left, and shows main’s refusal on the field without closing the form', async () => {
    const saved: unknown[] = [];
    renderWithApp(<ExamsTab trainee={trainee} />, {
      'exams:forTrainee': () => ({
        attempts: [],
        summaries: [],
        readiness: [],
        postFail: [],
        extensions: [period],
        extensionUse: extensionUse([period]),
        afterTraining,
      }),
      'exams:setup': () => ({ definitions: [], rules: DEFAULT_EXAM_RULES }),
      'exams:saveExtension': (input) => {
        saved.push(input);
        const message = 'That makes 12 months 1 day of standard extension, 1 day more than the 12 months allowed';
        throw new AppError('invalid_input', message, { endsOn: message });
      },
    });

    const section = await screen.findByRole('region', { name: 'Extensions and time after training' });
    expect(within(section).getByText('Extension used: 7 months of 12; 0 of 6 exceptional')).toBeInTheDocument();
    expect(
      within(section).getByText('After training: one attempt left at AKT or SCA until 14 Mar 2027'),
    ).toBeInTheDocument();
    const row = within(within(section).getByRole('table', { name: 'Extension periods' })).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Standard14 Aug 202513 Mar 20267 monthsTime to re-sit the AKT');

    await userEvent.click(within(section).getByRole('button', { name: 'Add extension period' }));
    const form = screen.getByRole('form', { name: 'Extension period' });
    await userEvent.type(within(form).getByLabelText('First day', { exact: false }), '14/03/2026');
    await userEvent.type(within(form).getByLabelText('Last day', { exact: false }), '14/08/2026');
    await userEvent.type(within(form).getByLabelText('Reason', { exact: false }), 'Further re-sit');
    await userEvent.click(within(form).getByRole('button', { name: 'Save extension period' }));
    expect(await within(form).findAllByText(/1 day more than the 12 months allowed/)).not.toHaveLength(0);
    expect(within(form).getByLabelText('Last day', { exact: false })).toHaveAttribute('aria-invalid', 'true');
    expect(saved).toEqual([
      {
        traineeId: trainee.id,
        fields: { kind: 'standard', startsOn: '2026-03-14', endsOn: '2026-08-14', reason: 'Further re-sit' },
      },
    ]);
  });

  it('refuses an end before the start in the form, before anything is sent', async () => {
    const saved: unknown[] = [];
    renderWithApp(<ExamsTab trainee={trainee} />, {
      'exams:forTrainee': () => ({
        attempts: [],
        summaries: [],
        readiness: [],
        postFail: [],
        extensions: [],
        extensionUse: extensionUse([]),
        afterTraining: null,
      }),
      'exams:setup': () => ({ definitions: [], rules: DEFAULT_EXAM_RULES }),
      'exams:saveExtension': (input) => {
        saved.push(input);
        return { ...period, id: 'x2' };
      },
    });
    expect(await screen.findByText('Extension used: 0 months of 12; 0 of 6 exceptional')).toBeInTheDocument();
    expect(screen.getByText('No extension periods recorded.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Add extension period' }));
    const form = screen.getByRole('form', { name: 'Extension period' });
    await userEvent.type(within(form).getByLabelText('First day', { exact: false }), '01/03/2026');
    await userEvent.type(within(form).getByLabelText('Last day', { exact: false }), '28/02/2026');
    await userEvent.type(within(form).getByLabelText('Reason', { exact: false }), 'Re-sit');
    await userEvent.click(within(form).getByRole('button', { name: 'Save extension period' }));
    expect(await within(form).findByText('The end date must be on or after the start date')).toBeInTheDocument();
    await waitFor(() => expect(saved).toEqual([]));
  });
});
