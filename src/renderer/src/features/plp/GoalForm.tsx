import { formatUkDate } from '../../../../shared/dates';
import {
  GOAL_AREAS,
  GOAL_STATUSES,
  goalFieldsSchema,
  goalReviewSchema,
  type GoalFields,
  type GoalReviewInput,
  type PlpGoal,
} from '../../../../shared/plp/plp-types';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Select } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { FormError } from '../../components/FormError';
import { DATE_INPUT } from '../../components/date-input';

type GoalValues = Record<Exclude<keyof GoalFields, never>, string>;

function AreaOptions() {
  const groups = [...new Set(GOAL_AREAS.map((a) => a.group))];
  return (
    <>
      <option value="">Choose…</option>
      {groups.map((group) => (
        <optgroup key={group} label={group}>
          {GOAL_AREAS.filter((a) => a.group === group).map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
export { AreaOptions };

/** A PLP goal: what, which area, what success looks like, when, and where it stands. */
export function GoalForm({
  traineeId,
  goal,
  onSubmit,
  onCancel,
}: {
  traineeId: string;
  goal?: PlpGoal;
  onSubmit(fields: GoalFields): Promise<void>;
  onCancel(): void;
}) {
  const {
    formError,
    submitWith,
    register,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof goalFieldsSchema, GoalValues>(goalFieldsSchema, {
    defaultValues: {
      traineeId,
      title: goal?.title ?? '',
      area: goal?.area ?? '',
      successCriteria: goal?.successCriteria ?? '',
      targetOn: formatUkDate(goal?.targetOn),
      nextReviewOn: formatUkDate(goal?.nextReviewOn),
      status: goal?.status ?? 'not_started',
    },
    mode: 'onBlur',
  });
  const e = (name: keyof GoalValues) => errors[name]?.message;
  return (
    <form
      className="form"
      noValidate
      aria-label={goal ? 'Edit PLP goal' : 'New PLP goal'}
      onSubmit={submitWith(async (fields) => {
        await onSubmit(fields);
      })}
    >
      <FormError message={formError} />
      <Field label="Goal" required error={e('title')}>
        <input {...register('title')} autoComplete="off" autoFocus />
      </Field>
      <div className="form-grid">
        <Field label="Area" required error={e('area')}>
          <select {...register('area')}>
            <AreaOptions />
          </select>
        </Field>
        <Field label="Status" required error={e('status')}>
          <Select {...register('status')} options={GOAL_STATUSES.options} />
        </Field>
        <Field label="Target date" hint="dd/mm/yyyy" error={e('targetOn')}>
          <input {...register('targetOn')} {...DATE_INPUT} />
        </Field>
        <Field label="Next review" hint="dd/mm/yyyy" error={e('nextReviewOn')}>
          <input {...register('nextReviewOn')} {...DATE_INPUT} />
        </Field>
      </div>
      <Field label="What success looks like" error={e('successCriteria')}>
        <textarea {...register('successCriteria')} rows={3} />
      </Field>
      <FormFooter submitLabel={goal ? 'Save goal' : 'Add goal'} submitting={isSubmitting} onCancel={onCancel} />
    </form>
  );
}

type ReviewValues = Record<keyof GoalReviewInput, string>;

/** A dated progress review, moving the goal on and setting when to look again. */
export function ReviewForm({
  goal,
  today,
  onSubmit,
  onCancel,
}: {
  goal: PlpGoal;
  today: string;
  onSubmit(input: GoalReviewInput): Promise<void>;
  onCancel(): void;
}) {
  const {
    formError,
    submitWith,
    register,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof goalReviewSchema, ReviewValues>(goalReviewSchema, {
    defaultValues: {
      goalId: goal.id,
      reviewedOn: formatUkDate(today),
      note: '',
      statusAfter: goal.status === 'not_started' ? 'in_progress' : goal.status,
      nextReviewOn: '',
    },
    mode: 'onBlur',
  });
  const e = (name: keyof ReviewValues) => errors[name]?.message;
  return (
    <form
      className="form"
      noValidate
      aria-label="Review goal"
      onSubmit={submitWith(async (input) => {
        await onSubmit(input);
      })}
    >
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Review date" required hint="dd/mm/yyyy" error={e('reviewedOn')}>
          <input {...register('reviewedOn')} {...DATE_INPUT} />
        </Field>
        <Field label="Status after review" required error={e('statusAfter')}>
          <Select {...register('statusAfter')} options={GOAL_STATUSES.options} />
        </Field>
        <Field label="Next review" hint="dd/mm/yyyy; needed while the goal is open" error={e('nextReviewOn')}>
          <input {...register('nextReviewOn')} {...DATE_INPUT} />
        </Field>
      </div>
      <Field label="What the review found" required error={e('note')}>
        <textarea {...register('note')} rows={4} autoFocus />
      </Field>
      <FormFooter submitLabel="Save review" submitting={isSubmitting} onCancel={onCancel} />
    </form>
  );
}
