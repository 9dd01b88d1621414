import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { commandForKey } from '../../src/renderer/src/app/commands';
import { ResitMonitorPage } from '../../src/renderer/src/features/exams/ResitMonitorPage';
import type { MonitorRow } from '../../src/shared/exams/exam-types';
import { renderWithApp } from './render-app';

function row(overrides: Partial<MonitorRow>): MonitorRow {
  return {
    traineeId: 't1',
    traineeName: 'Kofi Owusu',
    gmcNumber: '7991802',
    grade: 'ST3',
    programme: 'GP - Northtown VTS',
    examCode: 'SCA',
    attemptGroup: 'SCA',
    attemptsUsed: 1,
    attemptsLeft: 5,
    exceptionalLeft: 0,
    attemptsText: '1 used, 5 left',
    lastResult: 'fail',
    lastSittingDate: '2024-10-24',
    weakestArea: 'Relating to others',
    daysSinceFail: 40,
    nextSittingDate: null,
    bookingDeadline: null,
    postFailDone: false,
    supportTier: null,
    supportOffered: 0,
    supportAccepted: 0,
    readinessDone: false,
    readinessDecision: null,
    owner: 'Dr Helen Carter',
    warnings: ['no_conversation'],
    ...overrides,
  };
}

const rows: MonitorRow[] = [
  row({}),
  row({
    traineeId: 't2',
    traineeName: 'Irina Ali',
    gmcNumber: '7612200',
    examCode: 'AKT',
    attemptGroup: 'AKT',
    daysSinceFail: 10,
    warnings: [],
    weakestArea: 'Evidence-based practice',
  }),
  row({
    traineeId: 't3',
    traineeName: 'Tariq Smith',
    gmcNumber: '7455482',
    daysSinceFail: 90,
    postFailDone: true,
    readinessDone: true,
    readinessDecision: 'ready',
    warnings: ['last_attempt'],
    attemptsText: '5 used, 1 left',
  }),
];

function names() {
  return within(screen.getByRole('table', { name: 'Re-sit monitor' }))
    .getAllByRole('link')
    .map((l) => l.textContent);
}

describe('ResitMonitorPage', () => {
  it('shows each trainee’s extension time and, for a trainee who has left, the after-training attempt', async () => {
    renderWithApp(<ResitMonitorPage />, {
      'exams:monitor': () => rows,
      'exams:monitorTime': () => [
        {
          traineeId: 't3',
          extensionText: '7 months used, 5 months left; exceptional: 0 months used, 6 months left',
          hasExtension: true,
          afterTrainingText: 'After training: used on SCA, 2 Feb 2027',
        },
      ],
    });
    const tariq = await screen.findByRole('row', { name: /Tariq Smith/ });
    await within(tariq).findByText('After training: used on SCA, 2 Feb 2027');
    expect(tariq).toHaveTextContent('7 months used, 5 months left; exceptional: 0 months used, 6 months left');
    const kofi = screen.getByRole('row', { name: /Kofi Owusu/ });
    expect(
      within(kofi)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toContain('None');
    expect(kofi).not.toHaveTextContent('After training');
  });

  it('shows warnings in words, filters by exam and by warnings, sorts and groups by exam', async () => {
    const user = userEvent.setup();
    renderWithApp(<ResitMonitorPage />, { 'exams:monitor': () => rows });
    await screen.findByText('3 of 3 shown');
    expect(screen.getByRole('row', { name: /Kofi Owusu/ })).toHaveTextContent(
      'No post-fail conversation after 4 weeks',
    );
    expect(screen.getByRole('row', { name: /Tariq Smith/ })).toHaveTextContent('Next sitting is the last attempt');
    expect(screen.getByRole('row', { name: /Tariq Smith/ })).toHaveTextContent('Ready to sit');

    await user.selectOptions(screen.getByLabelText('Filter by exam'), 'AKT');
    expect(names()).toEqual(['Irina Ali']);
    await user.selectOptions(screen.getByLabelText('Filter by exam'), '');

    await user.click(screen.getByLabelText('Only rows with warnings'));
    expect(screen.getByText('2 of 3 shown')).toBeInTheDocument();
    await user.click(screen.getByLabelText('Only rows with warnings'));

    await user.click(screen.getByRole('button', { name: /^Days since fail/ }));
    expect(names()).toEqual(['Irina Ali', 'Kofi Owusu', 'Tariq Smith']);
    await user.click(screen.getByRole('button', { name: /^Days since fail/ }));
    expect(names()).toEqual(['Tariq Smith', 'Kofi Owusu', 'Irina Ali']);

    await user.click(screen.getByLabelText('Group by exam'));
    expect(screen.getByRole('rowheader', { name: 'AKT (1)' })).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'SCA (2)' })).toBeInTheDocument();
  });

  it('is reached with Ctrl+3, between Trainees and ARCP', () => {
    expect(commandForKey({ key: '3', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })).toBe(
      'go-resits',
    );
  });

  it('offers the results import when no one needs to re-sit', async () => {
    renderWithApp(<ResitMonitorPage />, { 'exams:monitor': () => [] });
    await screen.findByRole('heading', { name: 'No one needs to re-sit' });
    expect(screen.getAllByRole('button', { name: 'Import exam results' }).length).toBeGreaterThan(0);
  });
});
