import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const needsKeys = {
  all: keyIn('needs'),
  trainee: (traineeId: string) => keyIn('needs', traineeId),
};

export function useNeeds(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: needsKeys.trainee(traineeId), queryFn: () => api.needs.get({ traineeId }) });
}
