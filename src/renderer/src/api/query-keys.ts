import type { QueryNamespace } from '../../../shared/contract/data-features';

/**
 * Every query key starts with the namespace whose writes make it stale: a data feature or a
 * view. The client refreshes by that first element after a write, so a key that starts with
 * anything else would never refresh; the types below make it fail to compile instead.
 */
export type QueryKey = readonly [QueryNamespace, ...unknown[]];

declare module '@tanstack/react-query' {
  interface Register {
    queryKey: QueryKey;
  }
}

/** A key in `namespace`: `keyIn('support', 'list', traineeId)` is `['support', 'list', traineeId]`. */
export function keyIn<N extends QueryNamespace, const R extends readonly unknown[]>(
  namespace: N,
  ...rest: R
): readonly [N, ...R] {
  return [namespace, ...rest];
}
