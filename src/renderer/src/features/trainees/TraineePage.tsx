import * as Tabs from '@radix-ui/react-tabs';
import { useMemo, useState, type ComponentType } from 'react';
import { Link, useLocation } from 'wouter';
import { formatLongDate } from '../../../../shared/dates';
import { displayName, type Trainee, type TraineeFields } from '../../../../shared/trainees/trainee-schema';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useToast } from '../../components/Toasts';
import { HandedOverNote, HandOverDialog } from '../handover';
import { useSetArchived } from './mutations';
import { useTrainee, useTrainees } from './queries';
import { TraineeForm } from './TraineeForm';

export interface TraineeTabProps {
  trainee: Trainee;
}

/** One tab of a trainee's page; `id` also appears in the URL (#/trainees/:id/:tab). */
export interface TraineeTab {
  id: string;
  label: string;
  component: ComponentType<TraineeTabProps>;
}

/** A button (and whatever it opens) in the page header, handed in by the app layer like the tabs. */
export type TraineeAction = ComponentType<TraineeTabProps>;

/**
 * A trainee's record. The tabs are handed in by the app layer, so the features that show a tab
 * here never import this page and this page imports none of them.
 */
export function TraineePage({
  id,
  tabs,
  actions = [],
  editing,
  tab,
}: {
  id: string;
  tabs: readonly TraineeTab[];
  actions?: readonly TraineeAction[];
  editing?: boolean;
  tab?: string;
}) {
  const api = useApi();
  const [, navigate] = useLocation();
  const { notify } = useToast();
  const trainee = useTrainee(id);
  const archive = useSetArchived();
  const [handingOver, setHandingOver] = useState(false);
  // The whole register is only needed for the edit form's suggestions.
  const all = useTrainees(false, { enabled: Boolean(editing) });
  const programmes = useMemo(() => [...new Set((all.data ?? []).map((t) => t.programme))].sort(), [all.data]);
  const supervisors = useMemo(
    () =>
      [...new Set((all.data ?? []).map((t) => t.educationalSupervisor).filter((s): s is string => Boolean(s)))].sort(),
    [all.data],
  );

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
  const activeTab = tabs.find((x) => x.id === tab) ?? tabs[0]!;
  const name = displayName(t);

  const save = async (fields: TraineeFields) => {
    await api.trainees.update({ id, fields });
    notify('Changes saved');
    navigate(`/trainees/${id}`);
  };
  const setArchived = (archived: boolean) => archive(t, archived);

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
            {t.givenName !== (t.preferredName || t.givenName) || t.preferredName
              ? `${t.givenName} ${t.familyName} · `
              : ''}
            {t.grade} · {t.programme}
          </p>
          <p>
            <HandedOverNote traineeId={t.id} />
          </p>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => navigate(`/trainees/${id}/edit`)}
            disabled={Boolean(t.archivedAt)}
          >
            Edit details
          </button>
          <button type="button" className="button" onClick={() => setHandingOver(true)}>
            Hand over…
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
          {actions.map((Action, i) => (
            <Action key={i} trainee={t} />
          ))}
        </div>
      </div>
      {t.unreadable ? (
        <div className="alert alert-error" role="alert">
          Part of this record could not be read: {t.unreadable.join('; ')}. Choose Edit details, correct it and save.
        </div>
      ) : null}
      {t.archivedAt ? (
        <div className="alert" role="status">
          Archived on {formatLongDate(t.archivedAt)}. Archived trainees are hidden from lists; restore to work with this
          record again.
        </div>
      ) : null}
      <Tabs.Root
        value={activeTab.id}
        onValueChange={(tab) => navigate(tab === 'overview' ? `/trainees/${id}` : `/trainees/${id}/${tab}`)}
      >
        <Tabs.List className="tabs" aria-label="Trainee record">
          {tabs.map((tab) => (
            <Tabs.Trigger key={tab.id} value={tab.id} className="tab">
              {tab.label}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Content key={tab.id} value={tab.id} className="tab-panel">
            <tab.component trainee={t} />
          </Tabs.Content>
        ))}
      </Tabs.Root>
      <HandOverDialog open={handingOver} onOpenChange={setHandingOver} trainees={[{ id: t.id, name }]} />
      <Dialog
        open={Boolean(editing)}
        onOpenChange={(o) => !o && navigate(`/trainees/${id}`)}
        title={`Edit ${name}`}
        wide
      >
        <TraineeForm
          trainee={t}
          programmes={programmes}
          supervisors={supervisors}
          onSubmit={save}
          onCancel={() => navigate(`/trainees/${id}`)}
        />
      </Dialog>
    </div>
  );
}
