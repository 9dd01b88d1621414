import type { z } from 'zod';

/**
 * A channel pairs a runtime input schema with a compile-time output type. The output is
 * declared as a phantom type: main produces it, so there is nothing to validate on the way back.
 */
export interface Channel<I extends z.ZodType, O> {
  readonly input: I;
  readonly __output?: O;
}

export function channel<I extends z.ZodType>(input: I) {
  return {
    returns: <O>(): Channel<I, O> => ({ input }),
  };
}
