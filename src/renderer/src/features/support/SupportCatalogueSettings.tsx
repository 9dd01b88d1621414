import {
  SUPPORT_CATEGORIES,
  supportCatalogueEntrySchema,
  type SupportCatalogueEntry,
} from '../../../../shared/support/support-types';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { useSupportCatalogue } from './queries';

function CatalogueEntryForm({ entry }: { entry?: SupportCatalogueEntry }) {
  const api = useApi();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useZodForm(supportCatalogueEntrySchema, {
    defaultValues: {
      id: entry?.id ?? '',
      label: entry?.label ?? '',
      category: entry?.category ?? 'other',
      followUpDays: String(entry?.followUpDays ?? 14),
      active: entry?.active ?? true,
    },
  });
  const suffix = entry ? ` for ${entry.label}` : '';
  return (
    <form
      className="inline-form"
      noValidate
      aria-label={entry ? `Edit ${entry.label}` : 'Add a support offer'}
      onSubmit={handleSubmit(async (input) => {
        try {
          await api.support.saveCatalogueEntry({ ...input, id: input.id || null });
          if (!entry) reset();
        } catch (e) {
          if (e instanceof ApiError)
            for (const [name, message] of Object.entries(e.fields))
              setError(name as 'id' | 'label' | 'category' | 'followUpDays' | 'active', { message });
        }
      })}
    >
      <Field label={entry ? `Name${suffix}` : 'New support offer'} error={errors.label?.message}>
        <input {...register('label')} autoComplete="off" />
      </Field>
      <Field label={`Category${suffix}`} error={errors.category?.message}>
        <Select {...register('category')} options={SUPPORT_CATEGORIES} />
      </Field>
      <Field label={`Follow up after (days)${suffix}`} error={errors.followUpDays?.message}>
        <input {...register('followUpDays')} inputMode="numeric" className="number-input" />
      </Field>
      <label className="checkbox">
        <input type="checkbox" {...register('active')} /> Offered{entry ? '' : ' now'}
      </label>
      <button type="submit" className="button button-small" disabled={isSubmitting}>
        {entry ? 'Save' : 'Add offer'}
      </button>
    </form>
  );
}

/** Settings section: what can be offered to trainees, and when an open offer is followed up. */
export function SupportCatalogueSettings() {
  const catalogue = useSupportCatalogue(true);
  return (
    <section className="card stack" aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">Support catalogue</h2>
      <p className="muted">
        What you can offer trainees, and how many days after an offer to follow it up if it is still open.
      </p>
      {(catalogue.data ?? []).map((entry) => (
        <CatalogueEntryForm key={`${entry.id}:${entry.label}:${entry.followUpDays}:${entry.active}`} entry={entry} />
      ))}
      <CatalogueEntryForm />
    </section>
  );
}
