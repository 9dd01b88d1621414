import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const lockKeys = {
  status: keyIn('lock', 'status'),
};

/** Whether the app is locked, whether a PIN is set, the idle period: asked once, then kept current by events. */
export function useLockStatus() {
  const api = useApi();
  return useQuery({ queryKey: lockKeys.status, queryFn: () => api.lock.status() });
}
