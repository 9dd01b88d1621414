import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/renderer/src/api';
import { FormError } from '../../src/renderer/src/components/FormError';
import { applyServerError, NOTHING_SAVED } from '../../src/renderer/src/lib/server-errors';

const rejected = () =>
  new ApiError({
    code: 'invalid_input',
    message: 'Check the highlighted fields.',
    fields: { 'fields.title': 'Required', other: 'Unknown' },
  });

describe('applyServerError', () => {
  it('puts each field message on its field and the overall message on the form', () => {
    const setError = vi.fn();
    const setFormError = vi.fn();
    applyServerError(rejected(), setError, setFormError);
    expect(setError.mock.calls).toEqual([
      ['fields.title', { message: 'Required' }],
      ['other', { message: 'Unknown' }],
    ]);
    expect(setFormError).toHaveBeenCalledWith('Check the highlighted fields.');
  });

  it('strips a prefix, keeps only known fields and can focus', () => {
    const setError = vi.fn();
    applyServerError(rejected(), setError, vi.fn(), {
      fieldPrefix: 'fields.',
      knownFields: { title: '' },
      shouldFocus: true,
    });
    expect(setError.mock.calls).toEqual([['title', { message: 'Required' }, { shouldFocus: true }]]);
  });

  it('falls back to a plain message for anything that is not an ApiError', () => {
    const setError = vi.fn();
    const setFormError = vi.fn();
    applyServerError(new Error('boom'), setError, setFormError);
    applyServerError('x', setError, setFormError, { fallback: 'The exam could not be saved.' });
    expect(setError).not.toHaveBeenCalled();
    expect(setFormError.mock.calls).toEqual([[NOTHING_SAVED], ['The exam could not be saved.']]);
  });
});

describe('FormError', () => {
  it('shows an alert only when there is a message', () => {
    const { rerender } = render(<FormError message={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
    rerender(<FormError message="Nothing was saved." />);
    expect(screen.getByRole('alert')).toHaveTextContent('Nothing was saved.');
  });
});
