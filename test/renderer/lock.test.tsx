import { useQuery } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { keyIn, useApi } from '../../src/renderer/src/api';
import { LockGate, LockSettings } from '../../src/renderer/src/features/lock';
import { MeetingsTab } from '../../src/renderer/src/features/meetings/MeetingsTab';
import { PresentingProvider } from '../../src/renderer/src/lib/presenting';
import type { LockStatus } from '../../src/shared/lock';
import type { Meeting } from '../../src/shared/meetings/meeting-types';
import { AppError } from '../../src/shared/result';
import { aTrainee } from './fixtures';
import { renderWithApp } from './render-app';

const status = (overrides: Partial<LockStatus> = {}): LockStatus => ({
  locked: false,
  pinSet: true,
  lockAfterMinutes: 15,
  idleLockMs: 900_000,
  retryInMs: 0,
  ...overrides,
});

/** A data view as the app has them: a query whose answer names a trainee. */
function Register() {
  const api = useApi();
  const list = useQuery({ queryKey: keyIn('trainees', 'list'), queryFn: () => api.trainees.list({}) });
  return <p>{list.data?.map((t) => t.familyName).join(', ') ?? 'Loading…'}</p>;
}

describe('the lock gate', () => {
  it('on main’s word unmounts the app, drops every query’s data, and needs the PIN to come back', async () => {
    let lock = status();
    const tries: string[] = [];
    const app = renderWithApp(
      <LockGate>
        <Register />
      </LockGate>,
      {
        'lock:status': () => lock,
        'trainees:list': () => [aTrainee({ familyName: 'Farouk' })],
        'lock:unlock-pin': ({ pin }) => {
          tries.push(pin);
          if (pin !== '135790')
            throw new AppError('forbidden', 'That PIN is not right. 4 more tries before you have to wait.', {
              pin: 'That PIN is not right. 4 more tries before you have to wait.',
            });
          lock = status();
          return lock;
        },
      },
    );
    expect(await screen.findByText('Farouk')).toBeInTheDocument();

    lock = status({ locked: true });
    act(() => app.emit('lock-changed', { locked: true }));
    expect(await screen.findByRole('heading', { name: 'TPD Companion is locked' })).toBeInTheDocument();
    expect(screen.queryByText('Farouk')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toContain('Farouk');
    await waitFor(() =>
      expect(
        app.queryClient
          .getQueryCache()
          .findAll()
          .map((q) => q.queryKey[0]),
      ).toEqual(['lock']),
    );
    expect(document.title).toBe('Locked — TPD Companion');

    await userEvent.type(screen.getByLabelText('PIN'), '111111');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByText('That PIN is not right. 4 more tries before you have to wait.')).toBeInTheDocument();
    expect(screen.getByLabelText('PIN')).toHaveValue('');

    await userEvent.type(screen.getByLabelText('PIN'), '135790');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    // The app comes back, reading its data afresh.
    expect(await screen.findByText('Farouk')).toBeInTheDocument();
    expect(tries).toEqual(['111111', '135790']);
    expect(document.title).toBe('TPD Companion');
  });

  it('locks on a `locked` answer to any call, and counts down the wait main gives', async () => {
    renderWithApp(
      <LockGate>
        <Register />
      </LockGate>,
      {
        'lock:status': () => status({ locked: true, retryInMs: 60_000 }),
        'trainees:list': () => {
          throw new AppError('locked', 'TPD Companion is locked.');
        },
      },
    );
    expect(await screen.findByRole('heading', { name: 'TPD Companion is locked' })).toBeInTheDocument();
    expect(screen.getByText('The next PIN can be tried in 1 minute.')).toBeInTheDocument();
  });

  it('with no PIN set, opens with the recovery key and then offers to set a PIN', async () => {
    let lock = status({ locked: true, pinSet: false });
    const pins: unknown[] = [];
    renderWithApp(
      <LockGate>
        <Register />
      </LockGate>,
      {
        'lock:status': () => lock,
        'trainees:list': () => [aTrainee({ familyName: 'Okafor' })],
        'lock:unlock-recovery': ({ words }) => {
          if (words.split(' ').length !== 12)
            throw new AppError('invalid_input', 'A recovery key has 12 words; you typed 2.', {
              secret: 'A recovery key has 12 words; you typed 2.',
            });
          lock = status({ pinSet: false });
          return lock;
        },
        'lock:set-pin': (input) => {
          pins.push(input);
          lock = status();
          return lock;
        },
      },
    );
    expect(await screen.findByRole('heading', { name: 'TPD Companion is locked' })).toBeInTheDocument();
    expect(screen.queryByLabelText('PIN')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Recovery key/), 'apple brick');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock with your recovery key' }));
    expect(await screen.findByText('A recovery key has 12 words; you typed 2.')).toBeInTheDocument();

    await userEvent.clear(screen.getByLabelText(/Recovery key/));
    await userEvent.type(screen.getByLabelText(/Recovery key/), Array(12).fill('word').join(' '));
    await userEvent.click(screen.getByRole('button', { name: 'Unlock with your recovery key' }));
    expect(await screen.findByRole('heading', { name: 'An app PIN (optional)' })).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('PIN'), '2468');
    await userEvent.type(screen.getByLabelText('PIN again'), '2468');
    await userEvent.click(screen.getByRole('button', { name: 'Set PIN' }));
    expect(await screen.findByText('A PIN has at least 6 digits')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('PIN'));
    await userEvent.clear(screen.getByLabelText('PIN again'));
    await userEvent.type(screen.getByLabelText('PIN'), '246802');
    await userEvent.type(screen.getByLabelText('PIN again'), '246802');
    await userEvent.click(screen.getByRole('button', { name: 'Set PIN' }));
    expect(await screen.findByText('Okafor')).toBeInTheDocument();
    expect(pins).toEqual([{ pin: '246802', current: null }]);
  });
});

describe('Settings → Lock', () => {
  it('saves the idle period from its choices, and sets a PIN typed twice the same', async () => {
    let lock = status({ pinSet: false });
    const sent: unknown[] = [];
    renderWithApp(<LockSettings />, {
      'lock:status': () => lock,
      'lock:set-idle': ({ minutes }) => {
        sent.push(['idle', minutes]);
        lock = { ...lock, lockAfterMinutes: minutes };
        return lock;
      },
      'lock:set-pin': (input) => {
        sent.push(['pin', input]);
        lock = { ...lock, pinSet: true };
        return lock;
      },
    });
    const after = await screen.findByLabelText(/Lock after no input for/);
    expect([...(after as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      '1 minute',
      '5 minutes',
      '15 minutes (default)',
      '30 minutes',
      '60 minutes',
      'Never',
    ]);
    await userEvent.selectOptions(after, '5 minutes');
    await userEvent.selectOptions(after, 'Never');
    expect(
      await screen.findByText(
        'No PIN is set: the lock screen asks for your recovery key. A PIN of 6 to 12 digits is quicker to type.',
      ),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Set a PIN…' }));
    await userEvent.type(screen.getByLabelText('PIN'), '975310');
    await userEvent.type(screen.getByLabelText('PIN again'), '975311');
    await userEvent.click(screen.getByRole('button', { name: 'Set PIN' }));
    expect(await screen.findByText('The two PINs are not the same')).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText('PIN again'));
    await userEvent.type(screen.getByLabelText('PIN again'), '975310');
    await userEvent.click(screen.getByRole('button', { name: 'Set PIN' }));
    expect(await screen.findByRole('button', { name: 'Change PIN…' })).toBeInTheDocument();
    expect(sent).toEqual([
      ['idle', 5],
      ['idle', null],
      ['pin', { pin: '975310', current: null }],
    ]);
  });

  it('asks for the current PIN (or the recovery key) to change or remove it, with main’s message on that field', async () => {
    const sent: unknown[] = [];
    renderWithApp(<LockSettings />, {
      'lock:status': () => status(),
      'lock:set-pin': () => {
        throw new AppError('forbidden', 'That PIN is not right. 3 more tries before you have to wait.', {
          'current.pin': 'That PIN is not right. 3 more tries before you have to wait.',
        });
      },
      'lock:remove-pin': (input) => {
        sent.push(input);
        return status({ pinSet: false });
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Change PIN…' }));
    await userEvent.type(screen.getByLabelText('Current PIN'), '000000');
    await userEvent.type(screen.getByLabelText('New PIN'), '123987');
    await userEvent.type(screen.getByLabelText('New PIN again'), '123987');
    await userEvent.click(screen.getByRole('button', { name: 'Change PIN' }));
    expect(await screen.findByText('That PIN is not right. 3 more tries before you have to wait.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current PIN')).toHaveAccessibleDescription(
      'That PIN is not right. 3 more tries before you have to wait.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));

    await userEvent.click(screen.getByRole('button', { name: 'Remove PIN…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Forgotten your PIN? Use your recovery key' }));
    await userEvent.type(screen.getByLabelText(/Recovery key/), 'twelve words of the key');
    await userEvent.click(screen.getByRole('button', { name: 'Remove PIN' }));
    await waitFor(() =>
      expect(sent).toEqual([{ current: { kind: 'recovery-key', words: 'twelve words of the key' } }]),
    );
  });
});

describe('presenting', () => {
  const meeting = (traineeId: string): Meeting => ({
    id: 'm1',
    traineeId,
    heldOn: '2026-10-01',
    startTime: null,
    durationMinutes: null,
    mode: 'video',
    meetingType: 'pastoral',
    meetingTypeLabel: 'Pastoral check-in',
    attendees: [],
    sharedSummary: 'Talked about the AKT plan.',
    actions: [],
    nextDueOn: null,
    privateNotes: 'Worried about housing',
    wellbeing: 'struggling',
    wellbeingNote: 'Sleeping badly',
    goalIds: [],
    createdAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-01T10:00:00.000Z',
  });

  it.each([false, true])(
    'shows a 1:1’s private notes and wellbeing only when not presenting (presenting: %s)',
    async (presenting) => {
      const trainee = aTrainee();
      renderWithApp(
        <PresentingProvider initial={presenting}>
          <MeetingsTab trainee={trainee} />
        </PresentingProvider>,
        {
          'meetings:list': () => [meeting(trainee.id)],
          'meetings:history': () => [],
          'meetings:schedule': () => ({
            traineeId: trainee.id,
            cadenceWeeks: 6,
            lastHeldOn: '2026-10-01',
            nextDueOn: '2026-11-12',
            agreed: false,
          }),
        },
        `/trainees/${trainee.id}/meetings/m1`,
      );
      expect((await screen.findAllByText('Talked about the AKT plan.')).length).toBeGreaterThan(0);
      for (const privateText of ['Worried about housing', /Sleeping badly/]) {
        expect(screen.queryAllByText(privateText)).toHaveLength(presenting ? 0 : 1);
      }
    },
  );
});
