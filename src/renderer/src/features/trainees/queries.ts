import { useQuery, useQueryClient } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const traineeKeys = {
  all: keyIn('trainees'),
  list: (includeArchived: boolean) => keyIn('trainees', 'list', includeArchived),
  first: (includeArchived: boolean) => keyIn('trainees', 'first', includeArchived),
  one: (id: string) => keyIn('trainees', 'one', id),
};

export function useTrainees(includeArchived = false, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: traineeKeys.list(includeArchived),
    queryFn: () => api.trainees.list({ includeArchived }),
    enabled: options.enabled ?? true,
  });
}

/** Enough rows for the register's first screen on a tall window, and a little scrolling. */
const FIRST_SCREEN_ROWS = 100;

/**
 * The register's rows, and until they are all in, its first screen: the first rows in its default
 * order, which arrive long before 10,000 rows do. `complete` says whether `rows` is the whole list.
 */
export function useRegisterRows(includeArchived: boolean) {
  const api = useApi();
  const queryClient = useQueryClient();
  // Asked for first, so the backend answers it before it starts on the whole list; not at all
  // once the whole list is cached (a return visit).
  const first = useQuery({
    queryKey: traineeKeys.first(includeArchived),
    queryFn: () => api.trainees['list-first']({ includeArchived, count: FIRST_SCREEN_ROWS }),
    enabled: queryClient.getQueryData(traineeKeys.list(includeArchived)) === undefined,
  });
  const all = useTrainees(includeArchived);
  return { all, rows: all.data ?? first.data, complete: all.data !== undefined };
}

export function useTrainee(id: string) {
  const api = useApi();
  return useQuery({ queryKey: traineeKeys.one(id), queryFn: () => api.trainees.get({ id }) });
}
