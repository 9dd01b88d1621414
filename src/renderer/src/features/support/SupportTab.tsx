import { useEffect, useState } from 'react';
import { useWatch } from 'react-hook-form';
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
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { useZodForm } from '../../components/useZodForm';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FormFooter } from '../../components/FormFooter';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { DATE_INPUT } from '../../components/date-input';
import { usePlan } from '../plp';
import { useRemoveSupportItem } from './mutations';
import { useSupportCatalogue, useSupportItems } from './queries';

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
  const {
    formError,
    submitWith,
    register,
    control,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof supportOfferSchema, OfferValues>(supportOfferSchema, {
    defaultValues: { traineeId, catalogueId: '', label: '', offeredOn: formatUkDate(ukToday()), goalId: '', note: '' },
  });
  const fromCatalogue = Boolean(useWatch({ control, name: 'catalogueId' }));
  return (
    <form
      className="form"
      noValidate
      aria-label="Offer support"
      onSubmit={submitWith(async (input) => {
        onDone(
          await api.support.offer({ ...input, catalogueId: input.catalogueId || null, goalId: input.goalId || null }),
        );
      })}
    >
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Support offer" error={errors.catalogueId?.message}>
          <Select
            {...register('catalogueId')}
            autoFocus
            placeholder="Other (describe below)"
            options={(catalogue.data ?? []).map((c) => ({ value: c.id, label: c.label }))}
          />
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
          <Select
            {...register('goalId')}
            placeholder="None"
            options={(plan.data ?? []).map((g) => ({ value: g.id, label: g.title }))}
          />
        </Field>
      </div>
      <Field label="Note" error={errors.note?.message}>
        <textarea {...register('note')} rows={2} />
      </Field>
      <FormFooter submitLabel="Record offer" submitting={isSubmitting} onCancel={onCancel} />
    </form>
  );
}

type StepValues = Record<keyof SupportStepInput, string>;

function StepForm({ item, onDone, onCancel }: { item: SupportItem; onDone(): void; onCancel(): void }) {
  const api = useApi();
  const steps = SUPPORT_NEXT_STEPS[item.status];
  const {
    formError,
    submitWith,
    register,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof supportStepSchema, StepValues>(supportStepSchema, {
    defaultValues: { id: item.id, status: steps[0] ?? 'completed', on: formatUkDate(ukToday()), outcome: '' },
  });
  return (
    <form
      className="form"
      noValidate
      aria-label="Record a support step"
      onSubmit={submitWith(async (input) => {
        await api.support.step(input);
        onDone();
      })}
    >
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="What happened" required error={errors.status?.message}>
          <Select
            {...register('status')}
            options={steps.map((s) => ({ value: s, label: SUPPORT_STATUSES.label(s) }))}
          />
        </Field>
        <Field label="On" required hint="dd/mm/yyyy" error={errors.on?.message}>
          <input {...register('on')} {...DATE_INPUT} />
        </Field>
      </div>
      <Field label="Outcome" hint="Needed when completed or declined" error={errors.outcome?.message}>
        <textarea {...register('outcome')} rows={3} />
      </Field>
      <FormFooter submitLabel="Save" submitting={isSubmitting} onCancel={onCancel} />
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
export function SupportTab({ trainee }: { trainee: Trainee }) {
  const [, params] = useRoute('/trainees/:id/support/:item');
  const items = useSupportItems(trainee.id);
  const { notify } = useToast();
  const remove = useRemoveSupportItem();
  const [dialog, setDialog] = useState<{ kind: 'offer' } | { kind: 'step'; item: SupportItem } | null>(null);
  const today = ukToday();
  const highlighted = params?.item;
  useEffect(() => {
    if (highlighted && items.data) document.getElementById(`support-${highlighted}`)?.focus();
  }, [highlighted, items.data]);

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
              notify('Support updated');
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
