import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const plpKeys = {
  all: keyIn('plp'),
  goals: (traineeId: string) => keyIn('plp', 'goals', traineeId),
  text: (traineeId: string) => keyIn('plp', 'text', traineeId),
};

export function usePlan(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: plpKeys.goals(traineeId), queryFn: () => api.plp.list({ traineeId }) });
}

/** The plan as paste-ready text; fetched only when asked for. */
export function usePlanText(traineeId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: plpKeys.text(traineeId),
    queryFn: () => api.plp.exportText({ traineeId }),
    enabled,
  });
}
