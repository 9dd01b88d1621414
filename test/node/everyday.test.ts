/**
 * 1:1s, learning plans, early needs, support, Today, search and the timeline, through the real
 * handler registry over a fresh encrypted database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Trainee } from '../../src/shared/trainees/trainee-schema';

import { listSharedMeetings } from '../../src/main/services/meetings/shared-meetings';
import { listPlpGoals } from '../../src/main/services/plp/plp-read';
import { listSupportItems, offerSupport } from '../../src/main/services/support/support-service';
import { buildIcs, escapeIcsText, foldIcsLine } from '../../src/main/services/meetings/meeting-calendar';
import { decideDailyNotification, todayItemKey } from '../../src/main/services/today/daily-notification';
import { ftsQuery } from '../../src/main/services/search/search-service';
import { pdfText } from '../support/read-exports';
import { call, createTempBackend, type CallInputOf, type TempBackend } from '../support/temp-backend';

// A fixed clock: Sunday 22 November 2026, 10:00 UK time.
const NOW = new Date('2026-11-22T10:00:00Z');
const TODAY = '2026-11-22';
const PRIVATE = 'Private: worried about her father’s illness in Lagos';

let backend: TempBackend;
let trainee: Trainee;

beforeEach(async () => {
  backend = await createTempBackend({ now: () => NOW });
  trainee = await call(backend, 'trainees:create', {
    givenName: 'Amara',
    familyName: 'Okafor',
    gmcNumber: '7123456',
    programme: 'GP - Northtown VTS',
    grade: 'ST2',
    programmeStartDate: '2025-08-06',
    expectedCctDate: '2028-08-05',
    wte: 1,
  });
});
afterEach(async () => {
  await backend.close();
});

function meetingInput(overrides: Partial<CallInputOf<'meetings:create'>> = {}): CallInputOf<'meetings:create'> {
  return {
    traineeId: trainee.id,
    heldOn: '18/11/2026',
    startTime: '14:30',
    durationMinutes: '45',
    mode: 'video',
    meetingType: 'pastoral',
    attendees: 'Dr Marcus Reid; Amara Okafor',
    sharedSummary: 'Talked about consultation timing and the AKT plan.',
    privateNotes: PRIVATE,
    wellbeing: 'okay',
    actions: [
      { description: 'Book the AKT workshop', owner: 'trainee', dueOn: '20/11/2026', done: false },
      { description: 'Send the consultation-skills course dates', owner: 'tpd', dueOn: '25/11/2026', done: false },
    ],
    ...overrides,
  };
}

async function failure(channel: string, input: unknown) {
  const result = await backend.dispatch(channel, input);
  expect(result.ok).toBe(false);
  return (result as { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }).error;
}

describe('1:1 meetings', () => {
  it('records a 1:1 from a template with actions, and explains impossible dates, missing due dates and oversized notes', async () => {
    const templates = await call(backend, 'meetings:templates');
    expect(templates.map((t) => t.meetingType)).toEqual([
      'induction',
      'pastoral',
      'plp_review',
      'readiness_to_sit',
      'post_fail',
      'arcp_prep',
      'other',
    ]);
    expect(templates.find((t) => t.meetingType === 'readiness_to_sit')!.prompts).toContain('Agreed decision and plan');

    const bad = await failure(
      'meetings:create',
      meetingInput({
        heldOn: '31/02/2026',
        sharedSummary: 'x'.repeat(20_001),
        actions: [{ description: 'Book it', owner: 'trainee', dueOn: '', done: false }],
      }),
    );
    expect(bad.fields).toMatchObject({
      heldOn: 'The meeting date is not a real date (use dd/mm/yyyy)',
      sharedSummary: 'The shared summary must be 20,000 characters or fewer',
      'actions.0.dueOn': 'Enter a due date for this action',
    });
    expect((await failure('meetings:create', meetingInput({ nextDueOn: '01/11/2026' }))).fields).toEqual({
      nextDueOn: 'The next 1:1 must be after this meeting',
    });
    expect(await call(backend, 'meetings:list', { traineeId: trainee.id })).toEqual([]);

    const meeting = await call(backend, 'meetings:create', meetingInput());
    expect(meeting).toMatchObject({
      heldOn: '2026-11-18',
      startTime: '14:30',
      durationMinutes: 45,
      attendees: ['Dr Marcus Reid', 'Amara Okafor'],
      privateNotes: PRIVATE,
    });
    expect(meeting.actions.map((a) => [a.description, a.dueOn, a.doneOn])).toEqual([
      ['Book the AKT workshop', '2026-11-20', null],
      ['Send the consultation-skills course dates', '2026-11-25', null],
    ]);
  });

  it('keeps edit history without copying private notes, deletes with undo, and shares no private field', async () => {
    const meeting = await call(backend, 'meetings:create', meetingInput());
    const first = meeting.actions[0]!;
    await call(backend, 'meetings:update', {
      id: meeting.id,
      fields: meetingInput({
        privateNotes: `${PRIVATE} — update`,
        actions: [{ id: first.id, description: first.description, owner: 'trainee', dueOn: '20/11/2026', done: true }],
      }),
    });
    const history = await call(backend, 'meetings:history', {
      id: meeting.id,
    });
    expect(history[0]).toMatchObject({
      action: 'updated',
      changed: expect.arrayContaining(['agreed actions', 'private notes']),
    });
    const log = await backend.store.db
      .selectFrom('change_log')
      .select('changes')
      .where('entity_id', '=', meeting.id)
      .execute();
    expect(JSON.stringify(log)).not.toContain('Lagos');

    const shared = await listSharedMeetings(backend.store.db, trainee.id, '2026-01-01', '2026-12-31');
    expect(shared).toHaveLength(1);
    expect(Object.keys(shared[0]!)).not.toContain('privateNotes');
    expect(JSON.stringify(shared)).not.toContain('Lagos');
    expect(shared[0]!.actions.map((a) => a.doneOn)).toEqual([TODAY]);

    await call(backend, 'meetings:delete', { id: meeting.id });
    expect(await call(backend, 'meetings:list', { traineeId: trainee.id })).toEqual([]);
    expect((await call(backend, 'search:query', { text: 'Lagos' })).results).toEqual([]);
    await call(backend, 'meetings:restore', { id: meeting.id });
    expect(await call(backend, 'meetings:list', { traineeId: trainee.id })).toHaveLength(1);
    expect((await call(backend, 'search:query', { text: 'Lagos' })).results).toHaveLength(1);
  });

  it('works out the next 1:1 from the cadence or the agreed date, and writes an .ics for it', async () => {
    expect(await call(backend, 'meetings:schedule', { traineeId: trainee.id })).toMatchObject({
      cadenceWeeks: 8,
      lastHeldOn: null,
    });
    await call(backend, 'meetings:create', meetingInput());
    expect(await call(backend, 'meetings:schedule', { traineeId: trainee.id })).toMatchObject({
      lastHeldOn: '2026-11-18',
      nextDueOn: '2027-01-13',
      agreed: false,
    });
    expect((await failure('meetings:setCadence', { traineeId: trainee.id, weeks: 0 })).fields).toEqual({
      weeks: 'Meet at least every 52 weeks and at most every week',
    });
    expect(await call(backend, 'meetings:setCadence', { traineeId: trainee.id, weeks: 4 })).toMatchObject({
      cadenceWeeks: 4,
      nextDueOn: '2026-12-16',
    });

    const file = await call(backend, 'meetings:calendar', { traineeId: trainee.id });
    expect(file.mimeType).toBe('text/calendar;charset=utf-8');
    expect(file.fileName).toBe('1-1-okafor-amara-2026-12-16.ics');
    const ics = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(ics.split('\r\n')).toEqual(
      expect.arrayContaining([
        'BEGIN:VCALENDAR',
        'SUMMARY:1:1 with Amara Okafor',
        'DTSTART:20261216T143000Z',
        'DTEND:20261216T151500Z',
        'END:VCALENDAR',
      ]),
    );
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(ics).not.toContain('Lagos');
  });

  it('escapes and folds calendar text as RFC 5545 asks', () => {
    expect(escapeIcsText('a; b, c\\d\nline')).toBe('a\\; b\\, c\\\\d\\nline');
    const folded = foldIcsLine(`DESCRIPTION:${'é'.repeat(60)}`);
    for (const line of folded.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(
      folded
        .split('\r\n')
        .slice(1)
        .every((l) => l.startsWith(' ')),
    ).toBe(true);
    const allDay = buildIcs({
      uid: 'u1',
      date: '2027-03-31',
      startTime: null,
      durationMinutes: null,
      summary: 'x',
      description: 'y',
      stamp: NOW,
    });
    expect(allDay).toContain('DTSTART;VALUE=DATE:20270331\r\nDTEND;VALUE=DATE:20270401\r\n');
    // British Summer Time: 09:00 in London is 08:00 UTC.
    expect(
      buildIcs({
        uid: 'u2',
        date: '2027-06-01',
        startTime: '09:00',
        durationMinutes: 30,
        summary: 'x',
        description: 'y',
        stamp: NOW,
      }),
    ).toContain('DTSTART:20270601T080000Z\r\nDTEND:20270601T083000Z');
  });

  it('keeps drafts until they are discarded, and refuses an oversized one', async () => {
    const key = `meeting:new:${trainee.id}`;
    expect(await call(backend, 'drafts:get', { key })).toBeNull();
    await call(backend, 'drafts:save', {
      key,
      traineeId: trainee.id,
      payload: JSON.stringify({ sharedSummary: 'half-typed' }),
    });
    expect(await call(backend, 'drafts:get', { key })).toMatchObject({
      payload: '{"sharedSummary":"half-typed"}',
    });
    expect((await failure('drafts:save', { key, traineeId: trainee.id, payload: 'x'.repeat(100_000) })).message).toBe(
      'This draft is too long to keep; shorten the notes',
    );
    await call(backend, 'drafts:discard', { key });
    expect(await call(backend, 'drafts:get', { key })).toBeNull();
  });
});

describe('Today view', () => {
  it('lists actions, 1:1s due, PLP reviews and support follow-ups, and drops an action once done', async () => {
    const meeting = await call(backend, 'meetings:create', meetingInput({ nextDueOn: '27/11/2026' }));
    await call(backend, 'plp:createGoal', {
      traineeId: trainee.id,
      title: 'Pass the AKT',
      area: 'exam',
      nextReviewOn: '01/11/2026',
    });
    await call(backend, 'support:offer', { traineeId: trainee.id, catalogueId: 'seed-3', offeredOn: '01/11/2026' });
    const view = await call(backend, 'today:view');
    // Other features add their own kinds of row; these are the 1:1, plan and support ones.
    const mine = new Set(['meeting_action', 'meeting_due', 'plp_review', 'support_follow_up']);
    const rows = view.groups.flatMap((g) =>
      g.items.filter((i) => mine.has(i.kind)).map((i) => [g.urgency, i.kind, i.title, i.dueDate, i.link]),
    );
    expect(rows).toEqual([
      [
        'overdue',
        'plp_review',
        'Review PLP goal: Pass the AKT',
        '2026-11-01',
        expect.stringMatching(new RegExp(`^/trainees/${trainee.id}/plan/`)),
      ],
      [
        'overdue',
        'support_follow_up',
        'Follow up: AKT workshop',
        '2026-11-15',
        expect.stringMatching(new RegExp(`^/trainees/${trainee.id}/support/`)),
      ],
      [
        'overdue',
        'meeting_action',
        'Book the AKT workshop',
        '2026-11-20',
        `/trainees/${trainee.id}/meetings/${meeting.id}`,
      ],
      [
        'due_soon',
        'meeting_action',
        'Send the consultation-skills course dates',
        '2026-11-25',
        `/trainees/${trainee.id}/meetings/${meeting.id}`,
      ],
      ['due_soon', 'meeting_due', 'Next 1:1 due', '2026-11-27', `/trainees/${trainee.id}/meetings/new`],
    ]);
    const onlyReviews = await call(backend, 'today:view', { kind: 'plp_review' });
    expect(onlyReviews.groups.flatMap((g) => g.items).map((i) => i.kind)).toEqual(['plp_review']);
    expect(onlyReviews.kinds).toEqual(expect.arrayContaining([{ kind: 'meeting_action', total: 2 }]));
    await call(backend, 'meetings:setActionDone', { id: meeting.actions[0]!.id, done: true });
    const after = await call(backend, 'today:view');
    expect(after.groups.flatMap((g) => g.items).map((i) => i.title)).not.toContain('Book the AKT workshop');
  });

  it('notifies once a day, only about what newly became due, naming no trainee', () => {
    const item = {
      id: 'a',
      kind: 'meeting_action',
      traineeId: 't',
      traineeName: 'Amara Okafor',
      title: 'Book the AKT',
      dueDate: TODAY,
      urgency: 'due_soon' as const,
      link: '/x',
    };
    const late = { ...item, id: 'b', dueDate: '2026-11-20', urgency: 'overdue' as const };
    const later = { ...item, id: 'c', dueDate: '2026-11-30' };
    const first = decideDailyNotification([item, late, later], { lastNotifiedOn: null, announced: new Set() }, TODAY);
    expect(first).toMatchObject({
      title: '2 things need your attention',
      keys: [todayItemKey(item), todayItemKey(late)],
    });
    expect(first!.body).toContain('1 due today, 1 now overdue');
    expect(`${first!.title} ${first!.body}`).not.toContain('Amara');
    expect(decideDailyNotification([item, late], { lastNotifiedOn: TODAY, announced: new Set() }, TODAY)).toBeNull();
    expect(
      decideDailyNotification(
        [item, late],
        { lastNotifiedOn: '2026-11-21', announced: new Set(first!.keys) },
        '2026-11-23',
      ),
    ).toBeNull();
  });
});

describe('learning plan, early needs and support', () => {
  it('turns an identified need into a goal in one action, reviews it, and exports shared content only', async () => {
    const bad = await failure('needs:save', {
      traineeId: trainee.id,
      consentShareWith: 'Educational supervisor',
      neurodiversityScreening: 'offered',
    });
    expect(bad.fields).toEqual({
      consentGivenOn: 'Enter the date the trainee gave consent',
      neurodiversityScreeningOn: 'Enter the date screening was offered',
    });
    const saved = await call(backend, 'needs:save', {
      traineeId: trainee.id,
      completedOn: '10/08/2025',
      communicationLanguage: 'Wants help with idioms in telephone consultations',
      consentShareWith: 'Educational supervisor',
      consentGivenOn: '10/08/2025',
      practicalNeeds: ['housing'],
    });
    expect(saved.intake).toMatchObject({
      consentGivenOn: '2025-08-10',
      practicalNeeds: ['housing'],
      retainUntil: '2028-08-05',
    });

    const need = await call(backend, 'needs:addNeed', {
      traineeId: trainee.id,
      area: 'communication',
      description: 'Confidence with telephone consultations',
    });
    const goal = await call(backend, 'needs:makeGoal', { id: need.id });
    expect(goal).toMatchObject({
      title: 'Confidence with telephone consultations',
      area: 'communication',
      areaLabel: 'Communication and language',
      status: 'not_started',
      nextReviewOn: '2026-12-20',
      sourceNeedId: need.id,
    });
    expect((await failure('needs:makeGoal', { id: need.id })).message).toBe('This need is already a goal in the plan.');
    expect((await call(backend, 'needs:get', { traineeId: trainee.id })).needs[0]!.goalId).toBe(goal.id);

    expect(
      (
        await failure('plp:addReview', {
          goalId: goal.id,
          reviewedOn: '30/02/2026',
          note: '',
          statusAfter: 'in_progress',
        })
      ).fields,
    ).toEqual({
      reviewedOn: 'The review date is not a real date (use dd/mm/yyyy)',
      note: 'Write what the review found',
    });
    await call(backend, 'plp:addReview', {
      goalId: goal.id,
      reviewedOn: '20/11/2026',
      note: 'Two telephone clinics observed; good progress.',
      statusAfter: 'in_progress',
      nextReviewOn: '20/01/2027',
    });
    await call(backend, 'meetings:create', meetingInput({ goalIds: [goal.id] }));

    const goals = await listPlpGoals(backend.store.db, trainee.id);
    expect(goals[0]).toMatchObject({
      status: 'in_progress',
      nextReviewOn: '2027-01-20',
      reviews: [{ note: 'Two telephone clinics observed; good progress.' }],
      meetings: [{ heldOn: '2026-11-18' }],
    });

    const pdf = await call(backend, 'plp:exportPdf', { traineeId: trainee.id });
    expect(pdf.fileName).toBe('plp-okafor-amara-2026-11-22.pdf');
    const text = (await pdfText(Buffer.from(pdf.base64, 'base64'))).replace(/\s+/g, ' ');
    expect(text).toContain('Confidence with telephone consultations');
    expect(text).toContain('Talked about consultation timing and the AKT plan.');
    expect(text).not.toContain('Lagos');
    const sections = await call(backend, 'plp:exportText', { traineeId: trainee.id });
    expect(sections.map((s) => s.heading)).toEqual([
      'Plan at a glance',
      'Confidence with telephone consultations',
      '1:1 meetings about the plan',
    ]);
    expect(JSON.stringify(sections)).not.toContain('Lagos');
  });

  it('puts a form past its retention date on Today, and destroys it while keeping the goals made from it', async () => {
    const ending = await call(backend, 'trainees:create', {
      givenName: 'Leila',
      familyName: 'Haddad',
      gmcNumber: '7456789',
      programme: 'GP - Eastfield VTS',
      grade: 'ST3',
      programmeStartDate: '2023-08-02',
      expectedCctDate: '2026-11-30',
      wte: 1,
    });
    await call(backend, 'needs:save', { traineeId: ending.id, learningPreferences: 'Small groups' });
    const need = await call(backend, 'needs:addNeed', {
      traineeId: ending.id,
      area: 'exam',
      description: 'SCA timing',
    });
    const goal = await call(backend, 'needs:makeGoal', { id: need.id });
    const view = await call(backend, 'today:view');
    expect(view.groups.flatMap((g) => g.items).filter((i) => i.kind === 'needs_retention')).toEqual([
      expect.objectContaining({
        traineeId: ending.id,
        title: 'Destroy the early-needs form',
        dueDate: '2026-11-30',
        urgency: 'upcoming',
        link: `/trainees/${ending.id}/needs`,
      }),
    ]);
    const after = await call(backend, 'needs:destroy', { traineeId: ending.id });
    expect(after).toMatchObject({ intake: null, needs: [] });
    expect((await call(backend, 'plp:list', { traineeId: ending.id })).map((g) => g.id)).toEqual([goal.id]);
    expect(
      (await call(backend, 'today:view')).groups.flatMap((g) => g.items).some((i) => i.kind === 'needs_retention'),
    ).toBe(false);
    expect((await failure('needs:destroy', { traineeId: ending.id })).message).toBe(
      'There is no early-needs form to destroy.',
    );
  });

  it('moves support through its statuses with dates and outcomes, and lets other features offer support', async () => {
    const item = await call(backend, 'support:offer', {
      traineeId: trainee.id,
      catalogueId: 'seed-8',
      offeredOn: '10/11/2026',
    });
    expect(item).toMatchObject({ label: 'Mentor', status: 'offered', followUpOn: '2026-11-24' });
    expect(
      (await failure('support:step', { id: item.id, status: 'completed', on: '12/11/2026', outcome: 'Done' })).message,
    ).toBe('A support item that is offered cannot be marked completed');
    expect((await failure('support:step', { id: item.id, status: 'accepted', on: '01/11/2026' })).message).toBe(
      'The date cannot be before the support was offered',
    );
    await call(backend, 'support:step', { id: item.id, status: 'accepted', on: '12/11/2026' });
    expect((await failure('support:step', { id: item.id, status: 'completed', on: '20/11/2026' })).fields).toEqual({
      outcome: 'Say what came of it',
    });
    const done = await call(backend, 'support:step', {
      id: item.id,
      status: 'completed',
      on: '20/11/2026',
      outcome: 'Meets her mentor monthly',
    });
    expect(done).toMatchObject({
      status: 'completed',
      acceptedOn: '2026-11-12',
      completedOn: '2026-11-20',
      outcome: 'Meets her mentor monthly',
      followUpOn: null,
    });

    const { id } = await backend.store.db.transaction().execute((trx) =>
      offerSupport(
        trx,
        {
          traineeId: trainee.id,
          label: 'Small-group exam sessions',
          offeredOn: '2026-11-21',
          source: 'post_fail',
          sourceId: 'attempt-1',
        },
        NOW,
      ),
    );
    const items = await listSupportItems(backend.store.db, trainee.id);
    expect(items.map((i) => [i.id, i.source, i.status])).toEqual([
      [id, 'post_fail', 'offered'],
      [item.id, 'manual', 'completed'],
    ]);
    await expect(
      offerSupport(
        backend.store.db,
        { traineeId: trainee.id, label: 'x', offeredOn: '2026-02-30', source: 'manual' },
        NOW,
      ),
    ).rejects.toThrow('The date offered is not a real date');

    const timeline = await call(backend, 'timeline:list', { traineeId: trainee.id });
    expect(timeline.filter((e) => e.kind === 'support').map((e) => e.title)).toEqual([
      'Support offered: Small-group exam sessions',
      'Support completed: Mentor',
      'Support accepted: Mentor',
      'Support offered: Mentor',
    ]);
  });

  it('keeps the support catalogue editable, refusing duplicate names', async () => {
    const entry = await call(backend, 'support:saveCatalogueEntry', {
      label: 'Trainer-led tutorial on telephone consultations',
      category: 'communication',
      followUpDays: 21,
    });
    expect((await call(backend, 'support:catalogue')).map((e) => e.label)).toContain(
      'Trainer-led tutorial on telephone consultations',
    );
    expect(
      (await failure('support:saveCatalogueEntry', { label: 'mentor', category: 'pastoral', followUpDays: 14 })).fields,
    ).toEqual({ label: 'There is already a support offer with that name' });
    await call(backend, 'support:saveCatalogueEntry', {
      id: entry.id,
      label: 'Trainer-led tutorial on telephone consultations',
      category: 'communication',
      followUpDays: 21,
      active: false,
    });
    expect((await call(backend, 'support:catalogue')).map((e) => e.label)).not.toContain(
      'Trainer-led tutorial on telephone consultations',
    );
  });
});

describe('search', () => {
  it('finds trainees, meetings (summary and private notes), actions and goals with highlighted snippets, and follows edits', async () => {
    const meeting = await call(backend, 'meetings:create', meetingInput());
    await call(backend, 'plp:createGoal', {
      traineeId: trainee.id,
      title: 'Consultation timing under ten minutes',
      area: 'rcgp2019:communication_consultation',
      targetOn: '01/03/2027',
    });

    const byName = await call(backend, 'search:query', { text: 'okaf' });
    expect(byName.results[0]).toMatchObject({
      entity: 'trainee',
      title: 'Amara Okafor',
      link: `/trainees/${trainee.id}`,
    });

    const consult = await call(backend, 'search:query', { text: 'consultation' });
    expect(consult.results.map((r) => r.entity).sort()).toEqual(['action', 'goal', 'meeting']);
    const hit = consult.results.find((r) => r.entity === 'meeting')!;
    expect(hit).toMatchObject({
      link: `/trainees/${trainee.id}/meetings/${meeting.id}`,
      traineeName: 'Amara Okafor',
      inPrivateNotes: false,
    });
    expect(hit.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['consultation']);

    const priv = await call(backend, 'search:query', { text: 'father lagos' });
    expect(priv.results).toHaveLength(1);
    expect(priv.results[0]).toMatchObject({ entity: 'meeting', inPrivateNotes: true });

    // Inputs are strict: send the editable fields, not the whole record.
    const { id: _id, createdAt: _c, updatedAt: _u, archivedAt: _a, ...fields } = trainee;
    await call(backend, 'trainees:update', { id: trainee.id, fields: { ...fields, familyName: 'Okeke' } });
    expect((await call(backend, 'search:query', { text: 'okeke' })).results[0]).toMatchObject({
      entity: 'trainee',
      title: 'Amara Okeke',
    });
    expect((await call(backend, 'search:query', { text: '"); DROP TABLE --' })).results).toEqual([]);
    expect(ftsQuery('AKT-prep "x"')).toBe('"AKT"* "prep"* "x"*');
    expect(ftsQuery('  ')).toBeNull();
  });
});
