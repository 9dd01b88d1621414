import type { Kysely } from 'kysely';
import { hashSecret, pkceChallengeOf, randomSecret, sameSecret } from './secrets';
import type { TeamDB } from './team-schema';

/** How long a person has between "Sign in" and coming back from the provider. */
export const SIGN_IN_MINUTES = 10;
/** How long the desktop app has to swap its one-time code for a session. */
export const DESKTOP_CODE_SECONDS = 60;
/**
 * Sign-ins in progress are rows anyone can make by opening /auth/login; past this many unexpired
 * ones, new sign-ins wait (an answer, not unbounded growth).
 */
export const MAX_OPEN_SIGN_INS = 10_000;

export interface DesktopRequest {
  /** `http://127.0.0.1:<port>/callback`, the desktop app's one-shot listener (RFC 8252). */
  redirectUri: string;
  state: string;
  codeChallenge: string;
}

export interface OpenSignIn {
  /** Goes into the browser's sign-in cookie; only its hash is stored. */
  id: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface FinishedSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  desktop: DesktopRequest | null;
}

export class TooManySignIns extends Error {
  override name = 'TooManySignIns';
}

/**
 * Sign-ins in progress (state, nonce and PKCE verifier for the provider) and the desktop app's
 * one-time codes, in PostgreSQL: the process that sends a person to the provider need not be the
 * one they come back to. Each is taken once: a replayed callback or code finds nothing.
 */
export function createSignInStore(db: Kysely<TeamDB>, now: () => Date) {
  return {
    async open(
      checks: { state: string; nonce: string; codeVerifier: string },
      desktop: DesktopRequest | null,
    ): Promise<OpenSignIn> {
      const at = now();
      await db.deleteFrom('team_login_transactions').where('expires_at', '<', at.toISOString()).execute();
      const { n } = await db
        .selectFrom('team_login_transactions')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_OPEN_SIGN_INS) throw new TooManySignIns('Too many sign-ins in progress');
      const id = randomSecret();
      await db
        .insertInto('team_login_transactions')
        .values({
          id_hash: hashSecret(id),
          state: checks.state,
          nonce: checks.nonce,
          code_verifier: checks.codeVerifier,
          client: desktop ? 'desktop' : 'browser',
          desktop_redirect_uri: desktop?.redirectUri ?? null,
          desktop_state: desktop?.state ?? null,
          desktop_code_challenge: desktop?.codeChallenge ?? null,
          created_at: at.toISOString(),
          expires_at: new Date(at.getTime() + SIGN_IN_MINUTES * 60_000).toISOString(),
        })
        .execute();
      return { id, ...checks };
    },

    /** Takes (deletes and returns) the sign-in named by the browser's cookie, if it is unexpired. */
    async take(id: string): Promise<FinishedSignIn | null> {
      if (!id) return null;
      const row = await db
        .deleteFrom('team_login_transactions')
        .where('id_hash', '=', hashSecret(id))
        .returningAll()
        .executeTakeFirst();
      if (!row || row.expires_at < now().toISOString()) return null;
      return {
        state: row.state,
        nonce: row.nonce,
        codeVerifier: row.code_verifier,
        desktop:
          row.client === 'desktop'
            ? {
                redirectUri: row.desktop_redirect_uri!,
                state: row.desktop_state!,
                codeChallenge: row.desktop_code_challenge!,
              }
            : null,
      };
    },

    /** A one-time code for the desktop app, bound to its PKCE challenge and redirect. */
    async issueDesktopCode(userId: string, desktop: DesktopRequest): Promise<string> {
      const code = randomSecret();
      const at = now();
      await db.deleteFrom('team_desktop_codes').where('expires_at', '<', at.toISOString()).execute();
      await db
        .insertInto('team_desktop_codes')
        .values({
          code_hash: hashSecret(code),
          user_id: userId,
          code_challenge: desktop.codeChallenge,
          redirect_uri: desktop.redirectUri,
          created_at: at.toISOString(),
          expires_at: new Date(at.getTime() + DESKTOP_CODE_SECONDS * 1000).toISOString(),
        })
        .execute();
      return code;
    },

    /**
     * Swaps a desktop code for its user: once only (the row is deleted whether or not the rest
     * matches, so a guessed verifier gets no second try), unexpired, same redirect, and the
     * verifier's S256 must be the challenge the app sent at the start.
     */
    async redeemDesktopCode(code: string, verifier: string, redirectUri: string): Promise<string | null> {
      if (!code || !verifier) return null;
      const row = await db
        .deleteFrom('team_desktop_codes')
        .where('code_hash', '=', hashSecret(code))
        .returningAll()
        .executeTakeFirst();
      if (!row || row.expires_at < now().toISOString()) return null;
      if (row.redirect_uri !== redirectUri) return null;
      if (!sameSecret(pkceChallengeOf(verifier), row.code_challenge)) return null;
      return row.user_id;
    },
  };
}

export type SignInStore = ReturnType<typeof createSignInStore>;
