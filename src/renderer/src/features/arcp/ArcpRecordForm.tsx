import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import {
  NOT_ASSESSED,
  OUTCOME_FIVE,
  type ArcpCode,
  type EvidenceTemplate,
} from '../../../../shared/arcp/arcp-reference';
import { arcpRecordFieldsSchema, type ArcpRecord, type ArcpRecordFields } from '../../../../shared/arcp/arcp-schema';
import { formatUkDate } from '../../../../shared/dates';
import { TRAINING_GRADES } from '../../../../shared/trainees/reference';
import type { Trainee } from '../../../../shared/trainees/trainee-schema';
import { Field } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { Select, plainOptions } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { FormError } from '../../components/FormError';
import { DATE_INPUT } from '../../components/date-input';
import { applyServerError } from '../../lib/server-errors';

type FormValues = Omit<Record<keyof ArcpRecordFields, string>, 'reasonCodes'> & { reasonCodes: string[] };

function toValues(record: ArcpRecord | null, trainee: Trainee): FormValues {
  return {
    reviewFrom: formatUkDate(record?.reviewFrom),
    reviewTo: formatUkDate(record?.reviewTo),
    panelDate: formatUkDate(record?.panelDate),
    grade: record?.grade ?? trainee.grade,
    wte: String(record?.wte ?? trainee.wte),
    posts: String(record?.posts ?? 2),
    esrInterimDate: formatUkDate(record?.esrInterimDate),
    esrFullDate: formatUkDate(record?.esrFullDate),
    outcome: record?.outcome ?? '',
    reasonCodes: record?.reasonCodes ?? [],
    reasonDetail: record?.reasonDetail ?? '',
    evidenceDueDate: formatUkDate(record?.evidenceDueDate),
    educatorSummary: record?.educatorSummary ?? '',
    templateId: record?.templateId ?? '',
  };
}

interface Props {
  record: ArcpRecord | null;
  trainee: Trainee;
  codes: ArcpCode[];
  templates: EvidenceTemplate[];
  onSubmit(fields: ArcpRecordFields): Promise<void>;
  onCancel(): void;
}

/** One ARCP record: period, panel, grade and WTE, ESR dates, outcome with its reason codes. */
export function ArcpRecordForm({ record, trainee, codes, templates, onSubmit, onCancel }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof arcpRecordFieldsSchema, FormValues>(arcpRecordFieldsSchema, {
    defaultValues: toValues(record, trainee),
    mode: 'onBlur',
  });
  const outcome = useWatch({ control, name: 'outcome' });
  // Historic outcomes (COVID-19 10.1/10.2) stay recordable; a retired reason shows only on a record that has it.
  const outcomes = codes.filter((c) => c.kind === 'outcome');
  const outcomeIsHistoric = codes.some((c) => c.kind === 'outcome' && c.code === outcome && c.historic);
  const reasons = codes.filter(
    (c) =>
      c.kind === 'reason' &&
      outcome &&
      c.appliesTo.includes(outcome) &&
      (!c.historic || outcomeIsHistoric || record?.reasonCodes.includes(c.code)),
  );

  const submit = handleSubmit(async (fields) => {
    setFormError(null);
    try {
      await onSubmit(fields);
    } catch (error) {
      applyServerError(error, setError, setFormError, { fieldPrefix: 'fields.', shouldFocus: true });
    }
  });
  const e = (name: keyof FormValues) => errors[name]?.message as string | undefined;

  return (
    <form onSubmit={submit} noValidate className="form" aria-label={record ? 'Edit ARCP record' : 'New ARCP record'}>
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Review period from" error={e('reviewFrom')} required>
          <input {...register('reviewFrom')} {...DATE_INPUT} />
        </Field>
        <Field label="Review period to" error={e('reviewTo')} required>
          <input {...register('reviewTo')} {...DATE_INPUT} />
        </Field>
        <Field label="Panel date" error={e('panelDate')} required>
          <input {...register('panelDate')} {...DATE_INPUT} />
        </Field>
        <Field label="Grade in the period" error={e('grade')} required>
          <Select {...register('grade')} options={plainOptions(TRAINING_GRADES)} />
        </Field>
        <Field label="Whole-time equivalent in the period" hint="e.g. 0.8 or 80%" error={e('wte')} required>
          <input {...register('wte')} inputMode="decimal" />
        </Field>
        <Field label="Posts in the period" hint="For “1 per post” items" error={e('posts')} required>
          <input {...register('posts')} inputMode="numeric" />
        </Field>
        <Field label="Interim ESR date" error={e('esrInterimDate')}>
          <input {...register('esrInterimDate')} {...DATE_INPUT} />
        </Field>
        <Field
          label="Full ESR date"
          hint="No more than 2 months before the panel; visible 2 weeks before"
          error={e('esrFullDate')}
        >
          <input {...register('esrFullDate')} {...DATE_INPUT} />
        </Field>
        <Field label="Evidence template" error={e('templateId')}>
          <Select
            {...register('templateId')}
            placeholder="Best match for the grade"
            options={templates.map((t) => ({ value: t.id, label: t.name }))}
          />
        </Field>
        <Field label="Outcome" hint="Leave blank until the panel has met" error={e('outcome')}>
          <select {...register('outcome')}>
            <option value="">Awaiting panel</option>
            {outcomes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code === NOT_ASSESSED ? 'Not assessed' : `${c.code}: ${c.label}`}
                {c.historic ? ' (historic)' : ''}
              </option>
            ))}
          </select>
        </Field>
        {outcome === OUTCOME_FIVE ? (
          <Field label="Missing evidence due" hint="Blank means two weeks after the panel" error={e('evidenceDueDate')}>
            <input {...register('evidenceDueDate')} {...DATE_INPUT} />
          </Field>
        ) : null}
      </div>
      {reasons.length > 0 ? (
        <fieldset className="fieldset" aria-describedby={e('reasonCodes') ? 'reason-error' : undefined}>
          <legend>Reason codes</legend>
          <div className="reason-grid">
            {reasons.map((c) => (
              <label key={c.code} className="checkbox">
                <input type="checkbox" value={c.code} {...register('reasonCodes')} /> {c.code}: {c.label}
              </label>
            ))}
          </div>
          {e('reasonCodes') ? (
            <p id="reason-error" className="field-error" role="alert">
              {e('reasonCodes')}
            </p>
          ) : null}
        </fieldset>
      ) : e('reasonCodes') ? (
        <p className="field-error" role="alert">
          {e('reasonCodes')}
        </p>
      ) : null}
      {reasons.length > 0 ? (
        <Field label="Reason detail" hint="Needed for “other” reasons" error={e('reasonDetail')}>
          <textarea {...register('reasonDetail')} rows={2} />
        </Field>
      ) : null}
      <Field
        label="Educator’s summary"
        hint="Shared: printed in the ARCP pack and seen by the panel and the trainee"
        error={e('educatorSummary')}
      >
        <textarea {...register('educatorSummary')} rows={6} />
      </Field>
      <FormFooter
        submitLabel={record ? 'Save ARCP record' : 'Add ARCP record'}
        submitting={isSubmitting}
        onCancel={onCancel}
      />
    </form>
  );
}
