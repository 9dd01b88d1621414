import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, useApi } from '../../api';
import { Field } from '../../components/Field';

/**
 * "Connect to a team server…" (desktop only): the address of the server, then sign-in in the system
 * browser. The records on this computer stay as they are.
 */
export function ConnectTeamServer({ initialServer = '' }: { initialServer?: string }) {
  const api = useApi();
  const [server, setServer] = useState(initialServer);
  const connect = useMutation({
    mutationFn: () => api.team.connect({ server }),
    onSuccess: () => window.location.reload(),
  });
  const error =
    connect.error instanceof ApiError
      ? (connect.error.fields.server ?? connect.error.message)
      : connect.error
        ? String(connect.error)
        : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Connect to a team server">
      <Field
        label="Team server address"
        hint="From your administrator, e.g. https://tpd.example.nhs.uk. You sign in in your web browser."
        error={error}
      >
        <input type="url" value={server} onChange={(e) => setServer(e.target.value)} autoComplete="url" />
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={connect.isPending}>
          {connect.isPending ? 'Waiting for you to sign in in your browser…' : 'Connect to a team server…'}
        </button>
      </div>
    </form>
  );
}
