import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TraineeRow } from '../../../../shared/trainees/trainee-schema';
import { keyIn, useApi, type Client } from '../../api';

export const traineeKeys = {
  all: keyIn('trainees'),
  list: (includeArchived: boolean) => keyIn('trainees', 'list', includeArchived),
  first: (includeArchived: boolean) => keyIn('trainees', 'first', includeArchived),
  one: (id: string) => keyIn('trainees', 'one', id),
};

/**
 * Rows per call for the whole list: at 10,000 trainees one call was a 4 MB answer that kept the host
 * busy building it and the window busy parsing it; pages leave each free between them.
 */
const LIST_PAGE_ROWS = 2_000;

async function listInPages(api: Client['api'], includeArchived: boolean): Promise<TraineeRow[]> {
  const rows: TraineeRow[] = [];
  for (;;) {
    const page = await api.trainees.list({ includeArchived, offset: rows.length, limit: LIST_PAGE_ROWS });
    for (const row of page) rows.push(row);
    if (page.length < LIST_PAGE_ROWS) return rows;
  }
}

export function useTrainees(includeArchived = false, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    queryKey: traineeKeys.list(includeArchived),
    queryFn: () => listInPages(api, includeArchived),
    enabled: options.enabled ?? true,
  });
}

/** Enough rows for the register's first screen on a tall window, and a little scrolling. */
const FIRST_SCREEN_ROWS = 100;

function firstScreenQuery(api: Client['api'], includeArchived: boolean) {
  return {
    queryKey: traineeKeys.first(includeArchived),
    queryFn: () => api.trainees['list-first']({ includeArchived, count: FIRST_SCREEN_ROWS }),
  };
}

/**
 * Fetches the register's first screen ahead of a visit (a hundred rows, cheap to keep), so going to
 * Trainees shows rows without waiting on the host. Not once the whole list is cached.
 */
export function prefetchRegisterFirstScreen(queryClient: QueryClient, api: Client['api']): Promise<void> {
  if (queryClient.getQueryData(traineeKeys.list(false)) !== undefined) return Promise.resolve();
  return queryClient.prefetchQuery(firstScreenQuery(api, false));
}

/**
 * The register's rows, and until they are all in, its first screen: the first rows in its default
 * order, which arrive long before 10,000 rows do. `complete` says whether `rows` is the whole list.
 */
export function useRegisterRows(includeArchived: boolean) {
  const api = useApi();
  const queryClient = useQueryClient();
  // Not at all once the whole list is cached (a return visit).
  const cached = queryClient.getQueryData(traineeKeys.list(includeArchived)) !== undefined;
  const first = useQuery({ ...firstScreenQuery(api, includeArchived), enabled: !cached });
  // The whole list only once the first screen is on it: taking in 10,000 rows (parsing them, building
  // the table's model) is one long task, and begun beside the first page it kept that page off screen.
  const firstShown = useAfterNextPaint(first.isSuccess || first.isError);
  const all = useTrainees(includeArchived, { enabled: cached || firstShown });
  return { all, rows: all.data ?? first.data, complete: all.data !== undefined };
}

/** True from the first frame painted after `ready` became true. */
function useAfterNextPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame callback runs before that frame's paint; the task after it, once it is painted.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, painted]);
  return painted;
}

export function useTrainee(id: string) {
  const api = useApi();
  return useQuery({ queryKey: traineeKeys.one(id), queryFn: () => api.trainees.get({ id }) });
}
