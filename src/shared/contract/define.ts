import type { z } from 'zod';
import type { DataFeature } from './data-features';

/**
 * A channel pairs a runtime input schema with a compile-time output type. The output is
 * declared as a phantom type: main produces it, so there is nothing to validate on the way back.
 * `changes` lists the data features a write may change (empty for a read); the client refreshes
 * those after a successful call, and a test checks it against the tables the handler wrote.
 */
export interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  readonly changes: readonly DataFeature[];
  readonly __output?: O;
}

export function channel<I extends z.ZodType>(input: I) {
  return {
    /** A read: changes nothing. */
    returns: <O>(): Channel<I, O> => ({ input, changes: [] }),
    /** A write, naming every data feature whose tables it may change. */
    changes: (...changes: [DataFeature, ...DataFeature[]]) => ({
      returns: <O>(): Channel<I, O> => ({ input, changes }),
    }),
  };
}
