import { useWatch } from 'react-hook-form';
import { formatLongDate, formatUkDate, parseUkDate, ukToday } from '../../../../shared/dates';
import { bookingDeadline } from '../../../../shared/exams/attempt-limits';
import { READINESS_DECISIONS } from '../../../../shared/exams/exam-reference';
import { readinessFieldsSchema } from '../../../../shared/exams/exam-schemas';
import type { ReadinessRecord } from '../../../../shared/exams/exam-types';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { Select } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { DATE_INPUT } from '../../components/date-input';
import { useExamSetup } from './queries';
import { PrivateNoteField } from '../../components/PrivateNote';

type TextKey =
  | 'mockResults'
  | 'gaps'
  | 'consultationFeedback'
  | 'wellbeing'
  | 'traineeView'
  | 'educatorView'
  | 'reasons'
  | 'privateNote';
type FormValues = Record<
  TextKey | 'examId' | 'discussedOn' | 'plannedSittingDate' | 'decision' | 'agreedActions',
  string
>;

const TEXT_FIELDS: Array<[TextKey, string]> = [
  ['mockResults', 'Mock and practice results'],
  ['gaps', 'Curriculum or domain gaps'],
  ['consultationFeedback', 'Consultation feedback (COTs, trainer’s view)'],
  ['wellbeing', 'Wellbeing and circumstances'],
  ['traineeView', 'Trainee’s view'],
  ['educatorView', 'Educator’s view'],
];

/** A structured readiness-to-sit discussion before a booking, with the booking deadline shown. */
export function ReadinessDialog({
  trainee,
  record,
  onClose,
}: {
  trainee: Trainee;
  record?: ReadinessRecord | undefined;
  onClose(): void;
}) {
  const api = useApi();
  const setup = useExamSetup();
  const { notify } = useToast();
  const definitions = (setup.data?.definitions ?? []).filter((d) => !d.historic && !d.archivedAt);
  const {
    formError,
    submitWith,
    register,
    control,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof readinessFieldsSchema, FormValues>(readinessFieldsSchema, {
    defaultValues: {
      examId: record?.examId ?? '',
      discussedOn: formatUkDate(record?.discussedOn ?? ukToday()),
      plannedSittingDate: formatUkDate(record?.plannedSittingDate),
      mockResults: record?.mockResults ?? '',
      gaps: record?.gaps ?? '',
      consultationFeedback: record?.consultationFeedback ?? '',
      wellbeing: record?.wellbeing ?? '',
      traineeView: record?.traineeView ?? '',
      educatorView: record?.educatorView ?? '',
      decision: record?.decision ?? '',
      reasons: record?.reasons ?? '',
      agreedActions: (record?.agreedActions ?? []).join('\n'),
      privateNote: record?.privateNote ?? '',
    },
  });
  const [examId, plannedSittingDate] = useWatch({ control, name: ['examId', 'plannedSittingDate'] });
  const exam = (setup.data?.definitions ?? []).find((d) => d.id === examId);
  const deadline = bookingDeadline(parseUkDate(plannedSittingDate ?? ''), exam?.bookingWeeksBefore ?? null);

  const submit = submitWith(async (fields) => {
    await api.exams.saveReadiness({ traineeId: trainee.id, ...(record ? { id: record.id } : {}), fields });
    notify('Readiness discussion saved');
    onClose();
  });

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title="Readiness-to-sit discussion"
      description={`${trainee.givenName} ${trainee.familyName} · ${trainee.grade}`}
      wide
    >
      <form onSubmit={submit} noValidate className="form" aria-label="Readiness-to-sit discussion">
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Exam" required error={errors.examId?.message}>
            <Select
              {...register('examId')}
              placeholder="Choose…"
              options={definitions.map((d) => ({ value: d.id, label: `${d.code} – ${d.name}` }))}
            />
          </Field>
          <Field label="Date of discussion" required error={errors.discussedOn?.message}>
            <input {...DATE_INPUT} {...register('discussedOn')} />
          </Field>
          <Field
            label="Planned sitting date"
            hint={
              deadline
                ? `${deadline < ukToday() ? 'Booking closed' : 'Booking closes'} about ${formatLongDate(deadline)} (${exam?.bookingWeeksBefore} weeks before)`
                : exam?.bookingWeeksBefore
                  ? `Bookings close about ${exam.bookingWeeksBefore} weeks before the sitting`
                  : undefined
            }
            error={errors.plannedSittingDate?.message}
          >
            <input {...DATE_INPUT} {...register('plannedSittingDate')} />
          </Field>
        </div>
        <div className="form-grid">
          {TEXT_FIELDS.map(([key, label]) => (
            <Field key={key} label={label} error={errors[key]?.message}>
              <textarea rows={2} {...register(key)} />
            </Field>
          ))}
        </div>
        <div className="form-grid">
          <Field label="Decision" required error={errors.decision?.message}>
            <Select {...register('decision')} placeholder="Choose…" options={READINESS_DECISIONS.options} />
          </Field>
          <Field label="Reasons" error={errors.reasons?.message}>
            <textarea rows={2} {...register('reasons')} />
          </Field>
        </div>
        <Field label="Agreed actions" hint="One per line" error={errors.agreedActions?.message}>
          <textarea rows={3} {...register('agreedActions')} />
        </Field>
        <PrivateNoteField label="Private note (never exported or shared)" error={errors.privateNote?.message}>
          <textarea rows={2} {...register('privateNote')} />
        </PrivateNoteField>
        <FormFooter submitLabel="Save discussion" submitting={isSubmitting} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
