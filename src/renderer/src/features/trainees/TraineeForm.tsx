import { useState } from 'react';
import { formatUkDate } from '../../../../shared/dates';
import { TRAINEE_STATUSES, TRAINING_GRADES } from '../../../../shared/trainees/reference';
import { traineeFieldsSchema, type Trainee, type TraineeFields } from '../../../../shared/trainees/trainee-schema';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Select, plainOptions } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { FormError } from '../../components/FormError';
import { DATE_INPUT } from '../../components/date-input';
import { applyServerError } from '../../lib/server-errors';

type FormValues = Record<keyof TraineeFields, string>;

function toFormValues(t?: Trainee): FormValues {
  return {
    givenName: t?.givenName ?? '',
    familyName: t?.familyName ?? '',
    preferredName: t?.preferredName ?? '',
    pronouns: t?.pronouns ?? '',
    gmcNumber: t?.gmcNumber ?? '',
    email: t?.email ?? '',
    programme: t?.programme ?? '',
    grade: t?.grade ?? 'ST1',
    programmeStartDate: formatUkDate(t?.programmeStartDate),
    expectedCctDate: formatUkDate(t?.expectedCctDate),
    wte: t ? String(t.wte) : '1.0',
    status: t?.status ?? 'in_programme',
    leftTrainingOn: formatUkDate(t?.leftTrainingOn),
    educationalSupervisor: t?.educationalSupervisor ?? '',
    currentPost: t?.currentPost ?? '',
    tags: t?.tags.join('; ') ?? '',
  };
}

interface TraineeFormProps {
  trainee?: Trainee;
  /** Values already in the register, offered as suggestions. */
  programmes: string[];
  supervisors: string[];
  onSubmit(fields: TraineeFields): Promise<void>;
  onCancel(): void;
}

/** The same zod schema main uses checks every field here, so the messages match. */
export function TraineeForm({ trainee, programmes, supervisors, onSubmit, onCancel }: TraineeFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof traineeFieldsSchema, FormValues>(traineeFieldsSchema, {
    defaultValues: toFormValues(trainee),
    mode: 'onBlur',
  });

  const submit = handleSubmit(async (fields) => {
    setFormError(null);
    try {
      await onSubmit(fields);
    } catch (error) {
      applyServerError(error, setError, setFormError, { knownFields: fields, shouldFocus: true });
    }
  });

  const e = (name: keyof FormValues) => errors[name]?.message;
  return (
    <form onSubmit={submit} noValidate className="form" aria-label={trainee ? 'Edit trainee' : 'New trainee'}>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="First name" required error={e('givenName')}>
          <input {...register('givenName')} autoComplete="off" autoFocus />
        </Field>
        <Field label="Surname" required error={e('familyName')}>
          <input {...register('familyName')} autoComplete="off" />
        </Field>
        <Field label="Preferred name" error={e('preferredName')}>
          <input {...register('preferredName')} autoComplete="off" />
        </Field>
        <Field label="Pronouns" hint="Optional, e.g. she/her" error={e('pronouns')}>
          <input {...register('pronouns')} autoComplete="off" />
        </Field>
        <Field label="GMC number" required hint="7 digits" error={e('gmcNumber')}>
          <input {...register('gmcNumber')} inputMode="numeric" autoComplete="off" />
        </Field>
        <Field label="Email" error={e('email')}>
          <input {...register('email')} type="email" autoComplete="off" />
        </Field>
        <Field label="Programme or scheme" required error={e('programme')}>
          <input {...register('programme')} list="programme-options" autoComplete="off" />
        </Field>
        <Field label="Training grade" required error={e('grade')}>
          <Select {...register('grade')} options={plainOptions(TRAINING_GRADES)} />
        </Field>
        <Field label="Programme start date" required hint="dd/mm/yyyy" error={e('programmeStartDate')}>
          <input {...register('programmeStartDate')} {...DATE_INPUT} />
        </Field>
        <Field label="Expected CCT date" hint="dd/mm/yyyy" error={e('expectedCctDate')}>
          <input {...register('expectedCctDate')} {...DATE_INPUT} />
        </Field>
        <Field label="Whole-time equivalent" required hint="0.2 to 1.0, or a percentage such as 80%" error={e('wte')}>
          <input {...register('wte')} inputMode="decimal" autoComplete="off" />
        </Field>
        <Field label="Status" required error={e('status')}>
          <Select {...register('status')} options={TRAINEE_STATUSES.options} />
        </Field>
        <Field
          label="Left training on"
          hint="dd/mm/yyyy, with the status Left (without a CCT) or Completed (the CCT date)"
          error={e('leftTrainingOn')}
        >
          <input {...register('leftTrainingOn')} {...DATE_INPUT} />
        </Field>
        <Field label="Educational supervisor" error={e('educationalSupervisor')}>
          <input {...register('educationalSupervisor')} list="supervisor-options" autoComplete="off" />
        </Field>
        <Field label="Current post" error={e('currentPost')}>
          <input {...register('currentPost')} autoComplete="off" />
        </Field>
        <Field label="Tags" hint="Separate tags with semicolons, e.g. LTFT; mentor assigned" error={e('tags')}>
          <input {...register('tags')} autoComplete="off" />
        </Field>
      </div>
      <datalist id="programme-options">
        {programmes.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <datalist id="supervisor-options">
        {supervisors.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <FormFooter
        submitLabel={trainee ? 'Save changes' : 'Add trainee'}
        submitting={isSubmitting}
        onCancel={onCancel}
      />
    </form>
  );
}
