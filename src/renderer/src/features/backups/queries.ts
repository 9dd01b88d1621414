import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const backupKeys = {
  status: keyIn('backups', 'status'),
};

export function useBackupStatus() {
  const api = useApi();
  return useQuery({ queryKey: backupKeys.status, queryFn: () => api.backups.status() });
}
