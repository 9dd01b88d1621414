import { useWatch } from 'react-hook-form';
import { formatUkDate } from '../../../../shared/dates';
import { DOMAIN_GRADES, EXAM_RESULTS } from '../../../../shared/exams/exam-reference';
import { attemptFieldsSchema, RECORD_ANYWAY_HINT, unlikelyResult } from '../../../../shared/exams/exam-schemas';
import type { ExamAttempt } from '../../../../shared/exams/exam-types';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { Select } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { useExamSetup } from './queries';
import { DATE_INPUT } from '../../components/date-input';

interface FormValues {
  examId: string;
  sittingDate: string;
  result: string;
  score: string;
  passMark: string;
  itemCount: string;
  components: Record<string, string>;
  feedback: string;
  recordAnyway: boolean;
}

/** A number as typed in a box, or null while it is blank or not yet a number. */
const typedNumber = (text: string | undefined) => (text && /^\s*\d+\s*$/.test(text) ? Number(text) : null);

export function AttemptDialog({
  traineeId,
  attempt,
  onClose,
}: {
  traineeId: string;
  attempt?: ExamAttempt | undefined;
  onClose(): void;
}) {
  const api = useApi();
  const setup = useExamSetup();
  const { notify } = useToast();
  const definitions = (setup.data?.definitions ?? []).filter((d) => !d.archivedAt || d.id === attempt?.examId);
  const {
    formError,
    setFormError,
    submitWith,
    register,
    control,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof attemptFieldsSchema, FormValues>(attemptFieldsSchema, {
    defaultValues: {
      examId: attempt?.examId ?? '',
      sittingDate: formatUkDate(attempt?.sittingDate),
      result: attempt?.result ?? '',
      score: attempt?.score?.toString() ?? '',
      passMark: attempt?.passMark?.toString() ?? '',
      itemCount: attempt?.itemCount?.toString() ?? '',
      components: Object.fromEntries((attempt?.components ?? []).map((c) => [c.key, c.value])),
      feedback: attempt?.feedback ?? '',
      // An attempt already recorded as the letter says keeps that decision when it is edited.
      recordAnyway: Boolean(attempt && attempt.flags.length > 0),
    },
  });
  const examId = useWatch({ control, name: 'examId' });
  const exam = definitions.find((d) => d.id === examId);
  const [result, score, passMark, components] = useWatch({
    control,
    name: ['result', 'score', 'passMark', 'components'],
  });
  // The schema's own test, as the person types: the question comes before they press Save.
  const unlikely = unlikelyResult({
    result,
    score: exam?.hasScore ? typedNumber(score) : null,
    passMark: exam?.hasScore ? typedNumber(passMark) : null,
    gradedDomains: exam?.componentKind === 'grade' ? Object.values(components ?? {}).filter(Boolean) : [],
  });

  const submit = submitWith(
    async (fields) => {
      await api.exams.saveAttempt({ traineeId, ...(attempt ? { id: attempt.id } : {}), fields });
      notify(attempt ? 'Exam result updated' : 'Exam result added');
      onClose();
    },
    { fieldPrefix: 'fields.' },
  );
  const remove = async () => {
    if (!attempt) return;
    setFormError(null);
    try {
      await api.exams.deleteAttempt({ id: attempt.id });
      notify(`${attempt.examCode} result of ${formatUkDate(attempt.sittingDate)} deleted`);
      onClose();
    } catch (error) {
      setFormError(error instanceof ApiError ? error.message : 'Something went wrong; nothing was deleted.');
    }
  };
  const componentErrors = errors.components as Record<string, { message?: string }> | undefined;

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={attempt ? 'Edit exam result' : 'Add exam result'} wide>
      <form onSubmit={submit} noValidate className="form" aria-label={attempt ? 'Edit exam result' : 'Add exam result'}>
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Exam" required error={errors.examId?.message}>
            <select {...register('examId')}>
              <option value="">Choose…</option>
              {definitions.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.code} – {d.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Sitting date" required error={errors.sittingDate?.message}>
            <input {...DATE_INPUT} {...register('sittingDate')} />
          </Field>
          <Field label="Result" required error={errors.result?.message}>
            <Select {...register('result')} placeholder="Choose…" options={EXAM_RESULTS.options} />
          </Field>
          {exam?.hasScore ? (
            <>
              <Field label="Score" error={errors.score?.message}>
                <input inputMode="numeric" {...register('score')} />
              </Field>
              <Field label="Pass mark" hint="Set per sitting" error={errors.passMark?.message}>
                <input inputMode="numeric" {...register('passMark')} />
              </Field>
              <Field
                label="Items in the paper"
                hint="Blank for the usual size (AKT: 200 items, 160 from October 2025)"
                error={errors.itemCount?.message}
              >
                <input inputMode="numeric" {...register('itemCount')} />
              </Field>
            </>
          ) : null}
          {exam && exam.componentKind !== 'none'
            ? exam.components.map((c) => (
                <Field
                  key={c.key}
                  label={exam.componentKind === 'percentage' ? `${c.label} (%)` : c.label}
                  error={componentErrors?.[c.key]?.message}
                >
                  {exam.componentKind === 'grade' ? (
                    <select {...register(`components.${c.key}`)}>
                      <option value="">Not reported</option>
                      {DOMAIN_GRADES.map((g) => (
                        <option key={g} value={g}>
                          {g}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input inputMode="decimal" {...register(`components.${c.key}`)} />
                  )}
                </Field>
              ))
            : null}
        </div>
        {unlikely || errors.recordAnyway ? (
          <div className="alert alert-warning record-anyway" role="status">
            <p>
              <strong>{unlikely ?? 'This result contradicts its figures'}.</strong> {RECORD_ANYWAY_HINT}
            </p>
            <label className="checkbox">
              <input
                type="checkbox"
                {...register('recordAnyway')}
                aria-invalid={errors.recordAnyway ? true : undefined}
                aria-describedby={errors.recordAnyway ? 'record-anyway-error' : undefined}
              />{' '}
              Record it anyway
            </label>
            {errors.recordAnyway ? (
              <p id="record-anyway-error" className="field-error" role="alert">
                Tick “Record it anyway” to save this result as it is, or correct the figures.
              </p>
            ) : null}
          </div>
        ) : null}
        <Field
          label="Feedback received"
          hint="What the college’s feedback says, in its words"
          error={errors.feedback?.message}
        >
          <textarea rows={3} {...register('feedback')} />
        </Field>
        <FormFooter
          submitLabel={attempt ? 'Save result' : 'Add result'}
          submitting={isSubmitting}
          onCancel={onClose}
          remove={
            attempt && {
              label: 'Delete result',
              question: `Delete the ${attempt.examCode} result of ${formatUkDate(attempt.sittingDate)}? Attempt numbers and attempts left are recounted.`,
              run: remove,
            }
          }
        />
      </form>
    </Dialog>
  );
}
