import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'wouter';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/renderer/src/api';
import { createClient } from '../../src/renderer/src/api/client';
import type { QueryKey } from '../../src/renderer/src/api/query-keys';
import { connectClient, createQueryClient } from '../../src/renderer/src/app/query-client';
import { TRAINEE_TABS } from '../../src/renderer/src/app/trainee-tabs';
import { TraineePage } from '../../src/renderer/src/features/trainees';
import { DEFAULT_EXAM_RULES } from '../../src/shared/exams/exam-reference';
import type { PostFailRecord } from '../../src/shared/exams/exam-types';
import { AppError } from '../../src/shared/result';
import type { SupportItem } from '../../src/shared/support/support-types';
import { NO_EXAM_TIME, aFailedAttempt, aPostFailDraft, aTrainee, settings } from './fixtures';
import { fakeTransport, renderWithApp } from './render-app';

describe('the client refreshes what a write changed', () => {
  const handlers = {
    'support:list': () => [],
    'support:offer': () => ({ id: 's1' }) as SupportItem,
    'support:delete': () => {
      throw new AppError('not_found', 'That support item no longer exists');
    },
  };

  it('reports a write’s data features and the views that read them, and nothing for a read or a failed write', async () => {
    const onChanged = vi.fn();
    const { api } = createClient(fakeTransport(handlers).transport, { onChanged });

    await api.support.offer({ traineeId: 't1', label: 'Mentor', offeredOn: '01/02/2026', note: '' });
    // Support feeds Today, the timeline, What works and the subject access review; search does not index it, and the
    // app view counts trainees only.
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(onChanged).toHaveBeenCalledWith(['support', 'today', 'timeline', 'insights', 'subjectAccess']);

    await api.support.list({ traineeId: 't1' });
    expect(onChanged).toHaveBeenCalledTimes(1);

    await expect(api.support.delete({ id: 's1' })).rejects.toBeInstanceOf(ApiError);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('marks stale exactly the cached queries under those namespaces', async () => {
    const queryClient = new QueryClient();
    const keys: QueryKey[] = [
      ['support', 'items', 't1'],
      ['exams', 'trainee', 't1'],
      ['today', 3, ''],
      ['timeline', 't1'],
      ['search', 'smith'],
      ['plp', 'goals', 't1'],
      ['settings'],
    ];
    for (const key of keys) queryClient.setQueryData(key, 'cached');
    const { api } = connectClient(
      fakeTransport({ 'exams:savePostFail': () => ({ id: 'p1' }) as PostFailRecord }).transport,
      queryClient,
    );
    const stale = () => keys.filter((key) => queryClient.getQueryState(key)?.isInvalidated).map((key) => key[0]);

    await api.exams.postFailDraft({ attemptId: 'a1' }).catch(() => undefined);
    expect(stale()).toEqual([]);

    await api.exams.savePostFail({ attemptId: 'a1', fields: {} as never });
    expect(stale()).toEqual(['support', 'exams', 'today', 'timeline']);
  });
});

describe('a trainee’s tabs after a write', () => {
  it('shows support accepted in a post-fail conversation on the Support tab without a reload', async () => {
    const user = userEvent.setup();
    const trainee = aTrainee({ givenName: 'Tariq', familyName: 'Smith' });
    const attempt = aFailedAttempt(trainee.id);
    const support: SupportItem[] = [];
    const saved: PostFailRecord[] = [];
    renderWithApp(
      <Route path="/trainees/:id/:tab">
        {(params) => <TraineePage id={params.id} tabs={TRAINEE_TABS} tab={params.tab} />}
      </Route>,
      {
        'trainees:get': () => trainee,
        // A copy, as over IPC: the cache must not see later pushes by reference.
        'support:list': () => [...support],
        'exams:forTrainee': () => ({
          attempts: [attempt],
          summaries: [],
          readiness: [],
          postFail: saved,
          ...NO_EXAM_TIME,
        }),
        'exams:setup': () => ({ definitions: [], rules: DEFAULT_EXAM_RULES }),
        'exams:postFailDraft': () => aPostFailDraft(attempt),
        'settings:get': () => settings({ userName: 'Dr Helen Carter' }),
        'exams:postFailText': () => ({ sections: [], all: '' }),
        // As main does: each support offer the trainee accepted becomes an accepted support item.
        'exams:savePostFail': ({ attemptId, fields }) => {
          for (const offer of fields.supportOffered.filter((o) => o.accepted)) {
            support.push({
              id: `s${support.length + 1}`,
              traineeId: trainee.id,
              catalogueId: null,
              label: offer.label,
              source: 'post_fail',
              sourceId: 'p1',
              goalId: null,
              status: 'accepted',
              offeredOn: '2026-02-01',
              acceptedOn: '2026-02-01',
              declinedOn: null,
              attendedOn: null,
              completedOn: null,
              outcome: null,
              note: null,
              followUpOn: '2026-02-15',
              createdAt: '2026-02-01T10:00:00.000Z',
              updatedAt: '2026-02-01T10:00:00.000Z',
            });
          }
          const record: PostFailRecord = {
            ...fields,
            id: 'p1',
            traineeId: trainee.id,
            attemptId,
            examCode: attempt.examCode,
            examName: attempt.examName,
            sittingDate: attempt.sittingDate,
            failNumber: 1,
            attemptNumber: 1,
            supportTierLabel: null,
            resitBookingDeadline: null,
            supportItemIds: support.map((s) => s.id),
            createdAt: '2026-02-01T10:00:00.000Z',
            updatedAt: '2026-02-01T10:00:00.000Z',
          };
          saved.push(record);
          return record;
        },
      },
      `/trainees/${trainee.id}/support`,
      { queryClient: createQueryClient() },
    );

    // The Support tab has been seen (and cached) before the conversation.
    expect(
      await screen.findByRole('heading', { name: 'No support offered yet' }, { timeout: 5000 }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Exams' }));
    await user.click(await screen.findByRole('button', { name: /^Record post-fail conversation for SCA/ }));
    await user.click(
      await screen.findByRole('checkbox', {
        name: 'Trainee accepted: Invitation to the regional exam preparation course',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Save conversation' }));
    // After the save the export dialog opens; close it and go to Support.
    await waitFor(() => expect(saved).toHaveLength(1));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('tab', { name: 'Support' }));
    const items = await screen.findByRole('list', { name: 'Support items' });
    const accepted = within(items).getByRole('article', {
      name: 'Invitation to the regional exam preparation course',
    });
    expect(within(accepted).getByText('Accepted')).toBeInTheDocument();
  });
});
