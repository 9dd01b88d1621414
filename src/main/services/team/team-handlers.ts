import { AppError } from '../../../shared/result';
import type { HandlersFor } from '../../handler-registry';

const NOT_CONNECTED = 'This window is not connected to a team server: your records are the ones on this computer.';

/**
 * The `team:*` channels where records are personal (the browser host, and the desktop app until
 * its glue takes them over): personal mode, nothing to sign out of. The desktop glue
 * (`electron/team-connection.ts`) and the team server (`team-server/`) answer them for real.
 */
export function teamHandlers(): HandlersFor<'team'> {
  return {
    'team:status': () => ({ mode: 'personal', canConnect: false }),
    'team:connect': () => {
      throw new AppError('forbidden', 'Connecting to a team server is done in the desktop app.');
    },
    'team:sign-out': () => {
      throw new AppError('forbidden', NOT_CONNECTED);
    },
    'team:leave': () => {
      throw new AppError('forbidden', NOT_CONNECTED);
    },
  };
}
