import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const handoverKeys = {
  origins: (traineeId: string) => keyIn('handover', 'origins', traineeId),
};

/** Which of a trainee's records came in a handover; one query per trainee, shared by every note on the page. */
export function useHandoverOrigins(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: handoverKeys.origins(traineeId), queryFn: () => api.handover.origins({ traineeId }) });
}
