import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api';

/** Query keys for the everyday work; a change to one may move rows on Today, the timeline and search. */
export const everydayKeys = {
  meetings: (traineeId: string) => ['meetings', traineeId] as const,
  meeting: (id: string) => ['meetings', 'one', id] as const,
  history: (id: string) => ['meetings', 'history', id] as const,
  schedule: (traineeId: string) => ['meetings', 'schedule', traineeId] as const,
  templates: ['meeting-templates'] as const,
  plan: (traineeId: string) => ['plp', traineeId] as const,
  needs: (traineeId: string) => ['needs', traineeId] as const,
  support: (traineeId: string) => ['support', traineeId] as const,
  catalogue: (includeInactive: boolean) => ['support-catalogue', includeInactive] as const,
  today: ['today'] as const,
  timeline: (traineeId: string) => ['timeline', traineeId] as const,
};

export function useInvalidateEveryday() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      ['meetings', 'plp', 'needs', 'support', 'today', 'timeline', 'search'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [key] }),
      ),
    );
}

export function useMeetings(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: everydayKeys.meetings(traineeId), queryFn: () => api.meetings.list({ traineeId }) });
}

export function useMeetingTemplates() {
  const api = useApi();
  return useQuery({ queryKey: everydayKeys.templates, queryFn: () => api.meetings.templates(), staleTime: 5 * 60_000 });
}

export function useSchedule(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: everydayKeys.schedule(traineeId), queryFn: () => api.meetings.schedule({ traineeId }) });
}

export function usePlan(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: everydayKeys.plan(traineeId), queryFn: () => api.plp.list({ traineeId }) });
}

export function useSupportItems(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: everydayKeys.support(traineeId), queryFn: () => api.support.list({ traineeId }) });
}

export function useSupportCatalogue(includeInactive = false) {
  const api = useApi();
  return useQuery({
    queryKey: everydayKeys.catalogue(includeInactive),
    queryFn: () => api.support.catalogue({ includeInactive }),
  });
}
