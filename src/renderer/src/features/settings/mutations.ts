import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '../../../../shared/settings/settings-schema';
import { useApi } from '../../api';
import { settingsKeys } from './queries';

/**
 * Saves part of the settings. The client refreshes every settings query after the write; the
 * saved settings main sends back are then put in place, so what was just chosen shows at once.
 */
export function useUpdateSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => api.settings.update(patch),
    onSuccess: (saved) => queryClient.setQueryData(settingsKeys.all, saved),
  });
}
