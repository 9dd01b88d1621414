import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TraineesPage } from '../../src/renderer/src/features/trainees/TraineesPage';
import type { Settings } from '../../src/shared/settings/settings-schema';
import { aTrainee, settings } from './fixtures';
import { renderWithApp } from './render-app';

// jsdom has no layout, so give the virtualiser a viewport to fill.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1200 });

const trainees = [
  aTrainee({ givenName: 'Kofi', familyName: 'Eze', grade: 'ST3' }),
  aTrainee({ givenName: 'Ana', familyName: 'Nair', grade: 'ST1' }),
  aTrainee({ givenName: 'Li', familyName: 'Mahmood', grade: 'ST2', email: 'li@nhs.example' }),
];

function names() {
  return within(screen.getByRole('table', { name: 'Trainees' }))
    .getAllByRole('row')
    .filter((r) => r.hasAttribute('data-index'))
    .map((r) => within(r).getAllByRole('cell')[0]!.textContent);
}

describe('TraineesPage', () => {
  it('lists trainees sorted by surname, filters by grade and by the search box', async () => {
    const user = userEvent.setup();
    renderWithApp(<TraineesPage />, { 'trainees:list': () => trainees, 'settings:get': () => settings() });
    await screen.findByText('3 of 3 trainees');
    expect(names()).toEqual(['Eze, Kofi', 'Mahmood, Li', 'Nair, Ana']);

    // The grades present are listed just after the rows arrive.
    await within(screen.getByLabelText('Filter Grade')).findByRole('option', { name: 'ST1' });
    await user.selectOptions(screen.getByLabelText('Filter Grade'), 'ST1');
    expect(names()).toEqual(['Nair, Ana']);
    await user.selectOptions(screen.getByLabelText('Filter Grade'), '');
    await user.type(screen.getByRole('searchbox', { name: 'Search trainees' }), 'mahm');
    expect(names()).toEqual(['Mahmood, Li']);
    expect(screen.getByText('1 of 3 trainees')).toBeInTheDocument();
  });

  it('finds people as they are typed: every word, any order, ignoring case, accents and apostrophes', async () => {
    const user = userEvent.setup();
    const register = [
      aTrainee({ givenName: 'Hannah', familyName: 'Farouk', gmcNumber: '7100001', programme: 'GP - Eastbury VTS' }),
      aTrainee({ givenName: 'Zoë', familyName: 'Smith', gmcNumber: '7100002', educationalSupervisor: 'Dr Ruth Okoye' }),
      aTrainee({ givenName: 'Siobhán', familyName: 'O’Brien', preferredName: 'Shiv', gmcNumber: '7100003' }),
      aTrainee({ givenName: 'Hannah', familyName: 'Price', gmcNumber: '7100004', grade: 'ST3' }),
    ];
    renderWithApp(<TraineesPage />, { 'trainees:list': () => register, 'settings:get': () => settings() });
    await screen.findByText('4 of 4 trainees');
    const box = screen.getByRole('searchbox', { name: 'Search trainees' });
    const search = async (text: string) => {
      await user.clear(box);
      if (text) await user.type(box, text);
      return names();
    };

    expect(await search('Hannah Farouk')).toEqual(['Farouk, Hannah']);
    expect(await search('farouk hannah')).toEqual(['Farouk, Hannah']);
    expect(await search('zoe')).toEqual(['Smith, Zoë']);
    expect(await search('obrien')).toEqual(['O’Brien, Shiv']);
    expect(await search('siobhan')).toEqual(['O’Brien, Shiv']);
    expect(await search('7100004')).toEqual(['Price, Hannah']);
    expect(await search('eastbury')).toEqual(['Farouk, Hannah']);
    expect(await search('okoye zoe')).toEqual(['Smith, Zoë']);
    expect(await search('hannah smith')).toEqual([]);
    expect(screen.getByText('No trainees match these filters.')).toBeInTheDocument();

    // Column filters still narrow what the search finds.
    await search('hannah');
    expect(names()).toEqual(['Farouk, Hannah', 'Price, Hannah']);
    await user.selectOptions(screen.getByLabelText('Filter Grade'), 'ST3');
    expect(names()).toEqual(['Price, Hannah']);
    // Ctrl+K belongs to the global search, not this box.
    expect(box).not.toHaveAttribute('placeholder', expect.stringContaining('Ctrl+K'));
  });

  it('shows the first screen from the first rows while the whole register is on its way', async () => {
    let deliver: (rows: typeof trainees) => void = () => {};
    const whole = new Promise<typeof trainees>((resolve) => (deliver = resolve));
    renderWithApp(<TraineesPage />, {
      'trainees:list-first': () => [trainees[0]!, trainees[2]!],
      'trainees:list': () => whole,
      'settings:get': () => settings(),
    });
    await waitFor(() => expect(names()).toEqual(['Eze, Kofi', 'Mahmood, Li']));
    expect(screen.getByText('Loading…')).toBeInTheDocument();
    // Exports and hand-overs take what is shown, so not while that is only the first screen.
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeDisabled();

    deliver(trainees);
    await screen.findByText('3 of 3 trainees');
    expect(names()).toEqual(['Eze, Kofi', 'Mahmood, Li', 'Nair, Ana']);
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeEnabled();
  });

  it('asks for the whole register once its first screen is on view, then offers every grade in the filter', async () => {
    const asked: string[] = [];
    const shownRows = () => document.querySelectorAll('tr[data-index]').length;
    renderWithApp(<TraineesPage />, {
      'trainees:list-first': () => {
        asked.push('first screen');
        return [trainees[0]!];
      },
      'trainees:list': () => {
        asked.push(`whole register, ${shownRows()} row shown`);
        return trainees;
      },
      'settings:get': () => settings(),
    });
    await screen.findByText('3 of 3 trainees');
    expect(asked).toEqual(['first screen', 'whole register, 1 row shown']);
    const grades = () => within(screen.getByLabelText('Filter Grade')).getAllByRole('option');
    await waitFor(() => expect(grades().map((o) => o.textContent)).toEqual(['All', 'ST1', 'ST2', 'ST3']));
  });

  it('remembers shown columns in settings', async () => {
    const user = userEvent.setup();
    const update = vi.fn((patch: Partial<Settings>) => settings(patch));
    renderWithApp(<TraineesPage />, {
      'trainees:list': () => trainees,
      'settings:get': () => settings(),
      'settings:update': update,
    });
    await screen.findByText('3 of 3 trainees');
    expect(screen.queryByRole('columnheader', { name: /Email/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    await user.click(await screen.findByRole('menuitemcheckbox', { name: /Email/ }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    expect(update.mock.calls[0]![0]).toEqual({ tableColumns: { trainees: expect.objectContaining({ email: true }) } });
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('columnheader', { name: /Email/ })).toBeInTheDocument();
  });

  it('offers import, a new trainee and demo data when the register is empty', async () => {
    renderWithApp(<TraineesPage />, { 'trainees:list': () => [], 'settings:get': () => settings() });
    expect(await screen.findByRole('heading', { name: 'No trainees yet' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import a CSV from your scheme' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Load demo data' })).toBeInTheDocument();
  });
});
