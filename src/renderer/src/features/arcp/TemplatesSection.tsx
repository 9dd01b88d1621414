import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { EVIDENCE_BASES, type EvidenceTemplate } from '../../../../shared/arcp/arcp-reference';
import { templateFieldsSchema } from '../../../../shared/arcp/arcp-schema';
import { TRAINING_GRADES } from '../../../../shared/trainees/reference';
import { useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Select, plainOptions } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { applyServerError } from '../../lib/server-errors';
import { useArcpReference } from './queries';

interface ItemValues {
  key: string;
  label: string;
  minimum: string;
  basis: string;
  proRata: boolean;
  note: string;
}
interface FormValues {
  name: string;
  specialty: string;
  grade: string;
  items: ItemValues[];
}

function toValues(t: EvidenceTemplate | null, copy: boolean): FormValues {
  return {
    name: t && !copy ? t.name : '',
    specialty: t && !copy ? t.specialty : '',
    grade: t?.grade ?? 'ST1',
    items: (t?.items ?? []).map((i) => ({
      key: i.key,
      label: i.label,
      minimum: String(i.minimum),
      basis: i.basis,
      proRata: i.proRata,
      note: i.note ?? '',
    })),
  };
}

/** The editable WPBA templates: GP minimums as shipped, and any a scheme or specialty adds. */
export function TemplatesSection() {
  const reference = useArcpReference();
  const [editing, setEditing] = useState<{ template: EvidenceTemplate | null; copy: boolean } | null>(null);
  const templates = reference.data?.templates ?? [];
  return (
    <section className="card stack" aria-labelledby="templates-heading">
      <div className="page-header">
        <h2 id="templates-heading">Evidence templates</h2>
        <button
          type="button"
          className="button"
          onClick={() => setEditing({ template: templates[0] ?? null, copy: true })}
        >
          Add a template
        </button>
      </div>
      <p className="muted">
        Minimums per full-time-equivalent year; items marked pro rata are multiplied by the trainee’s WTE and rounded up
        for LTFT trainees.
      </p>
      <table className="data-table" aria-label="Evidence templates">
        <thead>
          <tr>
            <th scope="col">Template</th>
            <th scope="col">Specialty</th>
            <th scope="col">Grade</th>
            <th scope="col">Items</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.id}>
              <td>{t.name}</td>
              <td>{t.specialty}</td>
              <td>{t.grade}</td>
              <td>{t.items.length}</td>
              <td>
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setEditing({ template: t, copy: false })}
                  aria-label={`Edit ${t.name}`}
                >
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <TemplateDialog template={editing.template} copy={editing.copy} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}

function TemplateDialog({
  template,
  copy,
  onClose,
}: {
  template: EvidenceTemplate | null;
  copy: boolean;
  onClose(): void;
}) {
  const api = useApi();
  const { notify } = useToast();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof templateFieldsSchema, FormValues>(templateFieldsSchema, {
    defaultValues: toValues(template, copy),
  });
  const items = useFieldArray({ control, name: 'items' });

  const submit = handleSubmit(async (fields) => {
    setFormError(null);
    try {
      const saved = await api.arcp.saveTemplate({ id: copy ? null : (template?.id ?? null), fields });
      notify(`Template “${saved.name}” saved`);
      onClose();
    } catch (e) {
      applyServerError(e, setError, setFormError, {
        fieldPrefix: 'fields.',
        fallback: 'The template could not be saved.',
      });
    }
  });

  const title = copy ? 'Add an evidence template' : `Edit ${template?.name ?? 'template'}`;
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={title} wide>
      <form onSubmit={submit} noValidate className="form" aria-label={title}>
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Template name" error={errors.name?.message} required>
            <input {...register('name')} />
          </Field>
          <Field
            label="Specialty"
            hint="Matches the start of a programme name, e.g. GP"
            error={errors.specialty?.message}
            required
          >
            <input {...register('specialty')} />
          </Field>
          <Field label="Grade" error={errors.grade?.message} required>
            <Select {...register('grade')} options={plainOptions(TRAINING_GRADES)} />
          </Field>
        </div>
        <table className="data-table template-items" aria-label="Template items">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Key</th>
              <th scope="col">Minimum</th>
              <th scope="col">Applies</th>
              <th scope="col">Pro rata</th>
              <th scope="col">Note</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.fields.map((field, i) => {
              const e = errors.items?.[i];
              const label = `Item ${i + 1}`;
              return (
                <tr key={field.id}>
                  <td className="cell-wrap">
                    <input
                      {...register(`items.${i}.label`)}
                      aria-label={`${label} name`}
                      aria-invalid={e?.label ? true : undefined}
                    />
                    {e?.label ? <p className="field-error">{e.label.message}</p> : null}
                  </td>
                  <td className="cell-wrap">
                    <input
                      {...register(`items.${i}.key`)}
                      aria-label={`${label} key`}
                      className="input-short"
                      aria-invalid={e?.key ? true : undefined}
                    />
                    {e?.key ? <p className="field-error">{e.key.message}</p> : null}
                  </td>
                  <td className="cell-wrap">
                    <input
                      {...register(`items.${i}.minimum`)}
                      aria-label={`${label} minimum`}
                      inputMode="numeric"
                      className="input-number"
                      aria-invalid={e?.minimum ? true : undefined}
                    />
                    {e?.minimum ? <p className="field-error">{e.minimum.message}</p> : null}
                  </td>
                  <td>
                    <Select
                      {...register(`items.${i}.basis`)}
                      aria-label={`${label} applies`}
                      options={EVIDENCE_BASES}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      {...register(`items.${i}.proRata`)}
                      aria-label={`${label} pro rata for LTFT`}
                    />
                  </td>
                  <td>
                    <input {...register(`items.${i}.note`)} aria-label={`${label} note`} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => items.remove(i)}
                      aria-label={`Remove ${label}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {errors.items?.message ? <p className="field-error">{errors.items.message}</p> : null}
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() =>
              items.append({
                key: `item_${items.fields.length + 1}`,
                label: '',
                minimum: '1',
                basis: 'year',
                proRata: false,
                note: '',
              })
            }
          >
            Add an item
          </button>
          <button type="submit" className="button button-primary" disabled={isSubmitting}>
            Save template
          </button>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
