import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api';

export const arcpKeys = {
  all: ['arcp'] as const,
  reference: ['arcp', 'reference'] as const,
  panels: ['arcp', 'panels'] as const,
  readiness: (panelId: string) => ['arcp', 'readiness', panelId] as const,
  trainee: (traineeId: string) => ['arcp', 'trainee', traineeId] as const,
  deadlines: (horizon: number) => ['arcp', 'deadlines', horizon] as const,
  target: ['arcp', 'target'] as const,
};

export function useArcpReference() {
  const api = useApi();
  return useQuery({ queryKey: arcpKeys.reference, queryFn: () => api.arcp.reference({}), staleTime: 5 * 60_000 });
}

export function usePanels() {
  const api = useApi();
  return useQuery({ queryKey: arcpKeys.panels, queryFn: () => api.arcp.panels({}) });
}

export function useReadiness(panelId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: arcpKeys.readiness(panelId ?? ''),
    queryFn: () => api.arcp.readiness({ panelId: panelId! }),
    enabled: Boolean(panelId),
  });
}

export function useTraineeArcp(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: arcpKeys.trainee(traineeId), queryFn: () => api.arcp.forTrainee({ traineeId }) });
}

export function useArcpDeadlines(horizonDays: number) {
  const api = useApi();
  return useQuery({ queryKey: arcpKeys.deadlines(horizonDays), queryFn: () => api.arcp.deadlines({ horizonDays }) });
}

export function useExportTarget() {
  const api = useApi();
  return useQuery({ queryKey: arcpKeys.target, queryFn: () => api.arcp.exportTarget({}), staleTime: Infinity });
}

/** After any ARCP change, panels, readiness, the trainee tab and Today reload. */
export function useInvalidateArcp() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: arcpKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['today'] }),
    ]);
}
