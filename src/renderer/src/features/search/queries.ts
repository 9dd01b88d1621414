import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const searchKeys = {
  all: keyIn('search'),
  results: (text: string) => keyIn('search', text),
};

export function useSearch(text: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: searchKeys.results(text),
    queryFn: () => api.search.query({ text }),
    enabled: enabled && text.length > 0,
    placeholderData: keepPreviousData,
  });
}
