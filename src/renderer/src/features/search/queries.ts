import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const searchKeys = {
  all: keyIn('search'),
  results: (text: string, limit: number) => keyIn('search', text, limit),
};

/** The page of results main sends; while presenting the window keeps only the open trainee's, so it asks for more. */
export const SEARCH_PAGE = 30;
export const SEARCH_PAGE_PRESENTING = 100;

export function useSearch(text: string, enabled: boolean, limit = SEARCH_PAGE) {
  const api = useApi();
  return useQuery({
    queryKey: searchKeys.results(text, limit),
    queryFn: () => api.search.query({ text, limit }),
    enabled: enabled && text.length > 0,
    placeholderData: keepPreviousData,
  });
}
