import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { commandForKey } from '../../src/renderer/src/app/commands';
import { InsightsPage, InsightsSettings } from '../../src/renderer/src/features/insights';
import { buildFigures } from '../../src/shared/insights/figures';
import type { ComparisonIndicatorMeta, CountRow, InsightsFilters } from '../../src/shared/insights';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings/settings-schema';
import { renderWithApp } from './render-app';

function comparison(key: string, title: string): ComparisonIndicatorMeta {
  return {
    kind: 'comparison',
    key,
    title,
    population: 'Exam fails',
    exposedLabel: 'Conversation within 4 weeks',
    comparisonLabel: 'No conversation within 4 weeks',
    outcomeLabel: 'Passed the next attempt',
    noOutcomeLabel: 'Did not pass the next attempt',
    stratifiedByExam: false,
    note: null,
  };
}

const CONVERSATION = comparison('post-fail-conversation', 'Post-fail conversation within 4 weeks');
const MENTOR = comparison('support:mentor', 'Support taken up: Mentor');

/** exposed yes/no, comparison yes/no for one indicator in one programme and quarter. */
function table(indicator: string, [a, b, c, d]: [number, number, number, number]): CountRow[] {
  const row = (group: string, outcome: string, count: number): CountRow => ({
    indicator,
    exam: 'AKT',
    programme: 'GP - North VTS',
    quarter: '2025-Q3',
    group,
    outcome,
    count,
  });
  return [row('exposed', 'yes', a), row('exposed', 'no', b), row('comparison', 'yes', c), row('comparison', 'no', d)];
}

function figures(filters: InsightsFilters = {}) {
  return buildFigures({
    scope: 'programme data',
    metas: [CONVERSATION, MENTOR],
    rows: [...table(CONVERSATION.key, [12, 6, 5, 9]), ...table(MENTOR.key, [2, 8, 7, 6])],
    threshold: 3,
    filters,
    options: {
      programmes: ['GP - North VTS', 'GP - South VTS'],
      grades: ['ST1', 'ST2'],
      exams: ['AKT'],
      quarters: ['2025-Q3'],
    },
  });
}

describe('the What works page', () => {
  it('shows a small count as "<3" and never its value', async () => {
    renderWithApp(<InsightsPage />, { 'insights:figures': (filters) => figures(filters) });
    const mentor = await screen.findByRole('table', { name: 'Counts: Support taken up: Mentor' });
    const took = within(mentor).getByRole('row', { name: /^Conversation within 4 weeks/ });
    const cells = within(took)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells[0]).toBe('<3');
    expect(within(mentor).queryByRole('cell', { name: '2' })).toBeNull();
    // The group of 10 is big enough, but its rate would give the hidden count away.
    expect(cells[3]).toBe('Not shown: too few to show safely');
    expect(screen.getAllByText(/These figures are observational/).length).toBeGreaterThan(0);
  });

  it('describes each chart in words: the groups and their rates with intervals', async () => {
    renderWithApp(<InsightsPage />, { 'insights:figures': (filters) => figures(filters) });
    const chart = await screen.findByRole('img', { name: /^Bar chart of Post-fail conversation within 4 weeks/ });
    const name = chart.getAttribute('aria-label')!;
    expect(name).toMatch(/Conversation within 4 weeks: 67% \(95% CI \d+% to \d+%\)/);
    expect(name).toMatch(/No conversation within 4 weeks: 36% \(95% CI \d+% to \d+%\)/);
    // The table beside it gives the counts and the ratio.
    const counts = screen.getByRole('table', { name: 'Counts: Post-fail conversation within 4 weeks' });
    expect(within(counts).getByRole('row', { name: /^No conversation within 4 weeks/ })).toHaveTextContent('5914');
    const card = screen.getByRole('region', { name: 'Post-fail conversation within 4 weeks' });
    expect(within(card).getByText(/^1\.\d\d \(95% CI/)).toBeInTheDocument();
    expect(within(card).getByText(/Fisher's exact, two-sided/)).toBeInTheDocument();
  });

  it('asks main again when a filter changes', async () => {
    const { calls } = renderWithApp(<InsightsPage />, { 'insights:figures': (filters) => figures(filters) });
    const filters = await screen.findByRole('group', { name: 'Filter the figures' });
    await userEvent.selectOptions(within(filters).getByLabelText('Programme'), 'GP - South VTS');
    await userEvent.selectOptions(within(filters).getByLabelText('Grade'), 'ST2');
    expect(calls.filter((c) => c.channel === 'insights:figures').at(-1)!.input).toEqual({
      programme: 'GP - South VTS',
      grade: 'ST2',
    });
  });

  it('is reached with Ctrl+5, after ARCP', () => {
    expect(commandForKey({ key: '5', ctrlKey: true, metaKey: false, shiftKey: false, altKey: false })).toBe(
      'go-insights',
    );
  });
});

describe('the What works threshold in Settings', () => {
  it('saves 5 as the threshold', async () => {
    let settings: Settings = { ...DEFAULT_SETTINGS };
    const { calls } = renderWithApp(<InsightsSettings />, {
      'settings:get': () => settings,
      'settings:update': (patch) => (settings = { ...settings, ...patch }),
    });
    await userEvent.selectOptions(await screen.findByLabelText('Hide counts'), '5');
    await userEvent.click(screen.getByRole('button', { name: 'Save threshold' }));
    await screen.findByText('Settings saved');
    expect(calls.find((c) => c.channel === 'settings:update')!.input).toEqual({ insightsThreshold: 5 });
  });
});
