import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/result';
import { ApiError } from '../../src/renderer/src/api';
import { TraineeForm } from '../../src/renderer/src/features/trainees/TraineeForm';
import { aTrainee } from './fixtures';
import { renderWithApp } from './render-app';

async function fillRequired(user: ReturnType<typeof userEvent.setup>, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    const input = screen.getByLabelText(new RegExp(`^${label}`));
    await user.clear(input);
    if (value) await user.type(input, value);
  }
}

describe('TraineeForm', () => {
  it('shows the shared schema’s messages for a bad GMC number, an impossible date and an out-of-range WTE, and does not submit', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    renderWithApp(<TraineeForm programmes={[]} supervisors={[]} onSubmit={onSubmit} onCancel={vi.fn()} />, {});
    await fillRequired(user, {
      'First name': 'Amina',
      Surname: 'Yusuf',
      'GMC number': '12345',
      'Programme or scheme': 'GP - X',
      'Programme start date': '31/02/2025',
      'Whole-time equivalent': '1.4',
    });
    await user.click(screen.getByRole('button', { name: 'Add trainee' }));
    expect(await screen.findByText('GMC number must be exactly 7 digits')).toBeInTheDocument();
    expect(screen.getByText('The programme start date is not a real date (use dd/mm/yyyy)')).toBeInTheDocument();
    expect(screen.getByText(/Whole-time equivalent must be between 0.2 and 1.0/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^GMC number/)).toHaveAttribute('aria-invalid', 'true');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits UK-typed dates as ISO and 80% as 0.8', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderWithApp(<TraineeForm programmes={[]} supervisors={[]} onSubmit={onSubmit} onCancel={vi.fn()} />, {});
    await fillRequired(user, {
      'First name': ' Amina ',
      Surname: 'Yusuf',
      'GMC number': '7123456',
      'Programme or scheme': 'GP - X',
      'Programme start date': '7/8/2024',
      'Whole-time equivalent': '80%',
      Tags: 'LTFT; mentor assigned',
    });
    await user.selectOptions(screen.getByLabelText(/^Training grade/), 'ST2');
    await user.click(screen.getByRole('button', { name: 'Add trainee' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      givenName: 'Amina',
      grade: 'ST2',
      programmeStartDate: '2024-08-07',
      wte: 0.8,
      tags: ['LTFT', 'mentor assigned'],
      expectedCctDate: null,
    });
  });

  it('puts main’s conflict message on the GMC number field', async () => {
    const user = userEvent.setup();
    const message = 'GMC number 7000001 already belongs to Ana Nair';
    const onSubmit = vi
      .fn()
      .mockRejectedValue(new ApiError(new AppError('conflict', message, { gmcNumber: message }).toPayload()));
    renderWithApp(
      <TraineeForm trainee={aTrainee()} programmes={[]} supervisors={[]} onSubmit={onSubmit} onCancel={vi.fn()} />,
      {},
    );
    expect(screen.getByLabelText(/^Programme start date/)).toHaveValue('06/08/2025');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const errors = await screen.findAllByText(message);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    expect(screen.getByLabelText(/^GMC number/)).toHaveAttribute('aria-invalid', 'true');
  });
});
