import type { Api } from '../../../../shared/contract';
import { isTeamServerPage } from '../../api';

/**
 * Ends the session on the server. In a browser, then goes to the provider's sign-out (if the
 * server uses one) or the server's "Signed out" page; in the desktop app the window reloads on the
 * "Signed out" page.
 */
export async function signOut(api: Api): Promise<void> {
  const { endSessionUrl } = await api.team['sign-out']();
  if (isTeamServerPage(document)) window.location.assign(endSessionUrl ?? '/auth/signed-out');
  else window.location.reload();
}
