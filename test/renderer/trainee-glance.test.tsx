import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TraineeGlance } from '../../src/renderer/src/app/TraineeGlance';
import { shiftDate, ukToday } from '../../src/shared/dates';
import type { Meeting } from '../../src/shared/meetings/meeting-types';
import { NO_EXAM_TIME, aTrainee } from './fixtures';
import { renderWithApp } from './render-app';

const PRIVATE = 'Worried about housing';
const today = ukToday();

function aMeeting(traineeId: string): Meeting {
  return {
    id: 'm1',
    traineeId,
    heldOn: shiftDate(today, -60),
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
        dueOn: shiftDate(today, 5),
        doneOn: null,
      },
    ],
    nextDueOn: null,
    privateNotes: PRIVATE,
    wellbeing: 'struggling',
    wellbeingNote: PRIVATE,
    goalIds: [],
    createdAt: '2026-10-01T10:00:00.000Z',
    updatedAt: '2026-10-01T10:00:00.000Z',
  };
}

describe('the Overview at a glance', () => {
  it('leads with Today’s rows for the trainee, shows the overdue 1:1, and copies an update with no private note', async () => {
    const user = userEvent.setup();
    const trainee = aTrainee({ givenName: 'Zoë', familyName: 'Smith', gmcNumber: '7100002' });
    const overdueOn = shiftDate(today, -4);
    const { calls } = renderWithApp(<TraineeGlance trainee={trainee} />, {
      'today:forTrainee': () => [
        {
          id: trainee.id,
          kind: 'meeting_due',
          traineeId: trainee.id,
          traineeName: 'Zoë Smith',
          title: 'Next 1:1 due',
          dueDate: overdueOn,
          urgency: 'overdue',
          link: `/trainees/${trainee.id}/meetings`,
        },
      ],
      'meetings:schedule': () => ({
        traineeId: trainee.id,
        cadenceWeeks: 6,
        lastHeldOn: shiftDate(today, -60),
        nextDueOn: overdueOn,
        agreed: false,
      }),
      'meetings:list': () => [aMeeting(trainee.id)],
      'plp:list': () => [],
      'support:list': () => [],
      'exams:forTrainee': () => ({ attempts: [], summaries: [], readiness: [], postFail: [], ...NO_EXAM_TIME }),
      'arcp:forTrainee': () => ({ records: [], checklists: {}, deadlines: [] }),
      'needs:get': () => ({ intake: null, needs: [], retainUntil: '2029-08-05' }),
      'timeline:list': () => [],
      'exportLog:record': () => ({ id: 'x1' }),
    });

    const needsDoing = await screen.findByRole('region', { name: 'Needs doing' });
    const row = await within(needsDoing).findByRole('link', { name: 'Next 1:1 due' });
    expect(row).toHaveAttribute('href', `/trainees/${trainee.id}/meetings`);
    expect(within(needsDoing).getByText('Overdue')).toBeInTheDocument();
    const next = screen.getByRole('region', { name: 'Next 1:1' });
    expect(await within(next).findByText(/Was due/)).toBeInTheDocument();
    expect(within(next).getByText(/1 open agreed action: Book the AKT workshop/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the ARCP' })).toHaveAttribute('href', `/trainees/${trainee.id}/arcp`);
    expect(screen.getByRole('heading', { name: 'Details' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Copy a short update' }));
    await screen.findByText('Short update copied to the clipboard');
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('Zoë Smith (GMC 7100002)');
    expect(copied).toContain('Next 1:1: overdue since');
    expect(copied).toContain('Open agreed actions: 1');
    expect(copied).not.toContain(PRIVATE);
    expect(copied).not.toContain('Talked about');
    // The copy is in the export log: what kind, about whom, never the text.
    expect(calls.filter((c) => c.channel === 'exportLog:record')).toEqual([
      {
        channel: 'exportLog:record',
        input: { kind: 'copy', traineeIds: [trainee.id], description: 'Short update from the Overview' },
      },
    ]);
  });
});
