import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { MEETING_TYPES, type MeetingTemplate } from '../../../../shared/meetings/meeting-types';
import {
  SUPPORT_CATEGORIES,
  supportCatalogueEntrySchema,
  type SupportCatalogueEntry,
  type SupportCatalogueEntryInput,
} from '../../../../shared/support/support-types';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toasts';
import { everydayKeys, useMeetingTemplates, useSupportCatalogue } from './queries';

function TemplateEditor({ template }: { template: MeetingTemplate }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [text, setText] = useState(template.prompts);
  const [error, setError] = useState<string | null>(null);
  const id = `template-${template.meetingType}`;
  return (
    <div className="stack">
      <label htmlFor={id} className="field-label">
        {template.label}
      </label>
      <textarea
        id={id}
        rows={5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button-small"
          disabled={text === template.prompts}
          onClick={async () => {
            try {
              await api.meetings.saveTemplate({ meetingType: template.meetingType, prompts: text });
              setError(null);
              await queryClient.invalidateQueries({ queryKey: everydayKeys.templates });
              notify(`Template saved: ${template.label}`);
            } catch (e) {
              setError(e instanceof ApiError ? e.message : 'The template was not saved.');
            }
          }}
        >
          Save template
        </button>
      </div>
    </div>
  );
}

type EntryValues = { id: string; label: string; category: string; followUpDays: string; active: boolean };

function CatalogueEntryForm({ entry, onDone }: { entry?: SupportCatalogueEntry; onDone(): void }) {
  const api = useApi();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<EntryValues, unknown, SupportCatalogueEntryInput>({
    defaultValues: {
      id: entry?.id ?? '',
      label: entry?.label ?? '',
      category: entry?.category ?? 'other',
      followUpDays: String(entry?.followUpDays ?? 14),
      active: entry?.active ?? true,
    },
    resolver: zodResolver(supportCatalogueEntrySchema) as unknown as Resolver<
      EntryValues,
      unknown,
      SupportCatalogueEntryInput
    >,
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
          onDone();
        } catch (e) {
          if (e instanceof ApiError)
            for (const [name, message] of Object.entries(e.fields)) setError(name as keyof EntryValues, { message });
        }
      })}
    >
      <Field label={entry ? `Name${suffix}` : 'New support offer'} error={errors.label?.message}>
        <input {...register('label')} autoComplete="off" />
      </Field>
      <Field label={`Category${suffix}`} error={errors.category?.message}>
        <select {...register('category')}>
          {SUPPORT_CATEGORIES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
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

/** Settings for everyday work: the 1:1 templates and the catalogue of support offers. */
export function EverydaySettings() {
  const templates = useMeetingTemplates();
  const catalogue = useSupportCatalogue(true);
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['support-catalogue'] });
  return (
    <>
      <section className="card stack" aria-labelledby="templates-heading">
        <h2 id="templates-heading">1:1 templates</h2>
        <p className="muted">
          Headings filled into a 1:1’s shared summary when you choose “Use template”. {MEETING_TYPES.length} meeting
          types.
        </p>
        {(templates.data ?? []).map((t) => (
          <TemplateEditor key={t.meetingType} template={t} />
        ))}
      </section>
      <section className="card stack" aria-labelledby="catalogue-heading">
        <h2 id="catalogue-heading">Support catalogue</h2>
        <p className="muted">
          What you can offer trainees, and how many days after an offer to follow it up if it is still open.
        </p>
        {(catalogue.data ?? []).map((entry) => (
          <CatalogueEntryForm
            key={`${entry.id}:${entry.label}:${entry.followUpDays}:${entry.active}`}
            entry={entry}
            onDone={refresh}
          />
        ))}
        <CatalogueEntryForm onDone={refresh} />
      </section>
    </>
  );
}
