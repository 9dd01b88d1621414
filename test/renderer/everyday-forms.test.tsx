import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { MeetingEditor } from '../../src/renderer/src/features/meetings/MeetingEditor';
import { SearchDialog } from '../../src/renderer/src/features/search/SearchDialog';
import { OfferForm } from '../../src/renderer/src/features/support/SupportTab';
import { TodayPage } from '../../src/renderer/src/features/today/TodayPage';
import type { Meeting, MeetingFields, MeetingTemplate } from '../../src/shared/meetings/meeting-types';
import { AppError } from '../../src/shared/result';
import type { TodayItem } from '../../src/shared/today/today-types';
import { settings } from './fixtures';
import { renderWithApp } from './render-app';

const TEMPLATES: MeetingTemplate[] = [
  { meetingType: 'pastoral', label: 'Pastoral check-in', prompts: 'How things are going in post:\n\nWellbeing:\n' },
  { meetingType: 'readiness_to_sit', label: 'Readiness to sit', prompts: 'Which exam and which sitting:\n' },
];
const SCHEDULE = { traineeId: 't1', cadenceWeeks: 6, lastHeldOn: null, nextDueOn: '2026-12-01', agreed: false };

function meetingHandlers(overrides: Record<string, unknown> = {}) {
  return {
    'drafts:get': () => null,
    'drafts:save': () => ({ updatedAt: '2026-11-22T10:00:00.000Z' }),
    'drafts:discard': () => undefined,
    'meetings:templates': () => TEMPLATES,
    'plp:list': () => [],
    'meetings:schedule': () => SCHEDULE,
    ...overrides,
  };
}

describe('MeetingForm', () => {
  it('shows the shared schema’s messages for an impossible date, an action without a due date and an oversized summary, and saves nothing', async () => {
    const user = userEvent.setup();
    const create = vi.fn();
    renderWithApp(
      <MeetingEditor traineeId="t1" onSaved={vi.fn()} onClose={vi.fn()} />,
      meetingHandlers({ 'meetings:create': create }),
    );
    const date = await screen.findByLabelText(/^Date/);
    await user.clear(date);
    await user.type(date, '31/02/2026');
    fireEvent.change(screen.getByLabelText(/^Shared summary/), { target: { value: 'x'.repeat(20_001) } });
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await user.type(screen.getByLabelText(/^Action 1/), 'Book the AKT workshop');
    await user.click(screen.getByRole('button', { name: 'Save 1:1' }));
    expect(await screen.findByText('The meeting date is not a real date (use dd/mm/yyyy)')).toBeInTheDocument();
    expect(screen.getByText('Enter a due date for this action')).toBeInTheDocument();
    expect(screen.getByText('The shared summary must be 20,000 characters or fewer')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Due date of action 1/)).toHaveAttribute('aria-invalid', 'true');
    expect(create).not.toHaveBeenCalled();
  });

  it('fills the template into the shared summary, keeps private notes apart, and sends UK dates as ISO', async () => {
    const user = userEvent.setup();
    const create = vi.fn((fields: MeetingFields) => ({ id: 'm1', ...fields }) as unknown as Meeting);
    const onSaved = vi.fn();
    const { calls } = renderWithApp(
      <MeetingEditor traineeId="t1" onSaved={onSaved} onClose={vi.fn()} />,
      meetingHandlers({ 'meetings:create': create }),
    );
    await user.selectOptions(await screen.findByLabelText(/^Meeting type/), 'readiness_to_sit');
    await user.click(screen.getByRole('button', { name: 'Use template: Readiness to sit' }));
    expect(screen.getByLabelText(/^Shared summary/)).toHaveValue('Which exam and which sitting:\n');
    expect(screen.getByLabelText(/^Private notes/).closest('.private-note')).not.toBeNull();
    expect(screen.getByText(/blank means in 6 weeks/)).toBeInTheDocument();
    const date = screen.getByLabelText(/^Date/);
    await user.clear(date);
    await user.type(date, '7/11/2026');
    await user.type(screen.getByLabelText(/^Private notes/), 'Worried about housing');
    await user.click(screen.getByRole('button', { name: 'Add action' }));
    await user.type(screen.getByLabelText(/^Action 1/), 'Book the AKT workshop');
    await user.type(screen.getByLabelText(/^Due date of action 1/), '1/12/2026');
    await user.click(screen.getByRole('button', { name: 'Save 1:1' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(create.mock.calls[0]![0]).toMatchObject({
      traineeId: 't1',
      heldOn: '2026-11-07',
      meetingType: 'readiness_to_sit',
      sharedSummary: 'Which exam and which sitting:',
      privateNotes: 'Worried about housing',
      actions: [{ description: 'Book the AKT workshop', owner: 'trainee', dueOn: '2026-12-01', done: false }],
    });
    // Saving removes the draft, so it is not offered again.
    expect(calls.some((c) => c.channel === 'drafts:discard')).toBe(true);
  });

  it('restores a draft typed before the window closed, and saves drafts as you type', async () => {
    const user = userEvent.setup();
    const draft = {
      key: 'meeting:new:t1',
      payload: JSON.stringify({ privateNotes: 'Half a thought', sharedSummary: 'Started' }),
      updatedAt: '2026-11-22T09:15:00.000Z',
    };
    const save = vi.fn(() => ({ updatedAt: '2026-11-22T10:00:00.000Z' }));
    renderWithApp(
      <MeetingEditor traineeId="t1" onSaved={vi.fn()} onClose={vi.fn()} />,
      meetingHandlers({ 'drafts:get': () => draft, 'drafts:save': save }),
    );
    expect(await screen.findByText(/Restored your unsaved draft from 22 Nov 2026, 09:15/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Private notes/)).toHaveValue('Half a thought');
    await user.type(screen.getByLabelText(/^Shared summary/), ' and more');
    await waitFor(() => expect(save).toHaveBeenCalled(), { timeout: 3000 });
    expect(JSON.parse((save.mock.calls.at(-1) as unknown as [{ payload: string }])[0].payload)).toMatchObject({
      sharedSummary: 'Started and more',
      privateNotes: 'Half a thought',
    });
  });
});

describe('OfferForm', () => {
  it('asks for a description when the offer is not in the catalogue, and shows main’s date message', async () => {
    const user = userEvent.setup();
    const offer = vi.fn(() => {
      throw new AppError('invalid_input', 'The date cannot be before the support was offered', {
        offeredOn: 'The date cannot be before the support was offered',
      });
    });
    renderWithApp(<OfferForm traineeId="t1" onDone={vi.fn()} onCancel={vi.fn()} />, {
      'support:catalogue': () => [
        { id: 'seed-8', label: 'Mentor', category: 'pastoral', followUpDays: 14, active: true },
      ],
      'plp:list': () => [],
      'support:offer': offer,
    });
    await screen.findByRole('option', { name: 'Mentor' });
    await user.click(screen.getByRole('button', { name: 'Record offer' }));
    expect(await screen.findByText('Choose a support offer or describe it')).toBeInTheDocument();
    expect(offer).not.toHaveBeenCalled();
    await user.selectOptions(screen.getByLabelText(/^Support offer/), 'seed-8');
    await user.click(screen.getByRole('button', { name: 'Record offer' }));
    expect(await screen.findAllByText('The date cannot be before the support was offered')).not.toHaveLength(0);
    expect(offer).toHaveBeenCalledTimes(1);
  });
});

describe('TodayPage', () => {
  const action: TodayItem = {
    id: 'a1',
    kind: 'meeting_action',
    traineeId: 't1',
    traineeName: 'Amara Okafor',
    title: 'Book the AKT workshop',
    detail: 'Trainee',
    dueDate: '2020-01-01',
    urgency: 'overdue',
    link: '/trainees/t1/meetings/m1',
  };
  const due: TodayItem = {
    id: 't1',
    kind: 'meeting_due',
    traineeId: 't1',
    traineeName: 'Amara Okafor',
    title: 'Next 1:1 due',
    dueDate: '2099-01-01',
    urgency: 'upcoming',
    link: '/trainees/t1/meetings/new',
  };

  it('groups rows by urgency, links each to the place to act, and completes an action', async () => {
    const user = userEvent.setup();
    const done = vi.fn();
    const { calls } = renderWithApp(<TodayPage />, {
      'app:info': () => ({ version: 'test', databaseFile: '/tmp/x.db', traineeCount: 1 }),
      'settings:get': () => settings(),
      // Main filters by kind before capping each group; the fake does the same.
      'today:view': ({ kind }) => {
        const pick = (items: TodayItem[]) => items.filter((i) => !kind || i.kind === kind);
        const groups = [
          { urgency: 'overdue' as const, items: pick([action]) },
          { urgency: 'due_soon' as const, items: [] },
          { urgency: 'upcoming' as const, items: pick([due]) },
        ].map((g) => ({ ...g, total: g.items.length }));
        return {
          today: '2026-11-22',
          groups,
          kinds: [
            { kind: 'meeting_action', total: 1 },
            { kind: 'meeting_due', total: 1 },
          ],
        };
      },
      'meetings:setActionDone': done,
    });
    const overdue = await screen.findByRole('region', { name: /Overdue/ });
    expect(within(overdue).getByRole('link', { name: 'Book the AKT workshop' })).toHaveAttribute(
      'href',
      '/trainees/t1/meetings/m1',
    );
    expect(
      within(screen.getByRole('region', { name: /Coming up/ })).getByRole('link', { name: 'Next 1:1 due' }),
    ).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Show only'), 'meeting_due');
    await waitFor(() => expect(screen.queryByRole('region', { name: /Overdue/ })).toBeNull());
    expect(calls.filter((c) => c.channel === 'today:view').at(-1)!.input).toEqual({ kind: 'meeting_due' });
    await user.selectOptions(screen.getByLabelText('Show only'), '');
    await screen.findByRole('region', { name: /Overdue/ });
    await user.click(screen.getByRole('button', { name: 'Mark done: Book the AKT workshop (Amara Okafor)' }));
    await waitFor(() => expect(done).toHaveBeenCalledWith({ id: 'a1', done: true }));
  });

  it('keeps the welcome and demo-data offer when the register is empty', async () => {
    renderWithApp(<TodayPage />, {
      'app:info': () => ({ version: 'test', databaseFile: '/tmp/x.db', traineeCount: 0 }),
      'settings:get': () => settings(),
    });
    expect(await screen.findByRole('heading', { name: 'Welcome to TPD Companion' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load demo data' })).toBeInTheDocument();
  });
});

describe('SearchDialog', () => {
  it('opens with Ctrl+K from anywhere and highlights matched words', async () => {
    const user = userEvent.setup();
    renderWithApp(<SearchDialog />, {
      'search:query': ({ text }) => ({
        query: text,
        more: false,
        results: [
          {
            entity: 'meeting',
            entityId: 'm1',
            traineeId: 't1',
            traineeName: 'Amara Okafor',
            title: '1:1 · 07/11/2026: Pastoral check-in',
            snippet: [
              { text: '…talked about ', hit: false },
              { text: 'telephone', hit: true },
              { text: ' calls…', hit: false },
            ],
            inPrivateNotes: true,
            link: '/trainees/t1/meetings/m1',
          },
        ],
      }),
    });
    window.dispatchEvent(new CustomEvent('tpd:command', { detail: 'find' }));
    const input = await screen.findByLabelText('Search trainees, 1:1s, goals and actions');
    await user.type(input, 'telephone');
    const result = await screen.findByRole('button', { name: /Pastoral check-in/ });
    expect(within(result).getByText('telephone').tagName).toBe('MARK');
    expect(within(result).getByText('Private note')).toBeInTheDocument();
  });
});

describe('new 1:1 shortcut', () => {
  it('opens the form for the trainee on screen, or the trainee picker elsewhere', async () => {
    const { newMeetingPath } = await import('../../src/renderer/src/features/meetings/new-meeting-path');
    expect(newMeetingPath('#/trainees/abc/plan')).toBe('/trainees/abc/meetings/new');
    expect(newMeetingPath('#/trainees/abc')).toBe('/trainees/abc/meetings/new');
    expect(newMeetingPath('#/trainees/new')).toBe('/meetings/new');
    expect(newMeetingPath('#/')).toBe('/meetings/new');
  });
});

describe('GoalForm and ReviewForm', () => {
  it('asks for a review or target date on an open goal, and an area', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const { GoalForm } = await import('../../src/renderer/src/features/plp/GoalForm');
    renderWithApp(<GoalForm traineeId="t1" onSubmit={onSubmit} onCancel={vi.fn()} />, {});
    await user.type(screen.getByLabelText(/^Goal/), 'Structure telephone consultations');
    await user.click(screen.getByRole('button', { name: 'Add goal' }));
    expect(await screen.findByText('Choose the area this goal is about')).toBeInTheDocument();
    expect(
      screen.getByText('Enter a target date or a next review date, so the goal comes up for review'),
    ).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/^Area/), 'rcgp2019:communication_consultation');
    await user.type(screen.getByLabelText(/^Next review/), '3/1/2027');
    await user.click(screen.getByRole('button', { name: 'Add goal' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      area: 'rcgp2019:communication_consultation',
      nextReviewOn: '2027-01-03',
      status: 'not_started',
      targetOn: null,
    });
  });

  it('refuses an impossible review date and an empty note', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn();
    const { ReviewForm } = await import('../../src/renderer/src/features/plp/GoalForm');
    const goal = {
      id: 'g1',
      traineeId: 't1',
      title: 'Pass the AKT',
      area: 'exam',
      areaLabel: 'Exam preparation',
      successCriteria: null,
      targetOn: '2027-03-01',
      nextReviewOn: null,
      status: 'in_progress' as const,
      sourceNeedId: null,
      reviews: [],
      meetings: [],
      support: [],
      createdAt: '',
      updatedAt: '',
    };
    renderWithApp(<ReviewForm goal={goal} today="2026-11-22" onSubmit={onSubmit} onCancel={vi.fn()} />, {});
    const date = screen.getByLabelText(/^Review date/);
    expect(date).toHaveValue('22/11/2026');
    await user.clear(date);
    await user.type(date, '30/02/2026');
    await user.click(screen.getByRole('button', { name: 'Save review' }));
    expect(await screen.findByText('The review date is not a real date (use dd/mm/yyyy)')).toBeInTheDocument();
    expect(screen.getByText('Write what the review found')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
