import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { formatLongDate, ukToday } from '../../../../shared/dates';
import { RETENTION_KIND } from '../../../../shared/erasure';
import { todayKindLabel, URGENCY_LABELS, type TodayGroup, type TodayItem } from '../../../../shared/today/today-types';
import { ApiError } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { RetentionActions } from '../erasure';
import { useMarkActionDone } from '../meetings';
import { useAppInfo, useSettings } from '../settings';
import { RegisterStartActions } from '../trainees';
import { useToday } from './queries';

function dueText(item: TodayItem, today: string): string {
  if (item.dueDate === today) return 'Due today';
  return item.dueDate < today ? `Was due ${formatLongDate(item.dueDate)}` : `Due ${formatLongDate(item.dueDate)}`;
}

function TodayRow({ item, today }: { item: TodayItem; today: string }) {
  const markDone = useMarkActionDone();
  const complete = () => markDone(item);
  return (
    <li className={`today-row today-${item.urgency}`}>
      <span className="today-due">{dueText(item, today)}</span>
      <span className="today-main">
        <Link href={item.link} className="table-link">
          {item.title}
        </Link>
        <span className="muted">
          {' '}
          · {item.traineeName}
          {item.detail ? ` · ${item.detail}` : ''}
        </span>
      </span>
      <span className="badge">{todayKindLabel(item.kind)}</span>
      {item.kind === 'meeting_action' ? (
        <button
          type="button"
          className="button button-small"
          onClick={() => void complete()}
          aria-label={`Mark done: ${item.title} (${item.traineeName})`}
        >
          Mark done
        </button>
      ) : item.kind === RETENTION_KIND ? (
        <RetentionActions traineeId={item.traineeId} traineeName={item.traineeName} />
      ) : (
        <span />
      )}
    </li>
  );
}

function TodaySection({ group, today }: { group: TodayGroup; today: string }) {
  const [showAll, setShowAll] = useState(false);
  const items = group.items;
  if (items.length === 0) return null;
  const LIMIT = 25;
  const shown = showAll ? items : items.slice(0, LIMIT);
  const headingId = `today-${group.urgency}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {URGENCY_LABELS[group.urgency]} <span className="muted">({group.total})</span>
      </h2>
      <ul className="today-list">
        {shown.map((item) => (
          <TodayRow key={`${item.kind}:${item.id}`} item={item} today={today} />
        ))}
      </ul>
      {items.length > LIMIT ? (
        <button type="button" className="button button-small" onClick={() => setShowAll((s) => !s)}>
          {showAll ? 'Show fewer' : `Show all ${items.length}`}
        </button>
      ) : null}
      {group.total > group.items.length ? (
        <p className="muted">
          Showing the first {group.items.length} of {group.total}; open a trainee to see the rest.
        </p>
      ) : null}
    </section>
  );
}

/** The start screen: what is overdue, due soon and coming up, each row opening the place to act. */
export function TodayPage() {
  const info = useAppInfo();
  const settings = useSettings();
  const [, navigate] = useLocation();
  const [kind, setKind] = useState('');
  const traineeCount = info.data?.traineeCount ?? 0;
  const view = useToday(traineeCount, kind);
  const greetingName = settings.data?.userName ? `, ${settings.data.userName}` : '';
  const today = view.data?.today ?? ukToday();
  const nothingDue = view.data && view.data.kinds.length === 0;
  const pastRetention = view.data?.kinds.find((k) => k.kind === RETENTION_KIND)?.total ?? 0;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Today</h1>
          <p className="muted">
            {formatLongDate(ukToday())}
            {greetingName ? ` · Welcome back${greetingName}` : ''}
          </p>
        </div>
        {traineeCount > 0 ? (
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => navigate('/meetings/new')}>
              New 1:1
            </button>
          </div>
        ) : null}
      </div>
      {info.data && info.data.traineeCount === 0 ? (
        <EmptyState title="Welcome to TPD Companion" actions={<RegisterStartActions />}>
          <p>
            Start with your register of trainees. Everything you record stays on this computer, encrypted, and nothing
            is sent anywhere.
          </p>
        </EmptyState>
      ) : null}
      {pastRetention > 0 && kind !== RETENTION_KIND ? (
        <div className="alert" role="note">
          <strong>Past your retention period: {pastRetention.toLocaleString('en-GB')}</strong> — archived trainees kept
          longer than Settings → Retention says. Erase each record or keep it for another period.{' '}
          <button type="button" className="button button-small" onClick={() => setKind(RETENTION_KIND)}>
            Show them
          </button>
        </div>
      ) : null}
      {view.data && !nothingDue ? (
        <>
          <div className="toolbar">
            <div className="summary-cards" role="group" aria-label="Summary">
              {view.data.groups.map((g) => (
                <div
                  key={g.urgency}
                  className={g.urgency === 'overdue' && g.total ? 'summary-card summary-card-warning' : 'summary-card'}
                >
                  <span className="summary-number">{g.total.toLocaleString('en-GB')}</span>
                  {URGENCY_LABELS[g.urgency].toLowerCase()}
                </div>
              ))}
            </div>
            <label className="inline-label">
              Show
              <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Show only">
                <option value="">Everything</option>
                {view.data.kinds.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {todayKindLabel(k.kind)} ({k.total})
                  </option>
                ))}
              </select>
            </label>
          </div>
          {view.data.groups.map((g) => (
            <TodaySection key={`${g.urgency}:${kind}`} group={g} today={today} />
          ))}
        </>
      ) : null}
      {nothingDue ? (
        <EmptyState title="Nothing due">
          <p>
            No actions, 1:1s, reviews or follow-ups are due in the next four weeks.{' '}
            <Link href="/trainees">Open the register</Link> to record a 1:1.
          </p>
        </EmptyState>
      ) : null}
      {view.isError ? (
        <div className="alert alert-error" role="alert">
          {view.error instanceof ApiError ? view.error.message : 'The Today view could not be loaded.'}
        </div>
      ) : null}
    </div>
  );
}
