import { useState } from 'react';
import { retentionEndsOn, retentionPeriodLabel } from '../../../../shared/erasure';
import { formatLongDate, ukToday } from '../../../../shared/dates';
import type { RetentionPeriod } from '../../../../shared/settings/settings-schema';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useToast } from '../../components/Toasts';
import { ApiError } from '../../api';
import { useUpdateSettings } from './mutations';
import { useSettings } from './queries';

/** Settings → Retention: how long an archived trainee's record is kept before Today asks to erase it. */
export function RetentionSettings() {
  const settings = useSettings();
  return (
    <section className="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">Retention</h2>
      <p className="muted">
        How long to keep a trainee's record after they leave or complete training, counted from the day you archive
        them. Once it has passed, Today lists them to erase or keep. Nothing is ever deleted without you.
      </p>
      {settings.data ? (
        <RetentionForm key={JSON.stringify(settings.data.retentionPeriod)} initial={settings.data.retentionPeriod} />
      ) : (
        <p role="status">Loading…</p>
      )}
    </section>
  );
}

function RetentionForm({ initial }: { initial: RetentionPeriod | null }) {
  const [keepForever, setKeepForever] = useState(initial === null);
  const [years, setYears] = useState(String(initial?.years ?? 6));
  const [months, setMonths] = useState(String(initial?.months ?? 0));
  const update = useUpdateSettings();
  const { notify } = useToast();
  const fields = update.error instanceof ApiError ? (update.error.fields ?? {}) : {};
  const period = { years: Number(years), months: Number(months) };
  const valid = Number.isInteger(period.years) && Number.isInteger(period.months) && period.years + period.months > 0;
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const retentionPeriod = keepForever ? null : { years: Number(years), months: Number(months) };
        void update
          .mutateAsync({ retentionPeriod })
          .then(() => notify(`Retention saved: ${retentionPeriodLabel(retentionPeriod)}`))
          .catch(() => undefined);
      }}
    >
      <fieldset className="fieldset">
        <legend>Keep an archived trainee's record</legend>
        <label className="inline-label">
          <input type="radio" name="retention" checked={keepForever} onChange={() => setKeepForever(true)} />
          Keep until I erase (no automatic reminder)
        </label>
        <label className="inline-label">
          <input type="radio" name="retention" checked={!keepForever} onChange={() => setKeepForever(false)} />
          For a period after they leave or complete training
        </label>
      </fieldset>
      {keepForever ? null : (
        <div className="form-grid">
          <Field label="Years" error={fields['retentionPeriod.years']}>
            <input type="number" min={0} max={50} step={1} value={years} onChange={(e) => setYears(e.target.value)} />
          </Field>
          <Field label="Months" hint="0 to 11" error={fields['retentionPeriod.months']}>
            <input type="number" min={0} max={11} step={1} value={months} onChange={(e) => setMonths(e.target.value)} />
          </Field>
        </div>
      )}
      {!keepForever && valid ? (
        <p className="muted">
          A trainee archived today would be listed on {formatLongDate(retentionEndsOn(ukToday(), period))}.
        </p>
      ) : null}
      <FormError message={update.isError ? update.error.message : null} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          Save retention
        </button>
      </div>
    </form>
  );
}
