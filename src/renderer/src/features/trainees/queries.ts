import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const traineeKeys = {
  all: keyIn('trainees'),
  list: (includeArchived: boolean) => keyIn('trainees', 'list', includeArchived),
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

export function useTrainee(id: string) {
  const api = useApi();
  return useQuery({ queryKey: traineeKeys.one(id), queryFn: () => api.trainees.get({ id }) });
}
