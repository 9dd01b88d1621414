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
