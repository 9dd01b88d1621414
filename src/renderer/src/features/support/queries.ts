import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const supportKeys = {
  all: keyIn('support'),
  items: (traineeId: string) => keyIn('support', 'items', traineeId),
  catalogue: (includeInactive: boolean) => keyIn('support', 'catalogue', includeInactive),
};

export function useSupportItems(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: supportKeys.items(traineeId), queryFn: () => api.support.list({ traineeId }) });
}

export function useSupportCatalogue(includeInactive = false) {
  const api = useApi();
  return useQuery({
    queryKey: supportKeys.catalogue(includeInactive),
    queryFn: () => api.support.catalogue({ includeInactive }),
  });
}
