import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const subjectAccessKeys = {
  review: (traineeId: string) => keyIn('subjectAccess', 'review', traineeId),
};

/** What is held about a trainee, counted per record type; fetched fresh each time the dialog opens. */
export function useSubjectAccessReview(traineeId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: subjectAccessKeys.review(traineeId),
    queryFn: () => api.subjectAccess.review({ traineeId }),
    enabled,
    staleTime: 0,
  });
}
