import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Dialog } from '../../src/renderer/src/components/Dialog';

describe('Dialog', () => {
  it('gives the dialog its description as its accessible description', () => {
    render(
      <Dialog open onOpenChange={() => {}} title="Import results" description="Choose a CSV file of exam results.">
        <p>Body</p>
      </Dialog>,
    );
    expect(screen.getByRole('dialog', { name: 'Import results' })).toHaveAccessibleDescription(
      'Choose a CSV file of exam results.',
    );
  });

  it('falls back to the title as its description when none is given', () => {
    render(
      <Dialog open onOpenChange={() => {}} title="Add a trainee">
        <p>Body</p>
      </Dialog>,
    );
    expect(screen.getByRole('dialog', { name: 'Add a trainee' })).toHaveAccessibleDescription('Add a trainee');
  });
});
