import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const erasureKeys = {
  all: keyIn('erasure'),
  preview: (traineeId: string) => keyIn('erasure', 'preview', traineeId),
};

/** What erasing the trainee would remove; read afresh each time the dialog opens, since any feature changes it. */
export function useErasurePreview(traineeId: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: erasureKeys.preview(traineeId),
    queryFn: () => api.erasure.preview({ traineeId }),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}
