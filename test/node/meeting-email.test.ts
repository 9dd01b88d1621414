import { describe, expect, it } from 'vitest';
import { MAILTO_MAX_LENGTH, meetingSummaryMailto } from '../../src/shared/meetings/meeting-email';
import type { Meeting } from '../../src/shared/meetings/meeting-types';

const PRIVATE = 'Private: worried about her father’s illness';

function aMeeting(overrides: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm1',
    traineeId: 't1',
    heldOn: '2026-11-18',
    startTime: '14:30',
    durationMinutes: 45,
    mode: 'video',
    meetingType: 'pastoral',
    meetingTypeLabel: 'Pastoral 1:1',
    attendees: ['Dr Marcus Reid', 'Zoë Smith'],
    sharedSummary: 'Talked about consultation timing & the AKT plan; 50% of cases on time.',
    actions: [
      {
        id: 'a1',
        meetingId: 'm1',
        description: 'Book the AKT workshop',
        owner: 'trainee',
        dueOn: '2026-11-20',
        doneOn: null,
      },
      {
        id: 'a2',
        meetingId: 'm1',
        description: 'Send course dates',
        owner: 'tpd',
        dueOn: '2026-11-25',
        doneOn: '2026-11-21',
      },
    ],
    nextDueOn: '2027-01-13',
    privateNotes: PRIVATE,
    wellbeing: 'struggling',
    wellbeingNote: 'Sleeping badly',
    goalIds: [],
    createdAt: '2026-11-18T15:00:00.000Z',
    updatedAt: '2026-11-18T15:00:00.000Z',
    ...overrides,
  };
}

/** What a mail client would put in the draft. */
function decode(url: string) {
  const parsed = new URL(url);
  expect(parsed.protocol).toBe('mailto:');
  return {
    to: decodeURIComponent(parsed.pathname),
    subject: parsed.searchParams.get('subject'),
    body: parsed.searchParams.get('body') ?? '',
  };
}

describe('meetingSummaryMailto', () => {
  it('addresses the trainee with the shared summary and agreed actions, and nothing private', () => {
    const url = meetingSummaryMailto({ email: 'zoe.smith@nhs.example', name: 'Zoë' }, aMeeting())!;
    const draft = decode(url);
    expect(draft.to).toBe('zoe.smith@nhs.example');
    expect(draft.subject).toBe('Summary of our 1:1 on 18/11/2026');
    expect(draft.body).toContain('Dear Zoë,');
    expect(draft.body).toContain('Talked about consultation timing & the AKT plan; 50% of cases on time.');
    expect(draft.body).toContain('- Book the AKT workshop (Trainee, by 20/11/2026)');
    expect(draft.body).toContain('- Send course dates (TPD, by 25/11/2026) – done');
    expect(draft.body).toContain('Our next 1:1: 13/01/2027.');
    expect(draft.body).not.toContain('father');
    expect(draft.body).not.toContain('Sleeping');
    expect(draft.body.toLowerCase()).not.toContain('struggling');
    // Line breaks travel as CRLF, as RFC 6068 asks.
    expect(url).toContain('%0D%0A');
    expect(url).not.toContain(' ');
  });

  it('gives no link when the trainee has no email address', () => {
    expect(meetingSummaryMailto({ email: null, name: 'Zoë' }, aMeeting())).toBeNull();
    expect(meetingSummaryMailto({ email: '  ', name: 'Zoë' }, aMeeting())).toBeNull();
  });

  it('shortens a long summary to fit a mail link, saying so, without splitting a character', () => {
    const sharedSummary = 'Long discussion 😀 of every consultation. '.repeat(200);
    const url = meetingSummaryMailto({ email: 'zoe.smith@nhs.example', name: 'Zoë' }, aMeeting({ sharedSummary }))!;
    expect(url.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
    expect(url.length).toBeGreaterThan(MAILTO_MAX_LENGTH - 40);
    const draft = decode(url);
    expect(draft.to).toBe('zoe.smith@nhs.example');
    expect(draft.body).toContain('Long discussion 😀 of every consultation.');
    expect(draft.body).toContain('the full summary is in the 1:1 record');
    expect(draft.body).not.toContain('\uFFFD');
  });
});
