import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const exportLogKeys = {
  all: keyIn('exportLog'),
  list: () => keyIn('exportLog', 'list'),
};

/** Every export, newest first; refreshed after any export, since each one declares it changes the log. */
export function useExportLog() {
  const api = useApi();
  return useQuery({ queryKey: exportLogKeys.list(), queryFn: () => api.exportLog.list() });
}
