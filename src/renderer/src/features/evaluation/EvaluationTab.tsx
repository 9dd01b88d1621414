import { formatLongDate, formatUkDate } from '../../../../shared/dates';
import {
  CHARACTERISTIC_FIELDS,
  CHARACTERISTICS,
  recordCharacteristicSchema,
  type CharacteristicField,
  type StoredCharacteristic,
} from '../../../../shared/evaluation';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { ApiError } from '../../api';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FormFooter } from '../../components/FormFooter';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { useZodForm } from '../../components/useZodForm';
import { DATE_INPUT } from '../../components/date-input';
import { useEvaluationActions } from './mutations';
import { useEvaluation } from './queries';

interface CharacteristicValues {
  traineeId: string;
  field: CharacteristicField;
  value: string;
  agreed: boolean;
  agreedOn: string;
}

function CharacteristicForm({
  traineeId,
  field,
  stored,
}: {
  traineeId: string;
  field: CharacteristicField;
  stored: StoredCharacteristic | undefined;
}) {
  const { notify } = useToast();
  const actions = useEvaluationActions();
  const { label, hint, values } = CHARACTERISTICS[field];
  const {
    formError,
    submitWith,
    register,
    reset,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof recordCharacteristicSchema, CharacteristicValues>(recordCharacteristicSchema, {
    defaultValues: {
      traineeId,
      field,
      value: stored?.value ?? '',
      agreed: stored !== undefined,
      agreedOn: formatUkDate(stored?.agreedOn),
    },
  });
  const headingId = `evaluation-${field}`;
  return (
    <section className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{label}</h2>
      <p className="muted" role="status">
        {stored
          ? `Recorded: ${stored.valueLabel}, with the trainee’s agreement given on ${formatLongDate(stored.agreedOn)}.`
          : 'Not recorded.'}
      </p>
      <form
        className="form"
        noValidate
        aria-label={label}
        onSubmit={submitWith(async (input) => {
          await actions.record(input);
          notify(`${label} recorded for evaluation`);
        })}
      >
        <FormError message={formError} />
        <div className="form-grid">
          <Field label={label} hint={hint} error={errors.value?.message}>
            <Select {...register('value')} placeholder="Choose…" options={values.options} />
          </Field>
          <Field label="Date the trainee agreed" hint="dd/mm/yyyy" error={errors.agreedOn?.message}>
            <input {...register('agreedOn')} {...DATE_INPUT} />
          </Field>
        </div>
        <div className={errors.agreed ? 'field field-invalid' : 'field'}>
          <label className="checkbox">
            <input
              type="checkbox"
              {...register('agreed')}
              aria-invalid={errors.agreed ? true : undefined}
              aria-describedby={errors.agreed ? `${headingId}-agreed-error` : undefined}
            />{' '}
            The trainee agreed that this may be recorded for evaluation
          </label>
          {errors.agreed ? (
            <p id={`${headingId}-agreed-error`} className="field-error" role="alert">
              {errors.agreed.message}
            </p>
          ) : null}
        </div>
        <FormFooter
          submitLabel={`Save ${label.toLowerCase()}`}
          submitting={isSubmitting}
          remove={
            stored
              ? {
                  label: 'Agreement withdrawn…',
                  question: `The recorded ${label.toLowerCase()} is deleted and no longer counted.`,
                  confirmLabel: 'Delete it',
                  run: async () => {
                    try {
                      await actions.withdraw(traineeId, field);
                      reset({ traineeId, field, value: '', agreed: false, agreedOn: '' });
                      notify(`${label} deleted: agreement withdrawn`);
                    } catch (e) {
                      notify(e instanceof ApiError ? e.message : 'That did not work; nothing changed.');
                    }
                  },
                }
              : undefined
          }
        />
      </form>
    </section>
  );
}

/**
 * Characteristics for anonymised cohort evaluation only. Each is stored with the trainee's agreement
 * and its date, or not at all; they appear nowhere else about the trainee.
 */
export function EvaluationTab({ trainee }: { trainee: Trainee }) {
  const evaluation = useEvaluation(trainee.id);
  if (!evaluation.data) return <p role="status">Loading…</p>;
  return (
    <div className="stack">
      <div className="alert" role="note" aria-label="About the evaluation section">
        <p>
          <strong>For evaluation only, and optional.</strong> These characteristics are counted only in anonymised
          figures on the What works page (attainment by group), with small numbers hidden. They are never shown anywhere
          else about this trainee: not in lists, search, the Overview or any export.
        </p>
        <p>
          Each is stored only with the trainee&rsquo;s agreement and the date they gave it; without agreement nothing is
          stored. If the trainee withdraws agreement, the value is deleted. A characteristic never marks anyone as at
          risk: support is offered by need.
        </p>
      </div>
      {CHARACTERISTIC_FIELDS.map((field) => (
        <CharacteristicForm
          key={`${field}:${evaluation.data.characteristics[field]?.updatedAt ?? 'none'}`}
          traineeId={trainee.id}
          field={field}
          stored={evaluation.data.characteristics[field]}
        />
      ))}
    </div>
  );
}
