import { useQuery } from '@tanstack/react-query';
import { keyIn, useApi } from '../../api';

export const meetingKeys = {
  all: keyIn('meetings'),
  list: (traineeId: string) => keyIn('meetings', 'list', traineeId),
  history: (id: string) => keyIn('meetings', 'history', id),
  schedule: (traineeId: string) => keyIn('meetings', 'schedule', traineeId),
  templates: keyIn('meetings', 'templates'),
};

export function useMeetings(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: meetingKeys.list(traineeId), queryFn: () => api.meetings.list({ traineeId }) });
}

export function useMeetingHistory(id: string) {
  const api = useApi();
  return useQuery({ queryKey: meetingKeys.history(id), queryFn: () => api.meetings.history({ id }) });
}

export function useMeetingTemplates() {
  const api = useApi();
  return useQuery({ queryKey: meetingKeys.templates, queryFn: () => api.meetings.templates(), staleTime: 5 * 60_000 });
}

export function useSchedule(traineeId: string) {
  const api = useApi();
  return useQuery({ queryKey: meetingKeys.schedule(traineeId), queryFn: () => api.meetings.schedule({ traineeId }) });
}
