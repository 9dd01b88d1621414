import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useState } from 'react';
import { Link, useLocation, useRoute } from 'wouter';
import { formatLongDate, formatUkDateTime, ukToday } from '../../../../shared/dates';
import { meetingSummaryMailto } from '../../../../shared/meetings/meeting-email';
import {
  ACTION_OWNERS,
  MEETING_MODES,
  WELLBEING_LEVELS,
  type Meeting,
} from '../../../../shared/meetings/meeting-types';
import { labelOf } from '../../../../shared/labelled-enum';
import { urgencyFor } from '../../../../shared/today/today-types';
import { displayName, type Trainee } from '../../../../shared/trainees/trainee-schema';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { HandedOverNote } from '../handover';
import { EmptyState } from '../../components/EmptyState';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { usePresenting } from '../../lib/presenting';
import { useLogExport } from '../export-log';
import { MeetingEditor } from './MeetingEditor';
import { useDeleteMeeting } from './mutations';
import { useMeetingHistory, useMeetings, useSchedule } from './queries';

function ScheduleCard({ traineeId, traineeName }: { traineeId: string; traineeName: string }) {
  const api = useApi();
  const schedule = useSchedule(traineeId);
  const { notify } = useToast();
  const [weeks, setWeeks] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!schedule.data) return null;
  const s = schedule.data;
  // The same rule as Today: a date before today is overdue.
  const overdue = urgencyFor(s.nextDueOn, ukToday()) === 'overdue';
  const saveCadence = async () => {
    try {
      await api.meetings.setCadence({ traineeId, weeks: Number(weeks) });
      setWeeks(null);
      setError(null);
      notify('1:1 cadence saved');
    } catch (e) {
      setError(e instanceof ApiError ? (e.fields.weeks ?? e.message) : 'That did not work; nothing changed.');
    }
  };
  return (
    <section className="card" aria-labelledby="next-heading">
      <h2 id="next-heading">Next 1:1</h2>
      <p>
        {overdue ? (
          <>
            <span className="badge badge-warning">Overdue</span> was due{' '}
          </>
        ) : (
          'Due '
        )}
        <strong>{formatLongDate(s.nextDueOn)}</strong>
        {s.lastHeldOn ? ` · last 1:1 on ${formatLongDate(s.lastHeldOn)}` : ' · no 1:1 recorded yet'}
        {s.agreed ? ' · date agreed at the last 1:1' : ''}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          onClick={() => void api.meetings.calendar({ traineeId }).then(saveExportedFile)}
          aria-label={`Add to calendar (.ics): the next 1:1 with ${traineeName}`}
        >
          Add to calendar (.ics)
        </button>
        <label className="inline-label">
          Meet every
          <input
            type="number"
            min={1}
            max={52}
            value={weeks ?? String(s.cadenceWeeks)}
            onChange={(e) => setWeeks(e.target.value)}
            aria-label="1:1 cadence in weeks"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'cadence-error' : undefined}
            className="number-input"
          />
          weeks
        </label>
        {weeks !== null ? (
          <button type="button" className="button button-small" onClick={() => void saveCadence()}>
            Save cadence
          </button>
        ) : null}
      </div>
      {error ? (
        <p id="cadence-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function MeetingHistory({ id }: { id: string }) {
  const history = useMeetingHistory(id);
  if (!history.data?.length) return null;
  const words: Record<string, string> = {
    created: 'Created',
    updated: 'Edited',
    deleted: 'Deleted',
    restored: 'Restored',
    action_done: 'Action marked done',
    action_reopened: 'Action reopened',
  };
  return (
    <details className="history">
      <summary>Edit history ({history.data.length})</summary>
      <ul>
        {history.data.map((h, i) => (
          <li key={i}>
            {formatUkDateTime(h.at)} · {words[h.action] ?? h.action}
            {h.changed.length ? `: ${h.changed.join(', ')}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

function MeetingDetail({
  meeting,
  trainee,
  onEdit,
  onDelete,
}: {
  meeting: Meeting;
  trainee: Trainee;
  onEdit(): void;
  onDelete(): void;
}) {
  const api = useApi();
  const { presenting } = usePresenting();
  const logExport = useLogExport();
  const mailto = meetingSummaryMailto(
    { email: trainee.email, name: trainee.preferredName || trainee.givenName },
    meeting,
  );
  return (
    <article className="stack" aria-label={`1:1 on ${formatLongDate(meeting.heldOn)}`}>
      <dl className="details">
        <div>
          <dt>Date</dt>
          <dd>
            {formatLongDate(meeting.heldOn)}
            {meeting.startTime ? `, ${meeting.startTime}` : ''}
            {meeting.durationMinutes ? ` (${meeting.durationMinutes} min)` : ''}
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{meeting.meetingTypeLabel}</dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd>{labelOf(MEETING_MODES, meeting.mode)}</dd>
        </div>
        <div>
          <dt>Who attended</dt>
          <dd>{meeting.attendees.join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Next 1:1 agreed</dt>
          <dd>{formatLongDate(meeting.nextDueOn) || 'By cadence'}</dd>
        </div>
      </dl>
      <section aria-label="Shared summary">
        <h3>Shared summary</h3>
        <p className="note-text">{meeting.sharedSummary || <span className="muted">None recorded.</span>}</p>
      </section>
      {!presenting && (meeting.privateNotes || meeting.wellbeing || meeting.wellbeingNote) ? (
        <section className="private-note" aria-label="Private notes">
          <p className="private-note-label">Private notes · only you see these; never exported, printed or copied</p>
          {meeting.wellbeing ? (
            <p>
              Wellbeing check: {labelOf(WELLBEING_LEVELS, meeting.wellbeing)}
              {meeting.wellbeingNote ? ` · ${meeting.wellbeingNote}` : ''}
            </p>
          ) : null}
          {meeting.privateNotes ? <p className="note-text">{meeting.privateNotes}</p> : null}
        </section>
      ) : null}
      <section aria-label="Agreed actions">
        <h3>Agreed actions</h3>
        {meeting.actions.length ? (
          <ul className="bare-list">
            {meeting.actions.map((a) => (
              <li key={a.id}>
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={Boolean(a.doneOn)}
                    onChange={(e) => void api.meetings.setActionDone({ id: a.id, done: e.target.checked })}
                  />{' '}
                  <span className={a.doneOn ? 'done-text' : undefined}>{a.description}</span>
                </label>{' '}
                <span className="muted">
                  · {labelOf(ACTION_OWNERS, a.owner)} · due {formatLongDate(a.dueOn)}
                  {a.doneOn ? ` · done ${formatLongDate(a.doneOn)}` : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No actions agreed.</p>
        )}
      </section>
      <MeetingHistory id={meeting.id} />
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onEdit}>
          Edit 1:1
        </button>
        {mailto ? (
          <a
            className="button"
            href={mailto}
            aria-label={`Email the summary to ${displayName(trainee)}`}
            onClick={() => logExport('email', [trainee.id], '1:1 shared summary, as an email draft')}
          >
            Email the summary
          </a>
        ) : (
          <span className="muted">Add an email address to the trainee’s details to email this summary.</span>
        )}
        <button type="button" className="button" onClick={onDelete}>
          Delete 1:1…
        </button>
      </div>
    </article>
  );
}

/** The 1:1s tab: the next one due, the list, and the selected or new meeting in a dialog. */
export function MeetingsTab({ trainee }: { trainee: Trainee }) {
  const [, navigate] = useLocation();
  const [, params] = useRoute('/trainees/:id/meetings/:item');
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState<Meeting | null>(null);
  const meetings = useMeetings(trainee.id);
  const { notify } = useToast();
  const deleteMeeting = useDeleteMeeting();
  const base = `/trainees/${trainee.id}/meetings`;
  const item = params?.item;
  const selected = item && item !== 'new' ? meetings.data?.find((m) => m.id === item) : undefined;
  const close = () => {
    setEditing(false);
    navigate(base);
  };

  const remove = async (meeting: Meeting) => {
    setConfirming(null);
    await deleteMeeting(meeting, () => navigate(base));
  };

  return (
    <div className="stack">
      <ScheduleCard traineeId={trainee.id} traineeName={displayName(trainee)} />
      <div className="page-header">
        <h2>1:1 meetings</h2>
        <button
          type="button"
          className="button button-primary"
          onClick={() => navigate(`${base}/new`)}
          disabled={Boolean(trainee.archivedAt)}
        >
          New 1:1
        </button>
      </div>
      {meetings.data && meetings.data.length === 0 ? (
        <EmptyState title="No 1:1s recorded yet">
          <p>Log each 1:1 here: a shared summary for the trainee, private notes for you, and the actions you agreed.</p>
        </EmptyState>
      ) : (
        <ul className="card-list" aria-label="1:1 meetings">
          {(meetings.data ?? []).map((m) => {
            const open = m.actions.filter((a) => !a.doneOn).length;
            return (
              <li key={m.id}>
                <Link href={`${base}/${m.id}`} className="card card-link">
                  <strong>
                    {formatLongDate(m.heldOn)} · {m.meetingTypeLabel}
                  </strong>
                  <span className="muted"> · {labelOf(MEETING_MODES, m.mode)}</span>
                  {open ? (
                    <span className="badge">
                      {open} open action{open === 1 ? '' : 's'}
                    </span>
                  ) : null}
                  <p className="clamp">{m.sharedSummary || 'No shared summary.'}</p>
                  <HandedOverNote traineeId={trainee.id} recordId={m.id} />
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <Dialog
        open={item === 'new'}
        onOpenChange={(o) => !o && close()}
        title={`New 1:1 with ${displayName(trainee)}`}
        wide
      >
        {item === 'new' ? (
          <MeetingEditor
            traineeId={trainee.id}
            onClose={close}
            onSaved={(m) => {
              notify('1:1 saved');
              navigate(`${base}/${m.id}`);
            }}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={Boolean(selected)}
        onOpenChange={(o) => !o && close()}
        title={selected ? `1:1 on ${formatLongDate(selected.heldOn)}` : '1:1'}
        wide
      >
        {selected && editing ? (
          <MeetingEditor
            traineeId={trainee.id}
            meeting={selected}
            onClose={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              notify('Changes saved');
            }}
          />
        ) : selected ? (
          <MeetingDetail
            meeting={selected}
            trainee={trainee}
            onEdit={() => setEditing(true)}
            onDelete={() => setConfirming(selected)}
          />
        ) : null}
      </Dialog>
      {item && item !== 'new' && meetings.data && !selected ? (
        <div className="alert" role="status">
          That 1:1 is no longer here; it may have been deleted.
        </div>
      ) : null}
      <AlertDialog.Root open={Boolean(confirming)} onOpenChange={(o) => !o && setConfirming(null)}>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className="dialog-overlay" />
          <AlertDialog.Content className="dialog">
            <AlertDialog.Title className="dialog-title">Delete this 1:1?</AlertDialog.Title>
            <AlertDialog.Description>
              The 1:1 on {formatLongDate(confirming?.heldOn)} and its actions will be removed. You can undo straight
              after.
            </AlertDialog.Description>
            <div className="button-row dialog-body">
              <AlertDialog.Action
                className="button button-danger"
                onClick={() => confirming && void remove(confirming)}
              >
                Delete 1:1
              </AlertDialog.Action>
              <AlertDialog.Cancel className="button">Keep it</AlertDialog.Cancel>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </div>
  );
}
