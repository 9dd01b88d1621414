import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const evaluationKeys = {
  all: keyIn('evaluation'),
  trainee: (traineeId: string) => keyIn('evaluation', traineeId),
};

/** One trainee's characteristics for evaluation; only the Evaluation tab asks for them. */
export function useEvaluation(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: evaluationKeys.trainee(traineeId), queryFn: () => api.evaluation.get({ traineeId }) });
}
