import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { useRoute } from 'wouter';
import { formatLongDate, formatUkDate, ukToday } from '../../../../shared/dates';
import {
  isSupportOpen,
  SUPPORT_NEXT_STEPS,
  supportOfferSchema,
  SUPPORT_STATUSES,
  supportStepSchema,
  type SupportItem,
  type SupportOfferInput,
  type SupportStepInput,
} from '../../../../shared/support/support-types';
import { useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import type { TraineeTabProps } from '../trainees/trainee-tabs';
import { DATE_INPUT } from '../../components/date-input';
import { applyServerError } from '../../lib/server-errors';
import { useInvalidateEveryday, usePlan, useSupportCatalogue, useSupportItems } from '../meetings/queries';

type OfferValues = Record<Exclude<keyof SupportOfferInput, never>, string>;

export function OfferForm({
  traineeId,
  onDone,
  onCancel,
}: {
  traineeId: string;
  onDone(item: SupportItem): void;
  onCancel(): void;
}) {
  const api = useApi();
  const catalogue = useSupportCatalogue();
  const plan = usePlan(traineeId);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<OfferValues, unknown, SupportOfferInput>({
    defaultValues: { traineeId, catalogueId: '', label: '', offeredOn: formatUkDate(ukToday()), goalId: '', note: '' },
    resolver: zodResolver(supportOfferSchema) as unknown as Resolver<OfferValues, unknown, SupportOfferInput>,
  });
  const fromCatalogue = Boolean(useWatch({ control, name: 'catalogueId' }));
  return (
    <form
      className="form"
      noValidate
      aria-label="Offer support"
      onSubmit={handleSubmit(async (input) => {
        setFormError(null);
        try {
          onDone(
            await api.support.offer({ ...input, catalogueId: input.catalogueId || null, goalId: input.goalId || null }),
          );
        } catch (error) {
          applyServerError(error, setError, setFormError);
        }
      })}
    >
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Support offer" error={errors.catalogueId?.message}>
          <select {...register('catalogueId')} autoFocus>
            <option value="">Other (describe below)</option>
            {(catalogue.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label="Describe the support"
          hint={fromCatalogue ? 'Optional: overrides the catalogue name' : 'Needed when it is not in the catalogue'}
          error={errors.label?.message}
        >
          <input {...register('label')} autoComplete="off" />
        </Field>
        <Field label="Offered on" required hint="dd/mm/yyyy" error={errors.offeredOn?.message}>
          <input {...register('offeredOn')} {...DATE_INPUT} />
        </Field>
        <Field label="Serves PLP goal" error={errors.goalId?.message}>
          <select {...register('goalId')}>
            <option value="">None</option>
            {(plan.data ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.title}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label="Note" error={errors.note?.message}>
        <textarea {...register('note')} rows={2} />
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          Record offer
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type StepValues = Record<keyof SupportStepInput, string>;

function StepForm({ item, onDone, onCancel }: { item: SupportItem; onDone(): void; onCancel(): void }) {
  const api = useApi();
  const steps = SUPPORT_NEXT_STEPS[item.status];
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<StepValues, unknown, SupportStepInput>({
    defaultValues: { id: item.id, status: steps[0] ?? 'completed', on: formatUkDate(ukToday()), outcome: '' },
    resolver: zodResolver(supportStepSchema) as unknown as Resolver<StepValues, unknown, SupportStepInput>,
  });
  return (
    <form
      className="form"
      noValidate
      aria-label="Record a support step"
      onSubmit={handleSubmit(async (input) => {
        setFormError(null);
        try {
          await api.support.step(input);
          onDone();
        } catch (error) {
          applyServerError(error, setError, setFormError);
        }
      })}
    >
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="What happened" required error={errors.status?.message}>
          <select {...register('status')}>
            {steps.map((s) => (
              <option key={s} value={s}>
                {SUPPORT_STATUSES.label(s)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="On" required hint="dd/mm/yyyy" error={errors.on?.message}>
          <input {...register('on')} {...DATE_INPUT} />
        </Field>
      </div>
      <Field label="Outcome" hint="Needed when completed or declined" error={errors.outcome?.message}>
        <textarea {...register('outcome')} rows={3} />
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          Save
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function stepDates(item: SupportItem): string {
  const parts: Array<[string, string | null]> = [
    ['offered', item.offeredOn],
    ['accepted', item.acceptedOn],
    ['declined', item.declinedOn],
    ['attended', item.attendedOn],
    ['completed', item.completedOn],
  ];
  return parts
    .filter(([, d]) => d)
    .map(([w, d]) => `${w} ${formatLongDate(d)}`)
    .join(' · ');
}

/** Support and referrals: each offer followed until it is taken up, declined or completed. */
export function SupportTab({ trainee }: TraineeTabProps) {
  const api = useApi();
  const [, params] = useRoute('/trainees/:id/support/:item');
  const items = useSupportItems(trainee.id);
  const invalidate = useInvalidateEveryday();
  const { notify } = useToast();
  const [dialog, setDialog] = useState<{ kind: 'offer' } | { kind: 'step'; item: SupportItem } | null>(null);
  const today = ukToday();
  const highlighted = params?.item;
  useEffect(() => {
    if (highlighted && items.data) document.getElementById(`support-${highlighted}`)?.focus();
  }, [highlighted, items.data]);

  const remove = async (item: SupportItem) => {
    await api.support.delete({ id: item.id });
    await invalidate();
    notify(`Removed: ${item.label}`, {
      label: 'Undo',
      run: () => void api.support.restore({ id: item.id }).then(invalidate),
    });
  };

  return (
    <div className="stack">
      <div className="page-header">
        <h2>Support and referrals</h2>
        <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'offer' })}>
          Offer support
        </button>
      </div>
      {items.data && items.data.length === 0 ? (
        <EmptyState title="No support offered yet">
          <p>Record each offer (a course, a mentor, a referral) and follow it up until it is taken up or closed.</p>
        </EmptyState>
      ) : (
        <ul className="card-list" aria-label="Support items">
          {(items.data ?? []).map((item) => {
            const open = isSupportOpen(item.status);
            const followUp = open && item.followUpOn && item.followUpOn <= today;
            return (
              <li key={item.id}>
                <article
                  id={`support-${item.id}`}
                  tabIndex={-1}
                  className={item.id === highlighted ? 'card goal-highlighted' : 'card'}
                  aria-label={item.label}
                >
                  <div className="page-header">
                    <h3 className="goal-title">{item.label}</h3>
                    <span>
                      <span className={`badge support-${item.status}`}>{SUPPORT_STATUSES.label(item.status)}</span>
                      {followUp ? <span className="badge badge-warning">Needs follow-up</span> : null}
                    </span>
                  </div>
                  <p className="muted">
                    {stepDates(item)}
                    {open && item.followUpOn ? ` · follow up ${formatLongDate(item.followUpOn)}` : ''}
                  </p>
                  {item.note ? <p>{item.note}</p> : null}
                  {item.outcome ? <p>Outcome: {item.outcome}</p> : null}
                  <div className="button-row">
                    {SUPPORT_NEXT_STEPS[item.status].length ? (
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setDialog({ kind: 'step', item })}
                        aria-label={`Record what happened: ${item.label}`}
                      >
                        Record what happened
                      </button>
                    ) : null}
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void remove(item)}
                      aria-label={`Remove: ${item.label}`}
                    >
                      Remove
                    </button>
                  </div>
                </article>
              </li>
            );
          })}
        </ul>
      )}
      <Dialog open={dialog?.kind === 'offer'} onOpenChange={(o) => !o && setDialog(null)} title="Offer support" wide>
        {dialog?.kind === 'offer' ? (
          <OfferForm
            traineeId={trainee.id}
            onCancel={() => setDialog(null)}
            onDone={(item) => {
              setDialog(null);
              void invalidate();
              notify(`Offer recorded: ${item.label}`);
            }}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={dialog?.kind === 'step'}
        onOpenChange={(o) => !o && setDialog(null)}
        title={dialog?.kind === 'step' ? dialog.item.label : 'Support'}
      >
        {dialog?.kind === 'step' ? (
          <StepForm
            item={dialog.item}
            onCancel={() => setDialog(null)}
            onDone={() => {
              setDialog(null);
              void invalidate();
              notify('Support updated');
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
