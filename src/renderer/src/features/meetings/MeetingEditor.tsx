import { useState } from 'react';
import { ukToday } from '../../../../shared/dates';
import type { Meeting, MeetingFields } from '../../../../shared/meetings/meeting-types';
import { useApi } from '../../api';
import { MeetingForm, meetingFormValues, type MeetingFormValues } from './MeetingForm';
import { useDraft } from '../drafts';
import { usePlan } from '../plp';
import { useMeetingTemplates, useSchedule } from './queries';

export function draftKeyFor(traineeId: string, meeting?: Meeting): string {
  return meeting ? `meeting:edit:${meeting.id}` : `meeting:new:${traineeId}`;
}

/** Loads any unsaved draft first, so the form opens with what was being typed when the window closed. */
export function MeetingEditor({
  traineeId,
  meeting,
  onSaved,
  onClose,
}: {
  traineeId: string;
  meeting?: Meeting;
  onSaved(meeting: Meeting): void;
  onClose(): void;
}) {
  const api = useApi();
  const key = draftKeyFor(traineeId, meeting);
  const draft = useDraft(key);
  const templates = useMeetingTemplates();
  const plan = usePlan(traineeId);
  const schedule = useSchedule(traineeId);
  const [generation, setGeneration] = useState(0);

  if (draft.isLoading || templates.isLoading || plan.isLoading) return <p role="status">Loading…</p>;
  const base = meetingFormValues(traineeId, ukToday(), meeting);
  let initial: MeetingFormValues = base;
  let restoredFrom: string | null = null;
  if (draft.data) {
    try {
      initial = { ...base, ...(JSON.parse(draft.data.payload) as Partial<MeetingFormValues>), traineeId };
      restoredFrom = draft.data.updatedAt;
    } catch {
      // An unreadable draft is ignored rather than blocking the form.
    }
  }

  const discardDraft = async () => {
    await api.drafts.discard({ key });
    setGeneration((g) => g + 1);
  };

  const submit = async (fields: MeetingFields) => {
    const saved = meeting ? await api.meetings.update({ id: meeting.id, fields }) : await api.meetings.create(fields);
    await api.drafts.discard({ key });
    onSaved(saved);
  };

  return (
    <MeetingForm
      key={`${key}:${generation}`}
      draftKey={key}
      initial={initial}
      editing={Boolean(meeting)}
      templates={templates.data ?? []}
      goals={plan.data ?? []}
      cadenceWeeks={schedule.data?.cadenceWeeks ?? 8}
      restoredFrom={restoredFrom}
      onDiscardDraft={() => void discardDraft()}
      onSubmit={submit}
      onCancel={onClose}
    />
  );
}
