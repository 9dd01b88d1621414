import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const settingsKeys = {
  all: keyIn('settings'),
  /** The app's own facts (version, database file, trainee count) live in the `app` view. */
  appInfo: keyIn('app', 'info'),
};

export function useSettings() {
  const api = useApi();
  return useQuery({ queryKey: settingsKeys.all, queryFn: () => api.settings.get() });
}

export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: settingsKeys.appInfo, queryFn: () => api.app.info() });
}
