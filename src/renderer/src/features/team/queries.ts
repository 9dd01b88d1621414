import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

/** Personal or team mode, and who is signed in. */
export function useTeamStatus() {
  const api = useApi();
  return useQuery({ queryKey: keyIn('team', 'status'), queryFn: () => api.team.status(), staleTime: Infinity });
}
