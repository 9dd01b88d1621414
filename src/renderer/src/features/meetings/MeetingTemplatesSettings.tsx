import { useState } from 'react';
import { MEETING_TYPES, type MeetingTemplate } from '../../../../shared/meetings/meeting-types';
import { ApiError, useApi } from '../../api';
import { useToast } from '../../components/Toasts';
import { useMeetingTemplates } from './queries';

function TemplateEditor({ template }: { template: MeetingTemplate }) {
  const api = useApi();
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

/** Settings section: the headings each meeting type's template fills into a 1:1. */
export function MeetingTemplatesSettings() {
  const templates = useMeetingTemplates();
  return (
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
  );
}
