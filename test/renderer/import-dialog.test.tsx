import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ImportTraineesDialog } from '../../src/renderer/src/features/trainees/ImportTraineesDialog';
import type { ImportPreview } from '../../src/shared/trainees/import-mapping';
import { autoMapHeaders } from '../../src/shared/trainees/import-mapping';
import { renderWithApp } from './render-app';

const headers = ['Forename', 'Surname', 'GMC Number', 'Programme', 'Training Grade', 'Programme Start Date', 'WTE'];
const preview: ImportPreview = {
  fileName: 'scheme.csv',
  encoding: 'utf-8',
  headers,
  mapping: autoMapHeaders(headers),
  unmappedRequired: [],
  rows: [
    { line: 2, status: 'create', gmcNumber: '7000001', name: 'Ana Nair', reasons: [] },
    {
      line: 3,
      status: 'error',
      gmcNumber: '12345',
      name: 'Ana Haddad',
      reasons: ['GMC number must be exactly 7 digits (“12345”)'],
    },
  ],
  counts: { create: 1, update: 0, unchanged: 0, error: 1 },
  nameDiffers: 0,
};

function chooseFile() {
  const input = screen.getByLabelText('CSV file');
  fireEvent.change(input, {
    target: { files: [new File(['Forename,Surname\n'], 'scheme.csv', { type: 'text/csv' })] },
  });
}

describe('ImportTraineesDialog', () => {
  it('previews rows with their reasons and writes nothing when cancelled', async () => {
    const user = userEvent.setup();
    const commit = vi.fn();
    const onClose = vi.fn();
    const { calls } = renderWithApp(<ImportTraineesDialog open onClose={onClose} />, {
      'traineeImport:preview': () => preview,
      'traineeImport:commit': commit,
    });
    chooseFile();
    const rejected = await screen.findByRole('table', { name: /Rejected rows/ });
    expect(within(rejected).getByText('GMC number must be exactly 7 digits (“12345”)')).toBeInTheDocument();
    expect(within(rejected).getByText('3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import 1 trainee' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
    expect(commit).not.toHaveBeenCalled();
    expect(calls.map((c) => c.channel)).toEqual(['traineeImport:preview']);
  });

  it('re-checks the file with the chosen column, and commits with that mapping', async () => {
    const user = userEvent.setup();
    const previewCall = vi.fn(() => preview);
    const commit = vi.fn(() => ({ created: 1, updated: 0, unchanged: 0, rejected: 1, leftOut: 0 }));
    renderWithApp(<ImportTraineesDialog open onClose={vi.fn()} />, {
      'traineeImport:preview': previewCall,
      'traineeImport:commit': commit,
      'app:info': () => ({ version: 't', databaseFile: 'x', traineeCount: 1 }),
    });
    chooseFile();
    await screen.findByRole('table', { name: /Rejected rows/ });
    await user.click(screen.getByText('Column matching'));
    await user.selectOptions(screen.getByLabelText(/^Email/), 'Programme');
    await waitFor(() => expect(previewCall).toHaveBeenCalledTimes(2));
    expect(previewCall.mock.calls[1]).toEqual([
      expect.objectContaining({ mapping: expect.objectContaining({ email: 'Programme' }) }),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Import 1 trainee' }));
    expect(await screen.findByText(/1 trainee imported: 1 new, 0 updated\. 1 row rejected\./)).toBeInTheDocument();
    expect(commit).toHaveBeenCalledTimes(1);
  });

  it('marks a row whose name differs, shows what would change, and imports it only when ticked', async () => {
    const user = userEvent.setup();
    const renaming: ImportPreview = {
      ...preview,
      rows: [
        {
          line: 2,
          status: 'update',
          gmcNumber: '6135835',
          name: 'Fay Green',
          reasons: [],
          nameDiffers: { before: 'Hannah Farouk', after: 'Fay Green' },
          changes: [
            { field: 'givenName', label: 'First name', before: 'Hannah', after: 'Fay' },
            { field: 'familyName', label: 'Surname', before: 'Farouk', after: 'Green' },
          ],
        },
        {
          line: 3,
          status: 'update',
          gmcNumber: '6475721',
          name: 'Omar Farouk',
          reasons: [],
          changes: [{ field: 'wte', label: 'Whole-time equivalent', before: '80%', after: '60%' }],
        },
      ],
      counts: { create: 0, update: 2, unchanged: 0, error: 0 },
      nameDiffers: 1,
    };
    const commit = vi.fn(() => ({ created: 0, updated: 2, unchanged: 0, rejected: 0, leftOut: 0 }));
    renderWithApp(<ImportTraineesDialog open onClose={vi.fn()} />, {
      'traineeImport:preview': () => renaming,
      'traineeImport:commit': commit,
      'app:info': () => ({ version: 't', databaseFile: 'x', traineeCount: 2 }),
    });
    chooseFile();
    const differs = await screen.findByRole('table', { name: /Name differs/ });
    expect(within(differs).getByText('Hannah Farouk')).toBeInTheDocument();
    expect(within(differs).getByText('Name differs')).toBeInTheDocument();
    await user.click(within(differs).getByText('2 changes'));
    expect(within(differs).getByText(/Surname:/)).toHaveTextContent('Surname: Farouk → Green');

    // The other update shows its change too, and only it is counted until the renaming row is ticked.
    const toImport = screen.getByRole('table', { name: /Rows to import/ });
    await user.click(within(toImport).getByText('1 change'));
    expect(within(toImport).getByText(/Whole-time equivalent:/)).toHaveTextContent('Whole-time equivalent: 80% → 60%');
    const tick = screen.getByRole('checkbox', { name: 'Import line 2: rename Hannah Farouk to Fay Green' });
    expect(tick).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Import 1 trainee' })).toBeEnabled();
    await user.click(tick);
    await user.click(screen.getByRole('button', { name: 'Import 2 trainees' }));
    expect(commit).toHaveBeenCalledWith(expect.objectContaining({ confirmedLines: [2] }));
  });

  it('shows the file-level error main gives for malformed CSV', async () => {
    const { AppError } = await import('../../src/shared/result');
    renderWithApp(<ImportTraineesDialog open onClose={vi.fn()} />, {
      'traineeImport:preview': () => {
        throw new AppError(
          'invalid_input',
          'The file is not valid CSV: a quoted value that starts in record 3 never ends.',
        );
      },
    });
    chooseFile();
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is not valid CSV');
    expect(screen.getByLabelText('CSV file')).toBeInTheDocument();
  });
});
