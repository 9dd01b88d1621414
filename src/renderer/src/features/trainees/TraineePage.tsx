import { useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import { formatLongDate } from '../../../../shared/dates';
import { statusLabel } from '../../../../shared/trainees/reference';
import { displayName, type TraineeFields } from '../../../../shared/trainees/trainee-schema';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { useInvalidateTrainees, useTrainee, useTrainees } from './queries';
import { TraineeForm } from './TraineeForm';

export function TraineePage({ id, editing }: { id: string; editing?: boolean }) {
  const api = useApi();
  const [, navigate] = useLocation();
  const { notify } = useToast();
  const trainee = useTrainee(id);
  const all = useTrainees(false);
  const invalidate = useInvalidateTrainees();
  const programmes = useMemo(() => [...new Set((all.data ?? []).map((t) => t.programme))].sort(), [all.data]);
  const supervisors = useMemo(() => [...new Set((all.data ?? []).map((t) => t.educationalSupervisor).filter((s): s is string => Boolean(s)))].sort(), [all.data]);

  if (trainee.isLoading) return <p role="status">Loading…</p>;
  if (trainee.isError || !trainee.data) {
    return (
      <div className="page">
        <h1>Trainee not found</h1>
        <p>{trainee.error instanceof ApiError ? trainee.error.message : 'This trainee could not be loaded.'}</p>
        <Link href="/trainees">Back to trainees</Link>
      </div>
    );
  }
  const t = trainee.data;
  const name = displayName(t);

  const save = async (fields: TraineeFields) => {
    await api.trainees.update({ id, fields });
    await invalidate();
    notify('Changes saved');
    navigate(`/trainees/${id}`);
  };
  const setArchived = async (archived: boolean) => {
    try {
      await (archived ? api.trainees.archive({ id }) : api.trainees.restore({ id }));
      await invalidate();
      notify(archived ? `${name} archived` : `${name} restored`, {
        label: 'Undo',
        run: () => void (archived ? api.trainees.restore({ id }) : api.trainees.archive({ id })).then(invalidate),
      });
    } catch (e) {
      notify(e instanceof ApiError ? e.message : 'That did not work; nothing changed.');
    }
  };

  const details: Array<[string, string]> = [
    ['GMC number', t.gmcNumber],
    ['Programme', t.programme],
    ['Training grade', t.grade],
    ['Status', statusLabel(t.status)],
    ['Whole-time equivalent', `${Math.round(t.wte * 100)}%`],
    ['Programme start date', formatLongDate(t.programmeStartDate)],
    ['Expected CCT date', formatLongDate(t.expectedCctDate) || '—'],
    ['Educational supervisor', t.educationalSupervisor ?? '—'],
    ['Current post', t.currentPost ?? '—'],
    ['Email', t.email ?? '—'],
    ['Pronouns', t.pronouns ?? '—'],
    ['Tags', t.tags.join(', ') || '—'],
  ];

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/trainees">Trainees</Link> › {name}
      </p>
      <div className="page-header">
        <div>
          <h1>
            {name}
            {t.archivedAt ? <span className="badge">Archived</span> : null}
          </h1>
          <p className="muted">
            {t.givenName !== (t.preferredName || t.givenName) || t.preferredName ? `${t.givenName} ${t.familyName} · ` : ''}
            {t.grade} · {t.programme}
          </p>
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={() => navigate(`/trainees/${id}/edit`)} disabled={Boolean(t.archivedAt)}>
            Edit details
          </button>
          {t.archivedAt ? (
            <button type="button" className="button" onClick={() => void setArchived(false)}>
              Restore
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void setArchived(true)}>
              Archive
            </button>
          )}
        </div>
      </div>
      {t.archivedAt ? (
        <div className="alert" role="status">
          Archived on {formatLongDate(t.archivedAt)}. Archived trainees are hidden from lists; restore to work with this record again.
        </div>
      ) : null}
      <section aria-labelledby="details-heading" className="card">
        <h2 id="details-heading">Details</h2>
        <dl className="details">
          {details.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <Dialog open={Boolean(editing)} onOpenChange={(o) => !o && navigate(`/trainees/${id}`)} title={`Edit ${name}`} wide>
        <TraineeForm trainee={t} programmes={programmes} supervisors={supervisors} onSubmit={save} onCancel={() => navigate(`/trainees/${id}`)} />
      </Dialog>
    </div>
  );
}
