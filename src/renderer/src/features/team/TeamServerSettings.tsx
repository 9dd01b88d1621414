import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../api';
import { ROLE_LABELS } from '../../../../shared/team';
import { ConnectTeamServer } from './ConnectTeamServer';
import { useTeamStatus } from './queries';
import { signOut } from './sign-out';

/**
 * Settings → Team server. Personal mode (desktop): connect to a team server. Team mode: where the
 * records come from, who is signed in and in which roles, sign out or go back to this computer's records.
 */
export function TeamServerSettings() {
  const api = useApi();
  const status = useTeamStatus();
  const out = useMutation({ mutationFn: () => signOut(api) });
  const leave = useMutation({ mutationFn: () => api.team.leave(), onSuccess: () => window.location.reload() });
  const data = status.data;
  if (!data || (data.mode === 'personal' && !data.canConnect)) return null;
  return (
    <section className="card" aria-labelledby="team-server-heading">
      <h2 id="team-server-heading">Team server</h2>
      {data.mode === 'personal' ? (
        <>
          <p>
            Your records are on this computer. If your scheme runs a TPD Companion team server, connect to it to work on
            the same trainees as your colleagues. The records on this computer are not changed or sent anywhere.
          </p>
          <ConnectTeamServer />
        </>
      ) : data.signedIn ? (
        <>
          <p>
            Records come from <strong>{data.server}</strong>. Signed in as <strong>{data.user.displayName}</strong>
            {data.user.email ? ` (${data.user.email})` : ''}.
          </p>
          <p>
            Roles:{' '}
            {data.roles.length
              ? data.roles
                  .map((r) => `${ROLE_LABELS[r.role]}${r.programmes.length ? ` — ${r.programmes.join(', ')}` : ''}`)
                  .join('; ')
              : 'none yet (ask your administrator)'}
          </p>
          <div className="button-row">
            <button type="button" className="button" disabled={out.isPending} onClick={() => out.mutate()}>
              Sign out
            </button>
            {window.tpd ? (
              <button type="button" className="button" disabled={leave.isPending} onClick={() => leave.mutate()}>
                Use the records on this computer
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
