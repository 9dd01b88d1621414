import { useEffect, useState } from 'react';
import { Link, useLocation, useRoute } from 'wouter';
import { formatLongDate, ukToday } from '../../../../shared/dates';
import { GOAL_STATUSES, isGoalOpen, type GoalFields, type PlpGoal } from '../../../../shared/plp/plp-types';
import { SUPPORT_STATUSES } from '../../../../shared/support/support-types';
import { displayName, type Trainee } from '../../../../shared/trainees/trainee-schema';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { HandedOverNote } from '../handover';
import { EmptyState } from '../../components/EmptyState';
import { PasteReadySections } from '../../components/PasteReadySections';
import { useToast } from '../../components/Toasts';
import { saveExportedFile } from '../../lib/download';
import { useDeleteGoal } from './mutations';
import { usePlan, usePlanText } from './queries';
import { GoalForm, ReviewForm } from './GoalForm';

function GoalCard({
  goal,
  traineeId,
  highlighted,
  onEdit,
  onReview,
  onDelete,
}: {
  goal: PlpGoal;
  traineeId: string;
  highlighted: boolean;
  onEdit(): void;
  onReview(): void;
  onDelete(): void;
}) {
  const open = isGoalOpen(goal.status);
  const overdue = open && goal.nextReviewOn && goal.nextReviewOn < ukToday();
  return (
    <article
      id={`goal-${goal.id}`}
      className={highlighted ? 'card goal goal-highlighted' : 'card goal'}
      aria-labelledby={`goal-title-${goal.id}`}
      tabIndex={-1}
    >
      <div className="page-header">
        <h3 id={`goal-title-${goal.id}`} className="goal-title">
          {goal.title}
        </h3>
        <span className={`badge status-${goal.status}`}>{GOAL_STATUSES.label(goal.status)}</span>
      </div>
      <p className="muted">
        {goal.areaLabel}
        {goal.targetOn ? ` · target ${formatLongDate(goal.targetOn)}` : ''}
        {goal.nextReviewOn ? ` · next review ${formatLongDate(goal.nextReviewOn)}` : ''}
        {overdue ? <strong className="warning-text"> · review overdue</strong> : null}
      </p>
      {goal.successCriteria ? <p>Success looks like: {goal.successCriteria}</p> : null}
      <HandedOverNote traineeId={goal.traineeId} recordId={goal.id} />
      {goal.reviews.length ? (
        <ul className="bare-list review-list" aria-label="Progress reviews">
          {goal.reviews.map((r) => (
            <li key={r.id}>
              <strong>{formatLongDate(r.reviewedOn)}</strong> ({GOAL_STATUSES.label(r.statusAfter).toLowerCase()}):{' '}
              {r.note}
            </li>
          ))}
        </ul>
      ) : null}
      {goal.meetings.length || goal.support.length ? (
        <p className="muted">
          {goal.meetings.map((m, i) => (
            <span key={m.id}>
              {i === 0 ? '1:1s: ' : ', '}
              <Link href={`/trainees/${traineeId}/meetings/${m.id}`}>{formatLongDate(m.heldOn)}</Link>
            </span>
          ))}
          {goal.meetings.length && goal.support.length ? ' · ' : ''}
          {goal.support.map((s, i) => (
            <span key={s.id}>
              {i === 0 ? 'Support: ' : ', '}
              <Link href={`/trainees/${traineeId}/support/${s.id}`}>{s.label}</Link> (
              {SUPPORT_STATUSES.label(s.status).toLowerCase()})
            </span>
          ))}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          onClick={onReview}
          aria-label={`Review goal: ${goal.title}`}
        >
          Review
        </button>
        <button type="button" className="button button-small" onClick={onEdit} aria-label={`Edit goal: ${goal.title}`}>
          Edit
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={onDelete}
          aria-label={`Delete goal: ${goal.title}`}
        >
          Delete
        </button>
      </div>
    </article>
  );
}

/** The whole plan at a glance, with reviews, exports for the e-portfolio PDP, and shared content only in those. */
export function PlanTab({ trainee }: { trainee: Trainee }) {
  const api = useApi();
  const [, navigate] = useLocation();
  const [, params] = useRoute('/trainees/:id/plan/:goal');
  const plan = usePlan(trainee.id);
  const { notify } = useToast();
  const remove = useDeleteGoal();
  const [dialog, setDialog] = useState<
    { kind: 'new' } | { kind: 'edit' | 'review'; goal: PlpGoal } | { kind: 'text' } | null
  >(null);
  const [exporting, setExporting] = useState(false);
  const text = usePlanText(trainee.id, dialog?.kind === 'text');
  const highlighted = params?.goal;

  useEffect(() => {
    if (highlighted && plan.data) document.getElementById(`goal-${highlighted}`)?.focus();
  }, [highlighted, plan.data]);

  const save = async (fields: GoalFields) => {
    if (dialog?.kind === 'edit') await api.plp.updateGoal({ id: dialog.goal.id, fields });
    else await api.plp.createGoal(fields);
    setDialog(null);
    notify(dialog?.kind === 'edit' ? 'Goal saved' : 'Goal added to the plan');
  };
  const exportPdf = async () => {
    setExporting(true);
    try {
      saveExportedFile(await api.plp.exportPdf({ traineeId: trainee.id }));
      notify('PLP exported as PDF (shared content only)');
    } catch (e) {
      notify(e instanceof ApiError ? e.message : 'The export failed; please try again.');
    } finally {
      setExporting(false);
    }
  };

  const goals = plan.data ?? [];
  const counts = (['in_progress', 'not_started', 'achieved', 'stopped'] as const).map(
    (s) => [s, goals.filter((g) => g.status === s).length] as const,
  );
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h2>Personalised learning plan</h2>
          <p className="muted">
            {counts
              .filter(([, n]) => n)
              .map(([s, n]) => `${n} ${GOAL_STATUSES.label(s).toLowerCase()}`)
              .join(' · ') || 'No goals yet'}
          </p>
        </div>
        <div className="button-row">
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'new' })}>
            Add goal
          </button>
          <button
            type="button"
            className="button"
            onClick={() => void exportPdf()}
            disabled={exporting || goals.length === 0}
          >
            {exporting ? 'Exporting…' : 'Export PLP as PDF'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => setDialog({ kind: 'text' })}
            disabled={goals.length === 0}
          >
            Paste-ready text
          </button>
        </div>
      </div>
      {plan.data && goals.length === 0 ? (
        <EmptyState title="No goals in the plan yet">
          <p>Add goals agreed with the trainee, or turn needs from the early-needs form into goals with one click.</p>
        </EmptyState>
      ) : null}
      {goals.map((goal) => (
        <GoalCard
          key={goal.id}
          goal={goal}
          traineeId={trainee.id}
          highlighted={goal.id === highlighted}
          onEdit={() => setDialog({ kind: 'edit', goal })}
          onReview={() => setDialog({ kind: 'review', goal })}
          onDelete={() => void remove(goal)}
        />
      ))}
      <Dialog
        open={dialog?.kind === 'new' || dialog?.kind === 'edit'}
        onOpenChange={(o) => !o && setDialog(null)}
        title={dialog?.kind === 'edit' ? 'Edit goal' : 'New PLP goal'}
        wide
      >
        {dialog?.kind === 'new' || dialog?.kind === 'edit' ? (
          <GoalForm
            traineeId={trainee.id}
            goal={dialog.kind === 'edit' ? dialog.goal : undefined}
            onSubmit={save}
            onCancel={() => setDialog(null)}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={dialog?.kind === 'review'}
        onOpenChange={(o) => !o && setDialog(null)}
        title={dialog?.kind === 'review' ? `Review: ${dialog.goal.title}` : 'Review'}
      >
        {dialog?.kind === 'review' ? (
          <ReviewForm
            goal={dialog.goal}
            today={ukToday()}
            onCancel={() => setDialog(null)}
            onSubmit={async (input) => {
              await api.plp.addReview(input);
              setDialog(null);
              notify('Review saved');
            }}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={dialog?.kind === 'text'}
        onOpenChange={(o) => !o && setDialog(null)}
        title={`PLP for ${displayName(trainee)}: paste-ready text`}
        description="Shared content only, laid out to paste into the e-portfolio PDP."
        wide
      >
        {text.data ? <PasteReadySections sections={text.data} title="PLP sections" /> : <p role="status">Preparing…</p>}
      </Dialog>
      {highlighted && plan.data && !goals.some((g) => g.id === highlighted) ? (
        <div className="alert" role="status">
          That goal is no longer in the plan.{' '}
          <button
            type="button"
            className="button button-small"
            onClick={() => navigate(`/trainees/${trainee.id}/plan`)}
          >
            Show the plan
          </button>
        </div>
      ) : null}
    </div>
  );
}
