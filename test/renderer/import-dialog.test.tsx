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
    const commit = vi.fn(() => ({ created: 1, updated: 0, unchanged: 0, rejected: 1 }));
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
