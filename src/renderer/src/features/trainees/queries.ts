import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../../shared/settings/settings-schema';
import { useApi } from '../../api';

export const traineeKeys = {
  all: ['trainees'] as const,
  list: (includeArchived: boolean) => ['trainees', 'list', includeArchived] as const,
  one: (id: string) => ['trainees', 'one', id] as const,
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

/** After any change to trainees, every list and page showing them reloads. */
export function useInvalidateTrainees() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: traineeKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['app'] }),
    ]);
}

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: ['settings'], queryFn: () => api.settings.get() });
}

export function useUpdateSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => api.settings.update(patch),
    onSuccess: (settings) => queryClient.setQueryData(['settings'], settings),
  });
}

export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: ['app', 'info'], queryFn: () => api.app.info() });
}
