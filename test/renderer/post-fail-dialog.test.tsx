import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PostFailDialog } from '../../src/renderer/src/features/exams/PostFailDialog';
import { DEFAULT_EXAM_RULES } from '../../src/shared/exams/exam-reference';
import type { PostFailRecord } from '../../src/shared/exams/exam-types';
import { aFailedAttempt, aPostFailDraft, aTrainee, settings } from './fixtures';
import { renderWithApp } from './render-app';

const trainee = aTrainee({ givenName: 'Tariq', familyName: 'Smith', gmcNumber: '7455482', grade: 'ST3' });

const attempt = aFailedAttempt(trainee.id);
const draft = aPostFailDraft(attempt);

describe('PostFailDialog', () => {
  it('pre-fills the weakest domain and the tier’s support, keeps the private note apart, and sends what was chosen', async () => {
    const user = userEvent.setup();
    const saved = vi.fn((input: unknown) => ({ id: 'p1', ...(input as object) }) as unknown as PostFailRecord);
    const onSaved = vi.fn();
    renderWithApp(<PostFailDialog trainee={trainee} attempt={attempt} onClose={() => undefined} onSaved={onSaved} />, {
      'exams:postFailDraft': () => draft,
      'settings:get': () => settings({ userName: 'Dr Helen Carter' }),
      'exams:setup': () => ({ definitions: [], rules: DEFAULT_EXAM_RULES }),
      'exams:savePostFail': saved,
    });

    const weakest = await screen.findAllByRole('checkbox', { name: 'Weakest area' });
    expect(weakest.map((c) => (c as HTMLInputElement).checked)).toEqual([false, true, false]);
    expect(screen.getByLabelText('Participants (required)')).toHaveValue('Dr Helen Carter, Tariq Smith');
    expect(screen.getByLabelText('Private note (never exported or shared)').closest('.private-note')).not.toBeNull();

    await user.click(screen.getByLabelText('Workload or rota'));
    await user.type(screen.getByLabelText('Notes on workload or rota'), 'Nights before the sitting');
    await user.click(
      screen.getByRole('checkbox', { name: 'Trainee accepted: Invitation to the regional exam preparation course' }),
    );
    await user.type(screen.getByLabelText('Target sitting date'), '10/03/2027');
    expect(screen.getByText('Book by about 20 Jan 2027')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Agreed actions'), 'Book the mock{enter}Record two consultations');
    await user.click(screen.getByRole('button', { name: 'Save conversation' }));

    await waitFor(() => expect(saved).toHaveBeenCalled());
    const { attemptId, fields } = saved.mock.calls[0]![0] as { attemptId: string; fields: Record<string, unknown> };
    expect(attemptId).toBe('a1');
    expect(fields).toMatchObject({
      supportTier: 1,
      supportOffered: [{ label: 'Invitation to the regional exam preparation course', accepted: true }],
      contributingFactors: [{ factor: 'workload', note: 'Nights before the sitting' }],
      resitTargetDate: '2027-03-10',
      agreedActions: ['Book the mock', 'Record two consultations'],
      privateNote: null,
    });
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
  });

  it('shows the message for a missing participant list and saves nothing', async () => {
    const user = userEvent.setup();
    const saved = vi.fn();
    renderWithApp(
      <PostFailDialog trainee={trainee} attempt={attempt} onClose={() => undefined} onSaved={() => undefined} />,
      {
        'exams:postFailDraft': () => draft,
        'settings:get': () => settings(),
        'exams:setup': () => ({ definitions: [], rules: DEFAULT_EXAM_RULES }),
        'exams:savePostFail': saved,
      },
    );
    const participants = await screen.findByLabelText('Participants (required)');
    await user.clear(participants);
    await user.click(screen.getByRole('button', { name: 'Save conversation' }));
    expect(await screen.findByText('Enter who took part')).toBeInTheDocument();
    expect(participants).toHaveAttribute('aria-invalid', 'true');
    expect(saved).not.toHaveBeenCalled();
  });
});
