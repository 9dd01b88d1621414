import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../api';

/** Erases an archived trainee for good; the client then refreshes every feature that held rows about them. */
export function useEraseTrainee() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: { traineeId: string; confirmSurname: string }) => api.erasure.erase(input),
  });
}

/** Keeps an archived trainee past the retention period: Today asks again one period from today. */
export function useKeepTrainee() {
  const api = useApi();
  return useMutation({ mutationFn: (traineeId: string) => api.erasure.keep({ traineeId }) });
}
