import { useMutation } from '@tanstack/react-query';
import { ApiError, isTeamServerPage, useApi } from '../../api';
import { FormError } from '../../components/FormError';
import type { TeamStatus } from '../../../../shared/team';

/**
 * Shown instead of the app once a team session has ended (signed out, idle too long, or past its
 * limit): nothing from the server stays on screen. In a browser, "Sign in again" goes through the
 * server's sign-in; in the desktop app it opens the system browser again, or goes back to the
 * records on this computer.
 */
export function SignedOutPage({ status }: { status: TeamStatus | undefined }) {
  const api = useApi();
  const server = status?.mode === 'team' ? status.server : null;
  const reconnect = useMutation({
    mutationFn: () => api.team.connect({ server: server ?? '' }),
    onSuccess: () => window.location.reload(),
  });
  const leave = useMutation({ mutationFn: () => api.team.leave(), onSuccess: () => window.location.reload() });
  const failed = reconnect.error ?? leave.error;
  return (
    <main id="main" className="first-start">
      <div className="first-start-body stack">
        <h1>Signed out — sign in again</h1>
        <p>
          Your session on the team server has ended: you signed out, or it was unused for a while, or it reached its
          time limit. Sign in again to carry on.
        </p>
        {isTeamServerPage(document) ? (
          <p>
            <a className="button button-primary" href="/auth/login">
              Sign in again
            </a>
          </p>
        ) : (
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              disabled={!server || reconnect.isPending}
              onClick={() => reconnect.mutate()}
            >
              {reconnect.isPending ? 'Waiting for you to sign in in your browser…' : 'Sign in again'}
            </button>
            <button type="button" className="button" disabled={leave.isPending} onClick={() => leave.mutate()}>
              Use the records on this computer
            </button>
          </div>
        )}
        {failed ? <FormError message={failed instanceof ApiError ? failed.message : String(failed)} /> : null}
      </div>
    </main>
  );
}
