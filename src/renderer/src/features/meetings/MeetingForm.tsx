import { useState } from 'react';
import { useFieldArray, useWatch } from 'react-hook-form';
import { formatUkDate, formatUkDateTime } from '../../../../shared/dates';
import {
  ACTION_OWNERS,
  MAX_NOTE_CHARS,
  MEETING_MODES,
  MEETING_TYPES,
  WELLBEING_LEVELS,
  meetingFieldsSchema,
  type Meeting,
  type MeetingFields,
  type MeetingTemplate,
} from '../../../../shared/meetings/meeting-types';
import { isGoalOpen, type PlpGoal } from '../../../../shared/plp/plp-types';
import { Field } from '../../components/Field';
import { Select } from '../../components/Select';
import { FormError } from '../../components/FormError';
import { FormFooter } from '../../components/FormFooter';
import { useZodForm } from '../../components/useZodForm';
import { useAutosaveDraft } from '../drafts';
import { DATE_INPUT } from '../../components/date-input';
import { applyServerError } from '../../lib/server-errors';
import { PrivateNoteField } from '../../components/PrivateNote';
import { HiddenNote, usePresenting } from '../../lib/presenting';

export interface MeetingFormValues {
  traineeId: string;
  heldOn: string;
  startTime: string;
  durationMinutes: string;
  mode: string;
  meetingType: string;
  attendees: string;
  sharedSummary: string;
  privateNotes: string;
  wellbeing: string;
  wellbeingNote: string;
  goalIds: string[];
  actions: Array<{ id: string; description: string; owner: string; dueOn: string; done: boolean }>;
  nextDueOn: string;
}

export function meetingFormValues(traineeId: string, today: string, meeting?: Meeting): MeetingFormValues {
  return {
    traineeId,
    heldOn: formatUkDate(meeting?.heldOn ?? today),
    startTime: meeting?.startTime ?? '',
    durationMinutes: meeting?.durationMinutes ? String(meeting.durationMinutes) : '',
    mode: meeting?.mode ?? 'in_person',
    meetingType: meeting?.meetingType ?? 'pastoral',
    attendees: meeting?.attendees.join('; ') ?? '',
    sharedSummary: meeting?.sharedSummary ?? '',
    privateNotes: meeting?.privateNotes ?? '',
    wellbeing: meeting?.wellbeing ?? '',
    wellbeingNote: meeting?.wellbeingNote ?? '',
    goalIds: meeting?.goalIds ?? [],
    actions: (meeting?.actions ?? []).map((a) => ({
      id: a.id,
      description: a.description,
      owner: a.owner,
      dueOn: formatUkDate(a.dueOn),
      done: Boolean(a.doneOn),
    })),
    nextDueOn: formatUkDate(meeting?.nextDueOn),
  };
}

interface MeetingFormProps {
  draftKey: string;
  initial: MeetingFormValues;
  editing: boolean;
  templates: MeetingTemplate[];
  goals: PlpGoal[];
  cadenceWeeks: number;
  restoredFrom?: string | null;
  onDiscardDraft?(): void;
  onSubmit(fields: MeetingFields): Promise<void>;
  onCancel(): void;
}

/**
 * A 1:1 in one form: when and how, a shared summary and (visibly apart) private notes, a
 * wellbeing check, linked PLP goals, agreed actions and the next 1:1. Saved as a draft as you type.
 */
export function MeetingForm({
  draftKey,
  initial,
  editing,
  templates,
  goals,
  cadenceWeeks,
  restoredFrom,
  onDiscardDraft,
  onSubmit,
  onCancel,
}: MeetingFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const { presenting } = usePresenting();
  // The draft this form opened with; later autosaves refresh the draft query but were not "restored".
  const [restoredAt] = useState(restoredFrom);
  const {
    register,
    control,
    handleSubmit,
    setError,
    getValues,
    setValue,
    formState: { errors, isSubmitting, isDirty },
  } = useZodForm(meetingFieldsSchema, { defaultValues: initial, mode: 'onBlur' });
  const actions = useFieldArray({ control, name: 'actions' });
  const values = useWatch({ control }) as MeetingFormValues;
  const draft = useAutosaveDraft(draftKey, initial.traineeId, values, isDirty || Boolean(restoredAt));

  const template = templates.find((t) => t.meetingType === values.meetingType);
  const useTemplate = () => {
    if (!template?.prompts) return;
    const current = getValues('sharedSummary');
    setValue(
      'sharedSummary',
      current.trim() ? `${current.replace(/\s+$/, '')}\n\n${template.prompts}` : template.prompts,
      { shouldDirty: true },
    );
  };

  const submit = handleSubmit(async (fields) => {
    setFormError(null);
    draft.pause(true);
    try {
      await onSubmit(fields);
    } catch (error) {
      draft.pause(false);
      applyServerError(error, setError, setFormError, {
        fallback: 'Something went wrong; nothing was saved. Your draft is kept.',
      });
    }
  });

  const e = (name: Exclude<keyof MeetingFormValues, 'actions' | 'goalIds'>) => errors[name]?.message;
  const openGoals = goals.filter((g) => isGoalOpen(g.status) || values.goalIds.includes(g.id));
  return (
    <form onSubmit={submit} noValidate className="form" aria-label={editing ? 'Edit 1:1' : 'New 1:1'}>
      {restoredAt ? (
        <div className="alert" role="status">
          Restored your unsaved draft from {formatUkDateTime(restoredAt)}.{' '}
          <button type="button" className="button button-small" onClick={onDiscardDraft}>
            Discard draft
          </button>
        </div>
      ) : null}
      <FormError message={formError} />
      <div className="form-grid">
        <Field label="Date" required hint="dd/mm/yyyy" error={e('heldOn')}>
          <input {...register('heldOn')} {...DATE_INPUT} />
        </Field>
        <Field label="Start time" hint="hh:mm, optional" error={e('startTime')}>
          <input {...register('startTime')} inputMode="numeric" placeholder="14:30" autoComplete="off" />
        </Field>
        <Field label="Duration (minutes)" error={e('durationMinutes')}>
          <input {...register('durationMinutes')} inputMode="numeric" autoComplete="off" />
        </Field>
        <Field label="Mode" required error={e('mode')}>
          <Select {...register('mode')} options={MEETING_MODES} />
        </Field>
        <Field label="Meeting type" required error={e('meetingType')}>
          <Select {...register('meetingType')} options={MEETING_TYPES} />
        </Field>
        <Field label="Who attended" hint="Separate names with semicolons" error={e('attendees')}>
          <input {...register('attendees')} autoComplete="off" />
        </Field>
      </div>

      <div className="stack">
        <div className="button-row">
          <button type="button" className="button" onClick={useTemplate} disabled={!template?.prompts}>
            Use template: {template?.label ?? 'none'}
          </button>
          <span className="muted">Fills the template’s headings into the shared summary; edit freely.</span>
        </div>
        <Field
          label="Shared summary"
          hint={`May be shared with the trainee and exported to the e-portfolio. Up to ${MAX_NOTE_CHARS.toLocaleString('en-GB')} characters.`}
          error={e('sharedSummary')}
        >
          <textarea {...register('sharedSummary')} rows={10} className="note-input" />
        </Field>
        <PrivateNoteField
          label="Private notes (only you)"
          hint="Never exported, printed or included in any copy. Kept encrypted on this computer."
          error={e('privateNotes')}
        >
          <textarea {...register('privateNotes')} rows={5} className="note-input" />
        </PrivateNoteField>
      </div>

      <div className="form-grid">
        {presenting ? (
          <div className="private-note">
            <span className="private-note-label">Wellbeing check and note</span>
            <HiddenNote what="Wellbeing check" />
          </div>
        ) : (
          <>
            <Field label="Wellbeing check" hint="Optional" error={e('wellbeing')}>
              <Select {...register('wellbeing')} placeholder="Not asked" options={WELLBEING_LEVELS} />
            </Field>
            <Field label="Wellbeing note" hint="Private, like the notes" error={e('wellbeingNote')}>
              <input {...register('wellbeingNote')} autoComplete="off" />
            </Field>
          </>
        )}
        <Field
          label="Next 1:1 due"
          hint={`dd/mm/yyyy; blank means in ${cadenceWeeks} weeks (this trainee’s cadence)`}
          error={e('nextDueOn')}
        >
          <input {...register('nextDueOn')} {...DATE_INPUT} />
        </Field>
      </div>

      {openGoals.length ? (
        <fieldset className="group-box">
          <legend>Linked PLP goals</legend>
          {openGoals.map((g) => (
            <label key={g.id} className="checkbox">
              <input type="checkbox" value={g.id} {...register('goalIds')} /> {g.title}
            </label>
          ))}
        </fieldset>
      ) : null}

      <fieldset className="group-box">
        <legend>Agreed actions</legend>
        {typeof errors.actions?.message === 'string' ? (
          <p className="field-error" role="alert">
            {errors.actions.message}
          </p>
        ) : null}
        {actions.fields.map((field, i) => {
          const err = errors.actions?.[i];
          return (
            <div key={field.id} className="action-row">
              <Field label={`Action ${i + 1}`} required error={err?.description?.message}>
                <input {...register(`actions.${i}.description`)} autoComplete="off" />
              </Field>
              <Field label={`Owner of action ${i + 1}`} required error={err?.owner?.message}>
                <Select {...register(`actions.${i}.owner`)} options={ACTION_OWNERS} />
              </Field>
              <Field label={`Due date of action ${i + 1}`} required error={err?.dueOn?.message}>
                <input {...register(`actions.${i}.dueOn`)} {...DATE_INPUT} />
              </Field>
              <label className="checkbox action-done">
                <input type="checkbox" {...register(`actions.${i}.done`)} /> Done
              </label>
              <button
                type="button"
                className="button button-small"
                onClick={() => actions.remove(i)}
                aria-label={`Remove action ${i + 1}`}
              >
                Remove
              </button>
            </div>
          );
        })}
        <div>
          <button
            type="button"
            className="button"
            onClick={() => actions.append({ id: '', description: '', owner: 'trainee', dueOn: '', done: false })}
          >
            Add action
          </button>
        </div>
      </fieldset>

      <FormFooter
        submitLabel={editing ? 'Save changes' : 'Save 1:1'}
        submitting={isSubmitting}
        onCancel={onCancel}
        cancelLabel="Close"
      >
        <span className="muted" role="status">
          {draft.error
            ? `Draft not saved: ${draft.error}`
            : draft.savedAt
              ? `Draft saved ${formatUkDateTime(draft.savedAt).slice(-5)}`
              : ''}
        </span>
      </FormFooter>
    </form>
  );
}
