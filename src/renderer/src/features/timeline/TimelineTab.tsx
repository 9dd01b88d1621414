import { useState } from 'react';
import { Link } from 'wouter';
import { formatLongDate } from '../../../../shared/dates';
import { TIMELINE_KINDS, type TimelineEntry } from '../../../../shared/search/search-types';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { EmptyState } from '../../components/EmptyState';
import { useTimeline } from './queries';

/** Meetings, plan changes, support and status changes in one list, newest first, with filters. */
export function TimelineTab({ trainee }: { trainee: Trainee }) {
  const timeline = useTimeline(trainee.id);
  const [shown, setShown] = useState<Set<TimelineEntry['kind']>>(() => new Set(TIMELINE_KINDS.map((k) => k.value)));
  const entries = (timeline.data ?? []).filter((e) => shown.has(e.kind));
  const toggle = (kind: TimelineEntry['kind']) =>
    setShown((s) => {
      const next = new Set(s);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });
  return (
    <div className="stack">
      <fieldset className="group-box group-box-inline" aria-label="Show on the timeline">
        <legend>Show</legend>
        {TIMELINE_KINDS.map((k) => (
          <label key={k.value} className="checkbox">
            <input type="checkbox" checked={shown.has(k.value)} onChange={() => toggle(k.value)} /> {k.label} (
            {(timeline.data ?? []).filter((e) => e.kind === k.value).length})
          </label>
        ))}
      </fieldset>
      {timeline.data && entries.length === 0 ? (
        <EmptyState title="Nothing to show">
          <p>
            {timeline.data.length
              ? 'Every kind of entry is filtered out.'
              : 'Meetings, plan changes and support will appear here as you record them.'}
          </p>
        </EmptyState>
      ) : (
        <ol className="timeline" aria-label="Timeline">
          {entries.map((e) => (
            <li key={e.id} className={`timeline-entry timeline-${e.kind}`}>
              <time dateTime={e.date} className="timeline-date">
                {formatLongDate(e.date)}
              </time>
              <div>
                <Link href={e.link} className="table-link">
                  {e.title}
                </Link>
                {e.detail ? <p className="muted clamp">{e.detail}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
