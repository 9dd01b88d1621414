import { useState } from 'react';
import { SUPPRESSION_THRESHOLDS, type SuppressionThreshold } from '../../../../shared/insights/suppression';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { Select } from '../../components/Select';
import { useToast } from '../../components/Toasts';
import { formatLongDate, ukToday } from '../../../../shared/dates';
import { useSettings, useUpdateSettings } from '../settings';
import { useSigningIdentity } from './queries';

const THRESHOLD_OPTIONS = SUPPRESSION_THRESHOLDS.map((t) => ({
  value: String(t),
  label: t === 3 ? 'Under 3 (the default)' : `Under ${t}`,
}));

/** "What works": how small a count must be to be hidden, on the page and in publication returns. */
export function InsightsSettings() {
  const settings = useSettings();
  return (
    <section className="card" aria-labelledby="insights-settings-heading">
      <h2 id="insights-settings-heading">What works</h2>
      <p className="muted">
        Counts smaller than this are hidden on the What works page and in returns for publication, and no rate is shown
        for a group smaller than it.
      </p>
      {settings.data ? (
        <ThresholdForm key={settings.data.insightsThreshold} initial={settings.data.insightsThreshold} />
      ) : (
        <p role="status">Loading…</p>
      )}
      <SigningKey />
    </section>
  );
}

/** The fingerprint the DA lead checks, to know a return came from this computer and was not changed. */
function SigningKey() {
  const identity = useSigningIdentity();
  return (
    <div className="stack">
      <h3>Your signing key</h3>
      {identity.isLoading ? (
        <p role="status">Loading…</p>
      ) : identity.data ? (
        <>
          <p>
            Returns you export are signed with this computer’s key. Its fingerprint, made on{' '}
            {formatLongDate(ukToday(new Date(identity.data.createdAt)))}:
          </p>
          <p className="fingerprint mono" aria-label="Signing key fingerprint">
            {identity.data.fingerprint}
          </p>
          <p className="muted small">
            Read it out to your DA lead by phone or in a call, not in the email that carries the return: when the
            fingerprint they see beside your return is this one, the return is yours and unchanged.
          </p>
        </>
      ) : (
        <p className="muted">
          Returns are signed with a key made for this computer when you export your first return; its fingerprint then
          shows here.
        </p>
      )}
    </div>
  );
}

function ThresholdForm({ initial }: { initial: SuppressionThreshold }) {
  const [value, setValue] = useState(String(initial));
  const update = useUpdateSettings();
  const { notify } = useToast();
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void update
          .mutateAsync({ insightsThreshold: Number(value) as SuppressionThreshold })
          .then(() => notify('Settings saved'))
          .catch(() => undefined);
      }}
    >
      <Field label="Hide counts" hint="Your DA lead or region may ask for 5 or 10">
        <Select value={value} onChange={(e) => setValue(e.target.value)} options={THRESHOLD_OPTIONS} />
      </Field>
      <FormError message={update.isError ? update.error.message : null} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          Save threshold
        </button>
      </div>
    </form>
  );
}
