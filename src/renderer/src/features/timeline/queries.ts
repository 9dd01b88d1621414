import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const timelineKeys = {
  all: keyIn('timeline'),
  trainee: (traineeId: string) => keyIn('timeline', traineeId),
};

export function useTimeline(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: timelineKeys.trainee(traineeId), queryFn: () => api.timeline.list({ traineeId }) });
}
