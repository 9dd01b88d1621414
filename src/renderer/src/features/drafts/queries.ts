import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const draftKeys = {
  all: keyIn('drafts'),
  one: (key: string) => keyIn('drafts', key),
};

/** The unsaved draft kept under `key`, read fresh each time a form opens. */
export function useDraft(key: string) {
  const api = useApi();
  return useQuery({ queryKey: draftKeys.one(key), queryFn: () => api.drafts.get({ key }), staleTime: 0, gcTime: 0 });
}
