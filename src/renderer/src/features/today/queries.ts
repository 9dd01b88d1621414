import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const todayKeys = {
  all: keyIn('today'),
  view: (traineeCount: number, kind: string) => keyIn('today', traineeCount, kind),
};

/** Today's rows, optionally of one kind; asked for only once there are trainees. */
export function useToday(traineeCount: number, kind: string) {
  const api = useApi();
  return useQuery({
    queryKey: todayKeys.view(traineeCount, kind),
    queryFn: () => api.today.view({ kind: kind || null }),
    enabled: traineeCount > 0,
    placeholderData: keepPreviousData,
  });
}

/** One trainee's overdue and due rows, by Today's own rules (the trainee's Overview). */
export function useTraineeToday(traineeId: string) {
  const api = useApi();
  return useQuery({
    queryKey: keyIn('today', 'trainee', traineeId),
    queryFn: () => api.today.forTrainee({ traineeId }),
  });
}
