import { formatLongDate } from '../../../../shared/dates';
import { useHandoverOrigins } from './queries';

/**
 * "Handed over by … on …" for a record (or, without `recordId`, the trainee) that came in a handover
 * file; nothing for records made here.
 */
export function HandedOverNote({ traineeId, recordId }: { traineeId: string; recordId?: string }) {
  const origins = useHandoverOrigins(traineeId);
  const origin = recordId ? origins.data?.records[recordId] : origins.data?.trainee;
  if (!origin) return null;
  return (
    <span className="handed-over-note muted">
      Handed over by {origin.fromName} on {formatLongDate(origin.madeAt)}
    </span>
  );
}
