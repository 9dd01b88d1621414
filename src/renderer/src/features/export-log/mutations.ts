import { useCallback } from 'react';
import type { RENDERER_EXPORT_KINDS } from '../../../../shared/export-log';
import { useApi } from '../../api';
import { useToast } from '../../components/Toasts';

export type RendererExportKind = (typeof RENDERER_EXPORT_KINDS)[number];

/**
 * Records an export the renderer made itself (a table CSV, a copy to the clipboard, a mail draft)
 * in the export log: one line at each place data leaves. Files made in main are logged there.
 * A failure to log does not undo the export, but the user is told.
 */
export function useLogExport() {
  const api = useApi();
  const { notify } = useToast();
  return useCallback(
    (kind: RendererExportKind, traineeIds: readonly string[], description: string) => {
      void api.exportLog
        .record({ kind, traineeIds: [...traineeIds], description })
        .catch(() => notify('The export was made, but the export log could not record it.'));
    },
    [api, notify],
  );
}
