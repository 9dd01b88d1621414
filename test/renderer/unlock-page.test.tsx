import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UnlockPage } from '../../src/renderer/src/features/backups';
import { AppError } from '../../src/shared/result';
import { renderWithApp } from './render-app';

describe('the locked start', () => {
  it('sends the typed recovery key and shows main’s message for a wrong one', async () => {
    const sent: string[] = [];
    renderWithApp(<UnlockPage />, {
      'recovery:unlock': (input) => {
        sent.push(input.words);
        throw new AppError('forbidden', 'That is not the recovery key of these records.', {
          secret: 'That is not the recovery key of these records.',
        });
      },
    });
    await userEvent.type(screen.getByLabelText(/Recovery key/), 'one two three');
    await userEvent.click(screen.getByRole('button', { name: 'Unlock with your recovery key' }));
    expect(await screen.findByText('That is not the recovery key of these records.')).toBeInTheDocument();
    expect(sent).toEqual(['one two three']);
  });
});
