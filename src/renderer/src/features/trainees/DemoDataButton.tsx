import { useState } from 'react';
import { ApiError, useApi } from '../../api';
import { useToast } from '../../components/Toasts';

/** Offered only from empty states: main refuses demo data once real trainees exist. */
export function DemoDataButton() {
  const api = useApi();
  const { notify } = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const outcome = await api.demo.load({ size: 'standard' });
            notify(`Loaded ${outcome.trainees} synthetic demo trainees`);
          } catch (e) {
            setError(e instanceof ApiError ? e.message : 'Demo data could not be loaded.');
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Loading demo data…' : 'Load demo data'}
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
