import { useState } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { formatLongDate, formatUkDate, ukToday } from '../../../../shared/dates';
import { bookingDeadline } from '../../../../shared/exams/attempt-limits';
import { CONTRIBUTING_FACTORS, type ContributingFactor } from '../../../../shared/exams/exam-reference';
import { postFailFieldsSchema } from '../../../../shared/exams/exam-schemas';
import type {
  ExamAttempt,
  FeedbackArea,
  PostFailDraft,
  PostFailRecord,
  SupportOffer,
} from '../../../../shared/exams/exam-types';
import { displayName, type Trainee } from '../../../../shared/trainees/trainee-schema';
import { parseUkDate } from '../../../../shared/dates';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { useZodForm } from '../../components/useZodForm';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { DATE_INPUT } from '../../components/date-input';
import { useSettings } from '../settings';
import { useExamSetup, usePostFailDraft } from './queries';
import { PrivateNoteField } from '../../components/PrivateNote';

interface FormValues {
  heldOn: string;
  participants: string;
  owner: string;
  traineeReflection: string;
  feedbackByArea: Array<Omit<FeedbackArea, 'note'> & { note: string }>;
  contributingFactors: Record<ContributingFactor, { selected: boolean; note: string }>;
  supportTier: number;
  supportOffered: SupportOffer[];
  resitTargetDate: string;
  studyPlan: string;
  mocks: string;
  reviewDates: string;
  agreedActions: string;
  traineeAgreed: boolean;
  privateNote: string;
}

function initialValues(
  trainee: Trainee,
  draft: PostFailDraft,
  record: PostFailRecord | undefined,
  userName: string | null,
): FormValues {
  const factors = Object.fromEntries(
    CONTRIBUTING_FACTORS.options.map((f) => {
      const chosen = record?.contributingFactors.find((c) => c.factor === f.value);
      return [f.value, { selected: Boolean(chosen), note: chosen?.note ?? '' }];
    }),
  ) as FormValues['contributingFactors'];
  return {
    heldOn: formatUkDate(record?.heldOn ?? ukToday()),
    participants: record?.participants ?? [userName, displayName(trainee)].filter(Boolean).join(', '),
    owner: record?.owner ?? userName ?? '',
    traineeReflection: record?.traineeReflection ?? '',
    feedbackByArea: (record?.feedbackByArea ?? draft.feedbackByArea).map((a) => ({ ...a, note: a.note ?? '' })),
    contributingFactors: factors,
    supportTier: record?.supportTier ?? draft.supportTier,
    supportOffered: record?.supportOffered ?? draft.supportOffered,
    resitTargetDate: formatUkDate(record?.resitTargetDate),
    studyPlan: record?.studyPlan ?? '',
    mocks: record?.mocks ?? '',
    reviewDates: (record?.reviewDates ?? []).map(formatUkDate).join('; '),
    agreedActions: (record?.agreedActions ?? []).join('\n'),
    traineeAgreed: record?.traineeAgreed ?? false,
    privateNote: record?.privateNote ?? '',
  };
}

/** Loads the draft (weakest areas and the ladder's tier, from the failed attempt) before showing the form. */
export function PostFailDialog(props: {
  trainee: Trainee;
  attempt: ExamAttempt;
  record?: PostFailRecord | undefined;
  onClose(): void;
  onSaved(record: PostFailRecord): void;
}) {
  const draft = usePostFailDraft(props.attempt.id);
  const settings = useSettings();
  const title = `Post-fail conversation: ${props.attempt.examCode}, ${formatLongDate(props.attempt.sittingDate)}`;
  return (
    <Dialog open onOpenChange={(o) => !o && props.onClose()} title={title} wide>
      {draft.isError ? (
        <div className="alert alert-error">
          {draft.error instanceof ApiError ? draft.error.message : 'The attempt could not be loaded.'}
        </div>
      ) : null}
      {draft.data && !settings.isLoading ? (
        <PostFailForm {...props} draft={draft.data} userName={settings.data?.userName ?? null} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </Dialog>
  );
}

function PostFailForm({
  trainee,
  attempt,
  record,
  draft,
  userName,
  onClose,
  onSaved,
}: {
  trainee: Trainee;
  attempt: ExamAttempt;
  record?: PostFailRecord | undefined;
  draft: PostFailDraft;
  userName: string | null;
  onClose(): void;
  onSaved(record: PostFailRecord): void;
}) {
  const api = useApi();
  const setup = useExamSetup();
  const { notify } = useToast();
  const [otherSupport, setOtherSupport] = useState('');
  const {
    formError,
    submitWith,
    register,
    control,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof postFailFieldsSchema, FormValues>(postFailFieldsSchema, {
    defaultValues: initialValues(trainee, draft, record, userName),
  });
  const areas = useFieldArray({ control, name: 'feedbackByArea' });
  const support = useFieldArray({ control, name: 'supportOffered' });
  const ladder = setup.data?.rules.ladder ?? [];
  const [resitTargetDate, factorValues] = useWatch({ control, name: ['resitTargetDate', 'contributingFactors'] });
  const targetIso = parseUkDate(resitTargetDate ?? '');
  const deadline = bookingDeadline(targetIso, draft.bookingWeeksBefore);

  const submit = submitWith(async (fields) => {
    const saved = await api.exams.savePostFail({
      attemptId: attempt.id,
      ...(record ? { id: record.id } : {}),
      fields,
    });
    notify('Post-fail conversation saved');
    onSaved(saved);
  });

  const chooseTier = (failNumber: number) => {
    const tier = ladder.find((t) => t.failNumber === failNumber);
    if (!tier) return;
    const kept = support.fields.filter((s) => !ladder.some((t) => t.support.includes(s.label)));
    support.replace([
      ...tier.support.map((label) => ({ label, accepted: false })),
      ...kept.map(({ label, accepted }) => ({ label, accepted })),
    ]);
  };

  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Post-fail conversation">
      <FormError message={formError} />
      <p className="muted">
        {trainee.givenName} {trainee.familyName} · GMC {trainee.gmcNumber} · attempt {attempt.attemptNumber ?? '—'} ·{' '}
        {draft.failNumber === 1 ? 'first' : draft.failNumber === 2 ? 'second' : `${draft.failNumber}th`} fail
      </p>

      <fieldset className="exam-fieldset">
        <legend>Conversation</legend>
        <div className="form-grid">
          <Field label="Date of conversation" required error={errors.heldOn?.message}>
            <input {...DATE_INPUT} {...register('heldOn')} />
          </Field>
          <Field label="Participants" required error={errors.participants?.message}>
            <input {...register('participants')} />
          </Field>
          <Field label="Followed up by" hint="Shown as the owner on the re-sit monitor" error={errors.owner?.message}>
            <input {...register('owner')} />
          </Field>
        </div>
        <Field label="Trainee’s reflection" error={errors.traineeReflection?.message}>
          <textarea rows={3} {...register('traineeReflection')} />
        </Field>
      </fieldset>

      <fieldset className="exam-fieldset">
        <legend>What the exam feedback says</legend>
        {areas.fields.length === 0 ? <p className="muted">This attempt has no area-by-area results recorded.</p> : null}
        {areas.fields.map((area, i) => (
          <div key={area.id} className={area.weakest ? 'feedback-area feedback-area-weak' : 'feedback-area'}>
            <div className="feedback-area-head">
              <span>
                <strong>{area.label}</strong>: {area.result || 'not reported'}
              </span>
              <label className="checkbox">
                <input type="checkbox" {...register(`feedbackByArea.${i}.weakest`)} /> Weakest area
              </label>
            </div>
            <Field label={`Discussion of ${area.label}`}>
              <textarea rows={2} {...register(`feedbackByArea.${i}.note`)} />
            </Field>
          </div>
        ))}
      </fieldset>

      <fieldset className="exam-fieldset">
        <legend>Contributing factors</legend>
        <div className="factor-grid">
          {CONTRIBUTING_FACTORS.options.map((f) => (
            <div key={f.value} className="factor">
              <label className="checkbox">
                <input type="checkbox" {...register(`contributingFactors.${f.value}.selected`)} /> {f.label}
              </label>
              {factorValues?.[f.value]?.selected ? (
                <Field label={`Notes on ${f.label.toLowerCase()}`}>
                  <textarea rows={2} {...register(`contributingFactors.${f.value}.note`)} />
                </Field>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="exam-fieldset">
        <legend>Support offered</legend>
        <Field
          label="Tier of the post-fail ladder"
          hint={`Suggested for a ${draft.failNumber === 1 ? 'first' : draft.failNumber === 2 ? 'second' : 'third or later'} fail: ${draft.supportTierLabel ?? 'none'}`}
        >
          <select
            {...register('supportTier', { valueAsNumber: true, onChange: (e) => chooseTier(Number(e.target.value)) })}
          >
            {ladder.map((t) => (
              <option key={t.failNumber} value={t.failNumber}>
                {t.label}
              </option>
            ))}
          </select>
        </Field>
        <ul className="exam-offer-list">
          {support.fields.map((s, i) => (
            <li key={s.id} className="support-offer">
              <span>{s.label}</span>
              <label className="checkbox">
                <input
                  type="checkbox"
                  {...register(`supportOffered.${i}.accepted`)}
                  aria-label={`Trainee accepted: ${s.label}`}
                />{' '}
                Trainee accepted
              </label>
              <button
                type="button"
                className="button button-small"
                onClick={() => support.remove(i)}
                aria-label={`Remove ${s.label}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <div className="inline-add">
          <label className="field">
            <span className="field-label">Other support offered</span>
            <input value={otherSupport} onChange={(e) => setOtherSupport(e.target.value)} />
          </label>
          <button
            type="button"
            className="button"
            disabled={!otherSupport.trim()}
            onClick={() => {
              support.append({ label: otherSupport.trim(), accepted: false });
              setOtherSupport('');
            }}
          >
            Add support
          </button>
        </div>
      </fieldset>

      <fieldset className="exam-fieldset">
        <legend>Plan for the re-sit</legend>
        <div className="form-grid">
          <Field
            label="Target sitting date"
            hint={
              deadline
                ? `${deadline < ukToday() ? 'Booking closed' : 'Book by'} about ${formatLongDate(deadline)}`
                : undefined
            }
            error={errors.resitTargetDate?.message}
          >
            <input {...DATE_INPUT} {...register('resitTargetDate')} />
          </Field>
          <Field label="Review dates" hint="dd/mm/yyyy, separated by ;" error={errors.reviewDates?.message}>
            <input {...register('reviewDates')} />
          </Field>
        </div>
        <Field label="Study plan" error={errors.studyPlan?.message}>
          <textarea rows={3} {...register('studyPlan')} />
        </Field>
        <Field label="Mock exams and practice" error={errors.mocks?.message}>
          <textarea rows={2} {...register('mocks')} />
        </Field>
        <Field label="Agreed actions" hint="One per line" error={errors.agreedActions?.message}>
          <textarea rows={3} {...register('agreedActions')} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" {...register('traineeAgreed')} /> The trainee has seen and agreed this record
        </label>
      </fieldset>

      <PrivateNoteField
        label="Private note (never exported or shared)"
        hint="Only you see this; it is left out of every export, copy and print."
        error={errors.privateNote?.message}
      >
        <textarea rows={3} {...register('privateNote')} />
      </PrivateNoteField>

      <FormFooter submitLabel="Save conversation" submitting={isSubmitting} onCancel={onClose} />
    </form>
  );
}
