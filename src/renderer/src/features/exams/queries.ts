import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api';

export const examKeys = {
  all: ['exams'] as const,
  setup: ['exams', 'setup'] as const,
  trainee: (id: string) => ['exams', 'trainee', id] as const,
  monitor: ['exams', 'monitor'] as const,
};

export function useExamSetup() {
  const api = useApi();
  return useQuery({ queryKey: examKeys.setup, queryFn: () => api.exams.setup() });
}

export function useTraineeExams(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: examKeys.trainee(traineeId), queryFn: () => api.exams.forTrainee({ traineeId }) });
}

export function useResitMonitor() {
  const api = useApi();
  return useQuery({ queryKey: examKeys.monitor, queryFn: () => api.exams.monitor() });
}

/** After any exam change, the trainee's tab, the monitor and Today reload. */
export function useInvalidateExams() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: examKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['today'] }),
    ]);
}
