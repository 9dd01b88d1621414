import { z } from 'zod';
import { channel } from '../contract/define';
import { empty } from '../schema-helpers';
import type { RoleGrant } from './team-roles';

/** Where this window's records come from: this computer (personal) or a team server. */
export type TeamStatus =
  | { mode: 'personal'; canConnect: boolean }
  | {
      mode: 'team';
      /** The server's address, e.g. `https://tpd.example.nhs.uk`. */
      server: string;
      signedIn: true;
      user: { displayName: string; email: string | null };
      roles: RoleGrant[];
    }
  | { mode: 'team'; server: string; signedIn: false };

const MAX_URL = 2048;

/** A team server's address: https, or http on this computer only (a development server). */
export const teamServerUrlSchema = z
  .string()
  .trim()
  .max(MAX_URL, { error: 'That address is too long' })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
        return (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) && !url.username && !url.password;
      } catch {
        return false;
      }
    },
    { error: 'Enter the team server’s https:// address, e.g. https://tpd.example.nhs.uk' },
  );

export const teamChannels = {
  /** Personal or team mode, and who is signed in. */
  'team:status': channel(empty).returns<TeamStatus>(),
  /**
   * Desktop only: sign in to a team server in the system browser and use its records from now on.
   * Nothing in the personal database changes (a read, as far as the data features go); the window
   * reloads on the server's records.
   */
  'team:connect': channel(z.strictObject({ server: teamServerUrlSchema })).returns<{ connected: true }>(),
  /** Ends this session on the server (the window shows "Signed out" until signed in again). */
  'team:sign-out': channel(empty).returns<{ signedOut: true; endSessionUrl: string | null }>(),
  /** Desktop only: back to the personal records on this computer (signs out first). */
  'team:leave': channel(empty).returns<{ left: true }>(),
};
