import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ExportLogSettings } from '../../src/renderer/src/features/export-log';
import { SubjectAccessAction } from '../../src/renderer/src/features/subject-access';
import { ERASED_TRAINEE, type ExportLogEntry } from '../../src/shared/export-log';
import { aTrainee } from './fixtures';
import { renderWithApp } from './render-app';

const ENTRIES: ExportLogEntry[] = [
  {
    id: 'e3',
    at: '2026-11-20T10:30:00.000Z',
    kind: 'backup',
    description: 'Encrypted backup of the whole database',
    destination: '/home/tpd/Backups',
    trainees: [],
  },
  {
    id: 'e2',
    at: '2026-10-05T09:00:00.000Z',
    kind: 'pdf',
    description: 'PLP PDF',
    destination: null,
    trainees: [{ traineeId: 't-ana', name: 'Ana Silva' }],
  },
  {
    id: 'e1',
    at: '2026-09-01T08:00:00.000Z',
    kind: 'csv',
    description: 'Trainee register CSV',
    destination: null,
    trainees: [
      { traineeId: 't-ben', name: 'Ben Okafor' },
      { traineeId: null, name: ERASED_TRAINEE },
    ],
  },
];

const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Export log' }))
    .getAllByRole('row')
    .slice(1);

describe('Settings → Export log', () => {
  it('lists exports newest first, with erased trainees and unknown destinations in words, and filters them', async () => {
    const user = userEvent.setup();
    renderWithApp(<ExportLogSettings />, { 'exportLog:list': () => ENTRIES });
    await screen.findByRole('table', { name: 'Export log' });
    const rows = bodyRows();
    expect(rows.map((r) => within(r).getAllByRole('cell')[3]!.textContent)).toEqual([
      'Encrypted backup of the whole database',
      'PLP PDF',
      'Trainee register CSV',
    ]);
    expect(rows[0]).toHaveTextContent('/home/tpd/Backups');
    expect(rows[1]).toHaveTextContent('Downloads / not known');
    expect(rows[2]).toHaveTextContent(`Ben Okafor, ${ERASED_TRAINEE}`);
    expect(rows[1]).toHaveTextContent('5 Oct 2026');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by kind' }), 'pdf');
    expect(bodyRows()).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 3 shown');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by kind' }), '');

    await user.type(screen.getByRole('searchbox', { name: 'Filter by trainee' }), 'okafor');
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('Trainee register CSV');
    await user.clear(screen.getByRole('searchbox', { name: 'Filter by trainee' }));

    await user.type(screen.getByRole('textbox', { name: 'From date' }), '01/10/2026');
    await user.type(screen.getByRole('textbox', { name: 'To date' }), '31/10/2026');
    expect(bodyRows()).toHaveLength(1);
    expect(bodyRows()[0]).toHaveTextContent('PLP PDF');

    await user.clear(screen.getByRole('textbox', { name: 'To date' }));
    await user.type(screen.getByRole('textbox', { name: 'To date' }), '31/13/2026');
    expect(screen.getByText(/Type dates as dd\/mm\/yyyy/)).toBeInTheDocument();
  });

  it('says so when nothing has been exported yet', async () => {
    renderWithApp(<ExportLogSettings />, { 'exportLog:list': () => [] });
    expect(await screen.findByRole('region', { name: 'Nothing exported yet' })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('exports the log as CSV through main, which logs that export too', async () => {
    const user = userEvent.setup();
    const { calls } = renderWithApp(<ExportLogSettings />, {
      'exportLog:list': () => ENTRIES,
      'exportLog:csv': () => ({ fileName: 'export-log.csv', mimeType: 'text/csv', base64: btoa('When\r\n') }),
    });
    await user.click(await screen.findByRole('button', { name: 'Export as CSV' }));
    await screen.findByText(/Export log saved as CSV/);
    expect(calls.some((c) => c.channel === 'exportLog:csv')).toBe(true);
  });
});

describe('Everything held about this trainee', () => {
  it('reviews each record type with its count and the IG lead note before saving a PDF or ZIP', async () => {
    const user = userEvent.setup();
    const trainee = aTrainee({ givenName: 'Ana', familyName: 'Silva' });
    const { calls } = renderWithApp(<SubjectAccessAction trainee={trainee} />, {
      'subjectAccess:review': ({ traineeId }) => ({
        traineeId,
        traineeName: 'Ana Silva',
        total: 5,
        sections: [
          { key: 'trainees', title: 'Trainee record', about: 'Name and GMC number.', count: 1 },
          { key: 'meetings', title: '1:1 meetings, including private notes', about: 'Each 1:1.', count: 4 },
        ],
      }),
      'subjectAccess:pdf': () => ({ fileName: 'subject-access.pdf', mimeType: 'application/pdf', base64: '' }),
      'subjectAccess:zip': () => ({ fileName: 'subject-access.zip', mimeType: 'application/zip', base64: '' }),
    });
    await user.click(screen.getByRole('button', { name: 'Everything held about this trainee…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Everything held about Ana Silva' });
    const table = await within(dialog).findByRole('table', { name: 'What is held' });
    const meetings = within(table).getByRole('row', { name: /1:1 meetings, including private notes/ });
    expect(meetings).toHaveTextContent('4');
    expect(dialog).toHaveTextContent(/information-governance lead/);

    await user.click(within(dialog).getByRole('button', { name: 'Save PDF' }));
    await within(dialog).findByText(/subject-access\.pdf saved/);
    await user.click(within(dialog).getByRole('button', { name: 'Save ZIP' }));
    await within(dialog).findByText(/subject-access\.zip saved/);
    // Each save is a write to the export log, so the review (which counts its entries) is fetched again after it.
    const saves = calls.filter((c) => c.channel === 'subjectAccess:pdf' || c.channel === 'subjectAccess:zip');
    expect(saves).toEqual([
      { channel: 'subjectAccess:pdf', input: { traineeId: trainee.id } },
      { channel: 'subjectAccess:zip', input: { traineeId: trainee.id } },
    ]);
  });
});
