import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const examKeys = {
  all: keyIn('exams'),
  setup: keyIn('exams', 'setup'),
  trainee: (id: string) => keyIn('exams', 'trainee', id),
  monitor: keyIn('exams', 'monitor'),
  monitorTime: keyIn('exams', 'monitorTime'),
  postFailDraft: (attemptId: string) => keyIn('exams', 'draft', attemptId),
  exportText: (kind: string, id: string, updatedAt: string) => keyIn('exams', 'exportText', kind, id, updatedAt),
};

export function useExamSetup() {
  const api = useApi();
  return useQuery({ queryKey: examKeys.setup, queryFn: () => api.exams.setup() });
}

export function useTraineeExams(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: examKeys.trainee(traineeId), queryFn: () => api.exams.forTrainee({ traineeId }) });
}

export function useResitMonitor() {
  const api = useApi();
  return useQuery({ queryKey: examKeys.monitor, queryFn: () => api.exams.monitor() });
}

/** Extension time and the after-training attempt of trainees with an extension or who have left. */
export function useMonitorTime() {
  const api = useApi();
  return useQuery({ queryKey: examKeys.monitorTime, queryFn: () => api.exams.monitorTime() });
}

/** What a new post-fail conversation starts from (weakest domain, the tier's support); read fresh each time. */
export function usePostFailDraft(attemptId: string) {
  const api = useApi();
  return useQuery({
    queryKey: examKeys.postFailDraft(attemptId),
    queryFn: () => api.exams.postFailDraft({ attemptId }),
    staleTime: 0,
  });
}

/** Paste-ready text of a shared record; the key carries `updatedAt`, so an edit asks again. */
export function useRecordExportText(kind: 'postFail' | 'readiness', record: { id: string; updatedAt: string }) {
  const api = useApi();
  return useQuery({
    queryKey: examKeys.exportText(kind, record.id, record.updatedAt),
    queryFn: () =>
      kind === 'postFail' ? api.exams.postFailText({ id: record.id }) : api.exams.readinessText({ id: record.id }),
  });
}
