import { useMutation } from '@tanstack/react-query';
import { useApi } from '../../api';
import { ROLE_LABELS, type TeamStatus } from '../../../../shared/team';
import { signOut } from './sign-out';

/** In the top bar in team mode: who is signed in, in which roles, and "Sign out". */
export function TeamAccount({ status }: { status: Extract<TeamStatus, { signedIn: true }> }) {
  const api = useApi();
  const out = useMutation({ mutationFn: () => signOut(api) });
  const roles = status.roles.map((r) => ROLE_LABELS[r.role]).join(', ');
  return (
    <div className="team-account">
      <span className="team-account-name" title={roles || undefined}>
        {status.user.displayName}
      </span>
      <button type="button" className="button button-small" disabled={out.isPending} onClick={() => out.mutate()}>
        {out.isPending ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
