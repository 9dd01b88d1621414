import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MeetingsTab } from '../../src/renderer/src/features/meetings/MeetingsTab';
import { shiftDate, ukToday } from '../../src/shared/dates';
import type { Meeting } from '../../src/shared/meetings/meeting-types';
import { aTrainee } from './fixtures';
import { renderWithApp } from './render-app';

const PRIVATE = 'Worried about housing';

function aMeeting(traineeId: string): Meeting {
  return {
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
    actions: [
      {
        id: 'a1',
        meetingId: 'm1',
        description: 'Book the AKT workshop',
        owner: 'trainee',
        dueOn: '2026-10-20',
        doneOn: null,
      },
    ],
    nextDueOn: null,
    privateNotes: PRIVATE,
    wellbeing: null,
    wellbeingNote: null,
    goalIds: [],
    createdAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-01T10:00:00.000Z',
  };
}

function renderTab(email: string | null, nextDueOn: string) {
  const trainee = aTrainee({ givenName: 'Zoë', familyName: 'Smith', email });
  const meeting = aMeeting(trainee.id);
  renderWithApp(
    <MeetingsTab trainee={trainee} />,
    {
      'meetings:list': () => [meeting],
      'meetings:history': () => [],
      'meetings:schedule': () => ({
        traineeId: trainee.id,
        cadenceWeeks: 6,
        lastHeldOn: '2026-10-01',
        nextDueOn,
        agreed: false,
      }),
    },
    `/trainees/${trainee.id}/meetings/m1`,
  );
}

describe('the 1:1 tab', () => {
  it('reads a past-due next 1:1 as overdue, and offers the summary by email to the trainee without the private note', async () => {
    renderTab('zoe.smith@nhs.example', shiftDate(ukToday(), -3));
    const next = await screen.findByRole('region', { name: 'Next 1:1' });
    expect(within(next).getByText('Overdue')).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'Email the summary to Zoë Smith' });
    const href = link.getAttribute('href')!;
    expect(href.startsWith('mailto:zoe.smith@nhs.example?')).toBe(true);
    const body = new URL(href).searchParams.get('body')!;
    expect(body).toContain('Talked about the AKT plan.');
    expect(body).toContain('Book the AKT workshop');
    expect(body).not.toContain(PRIVATE);
  });

  it('reads a future 1:1 as due, and offers no email without an address', async () => {
    renderTab(null, shiftDate(ukToday(), 10));
    const next = await screen.findByRole('region', { name: 'Next 1:1' });
    expect(within(next).queryByText('Overdue')).not.toBeInTheDocument();
    expect(within(next).getByText(/^Due/)).toBeInTheDocument();
    await screen.findByRole('dialog');
    expect(screen.queryByRole('link', { name: /Email the summary/ })).not.toBeInTheDocument();
    expect(screen.getByText(/Add an email address/)).toBeInTheDocument();
  });
});
