import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { formatUkDate } from '../../../../shared/dates';
import type { ExamDefinition, ExamRules } from '../../../../shared/exams/exam-reference';
import { examDefinitionFieldsSchema, examRulesSchema } from '../../../../shared/exams/exam-schemas';
import { TRAINING_GRADES } from '../../../../shared/trainees/reference';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { Select, plainOptions } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { DATE_INPUT } from '../../components/date-input';
import { applyServerError } from '../../lib/server-errors';
import { useExamSetup } from './queries';

interface RulesForm {
  attemptLimits: Array<{
    label: string;
    entryFrom: string;
    entryTo: string;
    standardAttempts: string;
    exceptionalAttempts: string;
  }>;
  ladder: Array<{ failNumber: string; label: string; support: string }>;
}

function toRulesForm(rules: ExamRules): RulesForm {
  return {
    attemptLimits: rules.attemptLimits.map((r) => ({
      label: r.label,
      entryFrom: formatUkDate(r.entryFrom),
      entryTo: formatUkDate(r.entryTo),
      standardAttempts: String(r.standardAttempts),
      exceptionalAttempts: String(r.exceptionalAttempts),
    })),
    ladder: rules.ladder.map((t) => ({
      failNumber: String(t.failNumber),
      label: t.label,
      support: t.support.join('\n'),
    })),
  };
}

function fieldError(errors: unknown, path: string): string | undefined {
  let node: unknown = errors;
  for (const part of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return (node as { message?: string } | undefined)?.message;
}

function RulesEditor({ rules }: { rules: ExamRules }) {
  const api = useApi();
  const { notify } = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof examRulesSchema, RulesForm>(examRulesSchema, {
    defaultValues: toRulesForm(rules),
  });
  const limits = useFieldArray({ control, name: 'attemptLimits' });
  const ladder = useFieldArray({ control, name: 'ladder' });
  const submit = handleSubmit(async (value) => {
    setFormError(null);
    try {
      await api.exams.saveRules(value);
      notify('Exam rules saved');
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : 'The rules could not be saved.');
    }
  });
  return (
    <form onSubmit={submit} noValidate className="form" aria-label="Exam rules">
      <FormError message={formError} />
      <fieldset className="exam-fieldset">
        <legend>Attempt limits by entry date</legend>
        <p className="muted">
          The entry date is the trainee’s programme start date in the register. The first rule that matches applies.
        </p>
        {limits.fields.map((f, i) => (
          <div key={f.id} className="form-grid rule-row">
            <Field label="Rule" error={fieldError(errors, `attemptLimits.${i}.label`)}>
              <input {...register(`attemptLimits.${i}.label`)} />
            </Field>
            <Field label="Entry from (blank: any)" error={fieldError(errors, `attemptLimits.${i}.entryFrom`)}>
              <input {...DATE_INPUT} {...register(`attemptLimits.${i}.entryFrom`)} />
            </Field>
            <Field label="Entry to (blank: any)" error={fieldError(errors, `attemptLimits.${i}.entryTo`)}>
              <input {...DATE_INPUT} {...register(`attemptLimits.${i}.entryTo`)} />
            </Field>
            <Field label="Attempts" error={fieldError(errors, `attemptLimits.${i}.standardAttempts`)}>
              <input inputMode="numeric" {...register(`attemptLimits.${i}.standardAttempts`)} />
            </Field>
            <Field label="Exceptional attempts" error={fieldError(errors, `attemptLimits.${i}.exceptionalAttempts`)}>
              <input inputMode="numeric" {...register(`attemptLimits.${i}.exceptionalAttempts`)} />
            </Field>
            <button
              type="button"
              className="button button-small"
              onClick={() => limits.remove(i)}
              aria-label={`Remove rule ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            limits.append({ label: '', entryFrom: '', entryTo: '', standardAttempts: '4', exceptionalAttempts: '0' })
          }
        >
          Add a rule
        </button>
      </fieldset>
      <fieldset className="exam-fieldset">
        <legend>Post-fail support ladder</legend>
        {ladder.fields.map((f, i) => (
          <div key={f.id} className="form-grid rule-row">
            <Field label="From fail number" error={fieldError(errors, `ladder.${i}.failNumber`)}>
              <input inputMode="numeric" {...register(`ladder.${i}.failNumber`)} />
            </Field>
            <Field label="Tier" error={fieldError(errors, `ladder.${i}.label`)}>
              <input {...register(`ladder.${i}.label`)} />
            </Field>
            <Field label="Support offered (one per line)" error={fieldError(errors, `ladder.${i}.support`)}>
              <textarea rows={2} {...register(`ladder.${i}.support`)} />
            </Field>
            <button
              type="button"
              className="button button-small"
              onClick={() => ladder.remove(i)}
              aria-label={`Remove tier ${i + 1}`}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => ladder.append({ failNumber: String(ladder.fields.length + 1), label: '', support: '' })}
        >
          Add a tier
        </button>
      </fieldset>
      <FormFooter submitLabel="Save rules" submitting={isSubmitting} />
    </form>
  );
}

type DefinitionForm = {
  code: string;
  name: string;
  hasScore: boolean;
  componentKind: 'percentage' | 'grade' | 'none';
  components: string;
  earliestGrade: string;
  historic: boolean;
  attemptGroup: string;
  bookingWeeksBefore: string;
};

function DefinitionEditor({ definition, onDone }: { definition?: ExamDefinition | undefined; onDone(): void }) {
  const api = useApi();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof examDefinitionFieldsSchema, DefinitionForm>(examDefinitionFieldsSchema, {
    defaultValues: {
      code: definition?.code ?? '',
      name: definition?.name ?? '',
      hasScore: definition?.hasScore ?? true,
      componentKind: definition?.componentKind ?? 'none',
      components: (definition?.components ?? []).map((c) => c.label).join('\n'),
      earliestGrade: definition?.earliestGrade ?? '',
      historic: definition?.historic ?? false,
      attemptGroup: definition?.attemptGroup ?? '',
      bookingWeeksBefore: definition?.bookingWeeksBefore?.toString() ?? '',
    },
  });
  const submit = handleSubmit(async (fields) => {
    setFormError(null);
    try {
      // Keep part keys stable for an existing exam so recorded results still line up.
      const components = fields.components.map((c) => definition?.components.find((d) => d.label === c.label) ?? c);
      await api.exams.saveDefinition({
        ...(definition ? { id: definition.id } : {}),
        fields: { ...fields, components },
      });
      onDone();
    } catch (e) {
      applyServerError(e, setError, setFormError, { fallback: 'The exam could not be saved.' });
    }
  });
  return (
    <form
      onSubmit={submit}
      noValidate
      className="form card"
      aria-label={definition ? `Edit ${definition.code}` : 'New exam'}
    >
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Code" required error={errors.code?.message}>
          <input {...register('code')} />
        </Field>
        <Field label="Name" required error={errors.name?.message}>
          <input {...register('name')} />
        </Field>
        <Field label="Parts reported as" error={errors.componentKind?.message}>
          <select {...register('componentKind')}>
            <option value="none">No parts</option>
            <option value="percentage">Subject-area percentages</option>
            <option value="grade">Domain grades (Clear Pass to Clear Fail)</option>
          </select>
        </Field>
        <Field label="Parts (one per line)" error={errors.components?.message}>
          <textarea rows={3} {...register('components')} />
        </Field>
        <Field label="Usually sat from" hint="Guidance only" error={errors.earliestGrade?.message}>
          <Select {...register('earliestGrade')} placeholder="No guidance" options={plainOptions(TRAINING_GRADES)} />
        </Field>
        <Field
          label="Attempt group"
          hint="Exams in one group share a limit (RCA counts towards SCA); blank: its own"
          error={errors.attemptGroup?.message}
        >
          <input {...register('attemptGroup')} />
        </Field>
        <Field label="Booking closes (weeks before sitting)" error={errors.bookingWeeksBefore?.message}>
          <input inputMode="numeric" {...register('bookingWeeksBefore')} />
        </Field>
      </div>
      <label className="checkbox">
        <input type="checkbox" {...register('hasScore')} /> Has a total score and pass mark
      </label>
      <label className="checkbox">
        <input type="checkbox" {...register('historic')} /> Historic (still recordable, no longer sat)
      </label>
      <FormFooter submitLabel="Save exam" submitting={isSubmitting} onCancel={onDone} />
    </form>
  );
}

/** Exams, attempt limits and the post-fail ladder, all editable: they vary by region and change over time. */
export function ExamRulesDialog({ onClose }: { onClose(): void }) {
  const setup = useExamSetup();
  const api = useApi();
  const { notify } = useToast();
  const archive = async (d: ExamDefinition) => {
    try {
      await api.exams.archiveDefinition({ id: d.id });
      notify(`${d.code} archived: its results stay recorded, and it is no longer offered for new ones`);
    } catch (e) {
      notify(e instanceof ApiError ? e.message : 'That did not work; nothing changed.');
    }
  };
  const [editing, setEditing] = useState<ExamDefinition | 'new' | null>(null);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title="Exam rules" wide>
      {setup.data ? (
        <div className="stack">
          <section aria-labelledby="exam-defs-heading">
            <h3 id="exam-defs-heading">Exams</h3>
            <table className="data-table" aria-labelledby="exam-defs-heading">
              <thead>
                <tr>
                  <th scope="col">Code</th>
                  <th scope="col">Name</th>
                  <th scope="col">Parts</th>
                  <th scope="col">From</th>
                  <th scope="col">Group</th>
                  <th scope="col">Book by</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {setup.data.definitions.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {d.code}
                      {d.historic ? <span className="badge">Historic</span> : null}
                      {d.archivedAt ? <span className="badge">Archived</span> : null}
                    </td>
                    <td>{d.name}</td>
                    <td className="cell-wrap">{d.components.map((c) => c.label).join(', ') || '—'}</td>
                    <td>{d.earliestGrade ?? '—'}</td>
                    <td>{d.attemptGroup}</td>
                    <td>{d.bookingWeeksBefore !== null ? `${d.bookingWeeksBefore} weeks before` : '—'}</td>
                    <td>
                      <div className="button-row">
                        <button
                          type="button"
                          className="button button-small"
                          onClick={() => setEditing(d)}
                          aria-label={`Edit ${d.code}`}
                        >
                          Edit
                        </button>
                        {!d.builtIn && !d.archivedAt ? (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => void archive(d)}
                            aria-label={`Archive ${d.code}`}
                          >
                            Archive
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {editing ? (
              <DefinitionEditor
                key={editing === 'new' ? 'new' : editing.id}
                definition={editing === 'new' ? undefined : editing}
                onDone={() => setEditing(null)}
              />
            ) : (
              <button type="button" className="button" onClick={() => setEditing('new')}>
                Add an exam
              </button>
            )}
          </section>
          <RulesEditor rules={setup.data.rules} />
        </div>
      ) : (
        <p role="status">Loading…</p>
      )}
    </Dialog>
  );
}
