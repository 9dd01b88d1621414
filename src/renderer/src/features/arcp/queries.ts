import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const arcpKeys = {
  all: keyIn('arcp'),
  reference: keyIn('arcp', 'reference'),
  panels: keyIn('arcp', 'panels'),
  readiness: (panelId: string) => keyIn('arcp', 'readiness', panelId),
  trainee: (traineeId: string) => keyIn('arcp', 'trainee', traineeId),
  deadlines: (horizon: number) => keyIn('arcp', 'deadlines', horizon),
  target: keyIn('arcp', 'target'),
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
