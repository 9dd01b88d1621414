import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { Link } from 'wouter';
import { formatLongDate, formatUkDate, ukToday } from '../../../../shared/dates';
import {
  earlyNeedsFieldsSchema,
  identifiedNeedSchema,
  PRACTICAL_NEEDS,
  SCREENING_OPTIONS,
  type EarlyNeeds,
  type EarlyNeedsFields,
  type IdentifiedNeedInput,
} from '../../../../shared/needs/needs-types';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { FormError } from '../../components/FormError';
import { FormFooter } from '../../components/FormFooter';
import { useToast } from '../../components/Toasts';
import { DATE_INPUT } from '../../components/date-input';
import { AreaOptions } from '../plp';
import { useNeedActions } from './mutations';
import { useNeeds } from './queries';

type IntakeValues = Omit<Record<keyof EarlyNeedsFields, string>, 'practicalNeeds'> & { practicalNeeds: string[] };

function intakeValues(traineeId: string, n: EarlyNeeds | null): IntakeValues {
  const text = (v: string | null | undefined) => v ?? '';
  return {
    traineeId,
    completedOn: formatUkDate(n?.completedOn),
    previousExperience: text(n?.previousExperience),
    nhsFamiliarity: text(n?.nhsFamiliarity),
    learningPreferences: text(n?.learningPreferences),
    communicationLanguage: text(n?.communicationLanguage),
    practicalNeeds: n?.practicalNeeds ?? [],
    practicalNotes: text(n?.practicalNotes),
    wellbeing: text(n?.wellbeing),
    reasonableAdjustments: text(n?.reasonableAdjustments),
    neurodiversityScreening: n?.neurodiversityScreening ?? 'not_discussed',
    neurodiversityScreeningOn: formatUkDate(n?.neurodiversityScreeningOn),
    consentShareWith: text(n?.consentShareWith),
    consentScope: text(n?.consentScope),
    consentGivenOn: formatUkDate(n?.consentGivenOn),
    referrals: text(n?.referrals),
  };
}

function IntakeForm({ traineeId, intake }: { traineeId: string; intake: EarlyNeeds | null }) {
  const api = useApi();
  const { notify } = useToast();
  const {
    formError,
    submitWith,
    register,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof earlyNeedsFieldsSchema, IntakeValues>(earlyNeedsFieldsSchema, {
    defaultValues: intakeValues(traineeId, intake),
    mode: 'onBlur',
  });
  const e = (name: keyof IntakeValues) => errors[name]?.message as string | undefined;
  const area = (name: keyof IntakeValues, label: string, hint?: string) => (
    <Field label={label} hint={hint} error={e(name)}>
      <textarea {...register(name)} rows={2} />
    </Field>
  );
  return (
    <form
      className="form"
      noValidate
      aria-label="Early needs"
      onSubmit={submitWith(async (fields) => {
        await api.needs.save(fields);
        notify('Early needs saved');
      })}
    >
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Date of the intake" hint="dd/mm/yyyy" error={e('completedOn')}>
          <input {...register('completedOn')} {...DATE_INPUT} />
        </Field>
      </div>
      <div className="form-grid form-grid-wide">
        {area('previousExperience', 'Previous experience')}
        {area('nhsFamiliarity', 'Familiarity with the NHS and UK general practice')}
        {area('learningPreferences', 'Learning preferences')}
        {area('communicationLanguage', 'Communication and language')}
      </div>
      <fieldset className="group-box">
        <legend>Practical needs</legend>
        <div className="checkbox-row">
          {PRACTICAL_NEEDS.map((n) => (
            <label key={n.value} className="checkbox">
              <input type="checkbox" value={n.value} {...register('practicalNeeds')} /> {n.label}
            </label>
          ))}
        </div>
        {area('practicalNotes', 'Practical needs: details')}
      </fieldset>
      <div className="form-grid form-grid-wide">
        {area('wellbeing', 'Wellbeing')}
        {area('reasonableAdjustments', 'Reasonable adjustments')}
      </div>
      <div className="form-grid">
        <Field label="Neurodiversity screening" error={e('neurodiversityScreening')}>
          <Select {...register('neurodiversityScreening')} options={SCREENING_OPTIONS} />
        </Field>
        <Field label="Screening offered on" hint="dd/mm/yyyy" error={e('neurodiversityScreeningOn')}>
          <input {...register('neurodiversityScreeningOn')} {...DATE_INPUT} />
        </Field>
      </div>
      <fieldset className="group-box">
        <legend>Consent</legend>
        <p className="muted">
          What the trainee agreed may be shared, with whom, and when they agreed. Screening results are shared only with
          consent.
        </p>
        <div className="form-grid">
          <Field label="May be shared with" hint="e.g. Educational supervisor; exam lead" error={e('consentShareWith')}>
            <input {...register('consentShareWith')} autoComplete="off" />
          </Field>
          <Field label="Consent given on" hint="dd/mm/yyyy" error={e('consentGivenOn')}>
            <input {...register('consentGivenOn')} {...DATE_INPUT} />
          </Field>
        </div>
        {area('consentScope', 'What may be shared')}
      </fieldset>
      {area('referrals', 'Referrals made')}
      <FormFooter submitLabel="Save early needs" submitting={isSubmitting} />
    </form>
  );
}

function IdentifiedNeeds({
  traineeId,
  view,
}: {
  traineeId: string;
  view: NonNullable<ReturnType<typeof useNeeds>['data']>;
}) {
  const api = useApi();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof identifiedNeedSchema, Record<keyof IdentifiedNeedInput, string>>(identifiedNeedSchema, {
    defaultValues: { traineeId, area: '', description: '' },
  });
  const needActions = useNeedActions();
  return (
    <section className="card stack" aria-labelledby="needs-heading">
      <h2 id="needs-heading">Identified needs</h2>
      {view.needs.length ? (
        <ul className="bare-list" aria-label="Identified needs">
          {view.needs.map((n) => (
            <li key={n.id} className="need-row">
              <span>
                <strong>{n.description}</strong> <span className="muted">· {n.areaLabel}</span>
              </span>
              {n.goalId ? (
                <Link href={`/trainees/${traineeId}/plan/${n.goalId}`}>In the PLP</Link>
              ) : (
                <span className="button-row">
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void needActions.makeGoal(n)}
                    aria-label={`Make PLP goal: ${n.description}`}
                  >
                    Make PLP goal
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void needActions.remove(n)}
                    aria-label={`Remove need: ${n.description}`}
                  >
                    Remove
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No needs identified yet.</p>
      )}
      <form
        className="inline-form"
        noValidate
        aria-label="Add a need"
        onSubmit={handleSubmit(async (input) => {
          await api.needs.addNeed(input);
          reset({ traineeId, area: input.area, description: '' });
        })}
      >
        <Field label="Need" error={errors.description?.message}>
          <input {...register('description')} autoComplete="off" />
        </Field>
        <Field label="Area of need" error={errors.area?.message}>
          <select {...register('area')}>
            <AreaOptions />
          </select>
        </Field>
        <button type="submit" className="button" disabled={isSubmitting}>
          Add need
        </button>
      </form>
    </section>
  );
}

/** Early needs ("hello form"): the intake, consent, and needs that become PLP goals in one click. */
function DestroyForm({ traineeId }: { traineeId: string }) {
  const api = useApi();
  const { notify } = useToast();
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger className="button button-small">Destroy this form…</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog">
          <AlertDialog.Title className="dialog-title">Destroy the early-needs form?</AlertDialog.Title>
          <AlertDialog.Description>
            The intake and its list of needs are deleted for good. Goals already in the PLP stay. This cannot be undone.
          </AlertDialog.Description>
          <div className="button-row dialog-body">
            <AlertDialog.Action
              className="button button-danger"
              onClick={async () => {
                try {
                  await api.needs.destroy({ traineeId });
                  notify('Early-needs form destroyed');
                } catch (e) {
                  notify(e instanceof ApiError ? e.message : 'That did not work; nothing changed.');
                }
              }}
            >
              Destroy form
            </AlertDialog.Action>
            <AlertDialog.Cancel className="button">Keep it</AlertDialog.Cancel>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

export function NeedsTab({ trainee }: { trainee: Trainee }) {
  const needs = useNeeds(trainee.id);
  if (!needs.data) return <p role="status">Loading…</p>;
  const expired = needs.data.retainUntil <= ukToday();
  return (
    <div className="stack">
      <div className={expired ? 'alert alert-error' : 'alert'} role="note">
        Special category data, kept encrypted on this computer. This form is marked for destruction at the end of
        training: <strong>{formatLongDate(needs.data.retainUntil)}</strong>
        {expired ? ' — that date has passed.' : '.'} {needs.data.intake ? <DestroyForm traineeId={trainee.id} /> : null}
      </div>
      <IdentifiedNeeds traineeId={trainee.id} view={needs.data} />
      <section className="card" aria-labelledby="intake-heading">
        <h2 id="intake-heading">Early needs (“hello form”)</h2>
        <IntakeForm key={needs.data.intake?.updatedAt ?? 'new'} traineeId={trainee.id} intake={needs.data.intake} />
      </section>
    </div>
  );
}
