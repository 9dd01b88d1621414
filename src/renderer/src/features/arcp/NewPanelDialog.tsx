import { useMemo, useState } from 'react';
import { z } from 'zod';
import { dateSchema } from '../../../../shared/dates';
import { requiredText } from '../../../../shared/text';
import { PANEL_MAX_TRAINEES, type ArcpPanel } from '../../../../shared/arcp/arcp-schema';
import { ApiError, useApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { Select, plainOptions } from '../../components/Select';
import { useZodForm } from '../../components/useZodForm';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useTrainees } from '../trainees';
import { DATE_INPUT } from '../../components/date-input';

const formSchema = z.object({
  name: requiredText(120, 'Enter a name for the panel', 'Panel name'),
  panelDate: dateSchema('panel date'),
});
type FormValues = { name: string; panelDate: string };
const REVIEWED = ['in_programme', 'extension'];
/** Beyond this many, ticking one by one is no help; narrow the cohort instead. */
const MAX_LISTED = 300;

/** A panel is a date and a cohort: choose the scheme and grades, see how many trainees that is, create. */
export function NewPanelDialog({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose(): void;
  onCreated(panel: ArcpPanel): void;
}) {
  const api = useApi();
  const trainees = useTrainees(false);
  const [programme, setProgramme] = useState('');
  const [grades, setGrades] = useState<string[]>([]);
  const [includeAway, setIncludeAway] = useState(false);
  const [excluded, setExcluded] = useState<Set<string>>(() => new Set());
  const [formError, setFormError] = useState<string | null>(null);
  const all = useMemo(() => trainees.data ?? [], [trainees.data]);
  const programmes = useMemo(() => [...new Set(all.map((t) => t.programme))].sort(), [all]);
  const gradeOptions = useMemo(() => [...new Set(all.map((t) => t.grade))].sort(), [all]);
  const cohort = all.filter(
    (t) =>
      (!programme || t.programme === programme) &&
      (grades.length === 0 || grades.includes(t.grade)) &&
      (includeAway || REVIEWED.includes(t.status)),
  );
  const chosen = cohort.filter((t) => !excluded.has(t.id));
  const toggle = (id: string, include: boolean) =>
    setExcluded((set) => {
      const next = new Set(set);
      if (include) next.delete(id);
      else next.add(id);
      return next;
    });

  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useZodForm<typeof formSchema, FormValues>(formSchema, {
    defaultValues: { name: '', panelDate: '' },
    // Re-checking only on submit keeps the button still under the pointer while an error message goes away.
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
  });

  const submit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const panel = await api.arcp.createPanel({ ...values, traineeIds: chosen.map((t) => t.id) });
      onCreated(panel);
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : 'The panel could not be created; nothing was saved.');
    }
  });

  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()} title="New ARCP panel" wide>
      <form onSubmit={submit} noValidate className="form" aria-label="New ARCP panel">
        <FormError message={formError} />
        <div className="form-grid">
          <Field label="Panel name" error={errors.name?.message} required>
            <input {...register('name')} placeholder="e.g. Riverside VTS spring panel" />
          </Field>
          <Field label="Panel date" hint="dd/mm/yyyy" error={errors.panelDate?.message} required>
            <input {...register('panelDate')} {...DATE_INPUT} />
          </Field>
          <Field label="Programme" hint="The cohort this panel reviews">
            <Select
              value={programme}
              onChange={(e) => setProgramme(e.target.value)}
              placeholder="All programmes"
              options={plainOptions(programmes)}
            />
          </Field>
        </div>
        <fieldset className="fieldset">
          <legend>Grades (none ticked means all)</legend>
          <div className="button-row">
            {gradeOptions.map((g) => (
              <label key={g} className="checkbox">
                <input
                  type="checkbox"
                  checked={grades.includes(g)}
                  onChange={(e) => setGrades((list) => (e.target.checked ? [...list, g] : list.filter((x) => x !== g)))}
                />{' '}
                {g}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={includeAway} onChange={(e) => setIncludeAway(e.target.checked)} /> Include
          trainees on leave or out of programme
        </label>
        <details>
          <summary>
            Choose individual trainees ({chosen.length} of {cohort.length} ticked)
          </summary>
          {cohort.length > MAX_LISTED ? (
            <p className="muted">Narrow the cohort by programme or grade to choose individual trainees.</p>
          ) : (
            <ul className="trainee-pick-list">
              {cohort.map((t) => (
                <li key={t.id}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={!excluded.has(t.id)}
                      onChange={(e) => toggle(t.id, e.target.checked)}
                    />{' '}
                    {t.familyName}, {t.preferredName || t.givenName}{' '}
                    <span className="muted">
                      ({t.grade}, {t.gmcNumber})
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </details>
        <p role="status" className="muted">
          {trainees.isLoading
            ? 'Loading trainees…'
            : `${chosen.length.toLocaleString('en-GB')} trainee${chosen.length === 1 ? '' : 's'} will be on this panel.`}
          {chosen.length > PANEL_MAX_TRAINEES
            ? ` A panel can review at most ${PANEL_MAX_TRAINEES}: narrow it by programme or grade.`
            : ''}
        </p>
        <FormFooter
          submitLabel={isSubmitting ? 'Creating…' : 'Create panel'}
          submitting={isSubmitting}
          canSubmit={chosen.length > 0 && chosen.length <= PANEL_MAX_TRAINEES}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
}
