import { formatLongDate, formatUkDate } from '../../../../shared/dates';
import { EXTENSION_KINDS, extensionFieldsSchema, type ExtensionPeriod } from '../../../../shared/exams/extensions';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { FormFooter } from '../../components/FormFooter';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { useZodForm } from '../../components/useZodForm';
import { DATE_INPUT } from '../../components/date-input';

type FormValues = Record<'kind' | 'startsOn' | 'endsOn' | 'reason', string>;

/** One extension period: added, changed or deleted. Main checks overlaps and the 12 + 6 month allowance. */
export function ExtensionDialog({
  traineeId,
  period,
  onClose,
}: {
  traineeId: string;
  period?: ExtensionPeriod | undefined;
  onClose(): void;
}) {
  const api = useApi();
  const { notify } = useToast();
  const {
    formError,
    setFormError,
    submitWith,
    register,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof extensionFieldsSchema, FormValues>(extensionFieldsSchema, {
    defaultValues: {
      kind: period?.kind ?? 'standard',
      startsOn: formatUkDate(period?.startsOn),
      endsOn: formatUkDate(period?.endsOn),
      reason: period?.reason ?? '',
    },
  });

  const submit = submitWith(async (fields) => {
    await api.exams.saveExtension({ traineeId, ...(period ? { id: period.id } : {}), fields });
    notify(period ? 'Extension period updated' : 'Extension period added');
    onClose();
  });
  const remove = async () => {
    if (!period) return;
    setFormError(null);
    try {
      await api.exams.deleteExtension({ id: period.id });
      notify('Extension period deleted');
      onClose();
    } catch (error) {
      setFormError(error instanceof ApiError ? error.message : 'Something went wrong; nothing was deleted.');
    }
  };

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={period ? 'Edit extension period' : 'Add extension period'}
      description="Up to 12 months of extension in all, and up to 6 further exceptional months."
    >
      <form onSubmit={submit} noValidate className="form" aria-label="Extension period">
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Kind" required error={errors.kind?.message}>
            <Select {...register('kind')} options={EXTENSION_KINDS.options} />
          </Field>
          <Field label="First day" required hint="dd/mm/yyyy" error={errors.startsOn?.message}>
            <input {...DATE_INPUT} {...register('startsOn')} />
          </Field>
          <Field
            label="Last day"
            required
            hint="dd/mm/yyyy; 6 months from 1 Mar ends on 31 Aug"
            error={errors.endsOn?.message}
          >
            <input {...DATE_INPUT} {...register('endsOn')} />
          </Field>
        </div>
        <Field label="Reason" required error={errors.reason?.message}>
          <textarea rows={2} {...register('reason')} />
        </Field>
        <FormFooter
          submitLabel="Save extension period"
          submitting={isSubmitting}
          onCancel={onClose}
          remove={
            period && {
              label: 'Delete extension period',
              question: `Delete the ${EXTENSION_KINDS.label(period.kind).toLowerCase()} extension from ${formatLongDate(period.startsOn)} to ${formatLongDate(period.endsOn)}?`,
              run: remove,
            }
          }
        />
      </form>
    </Dialog>
  );
}
