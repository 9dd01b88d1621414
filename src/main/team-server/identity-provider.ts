import * as oidc from 'openid-client';
import type { Identity } from './team-users';

export interface OidcSettings {
  /** The provider's issuer, e.g. `https://login.microsoftonline.com/<tenant id>/v2.0`. */
  issuer: string;
  clientId: string;
  /** A confidential client's secret; null for a public client (PKCE alone). */
  clientSecret: string | null;
  clientAuth: 'client_secret_basic' | 'client_secret_post' | 'none';
  scopes: string;
  /** The claim that identifies a person: `sub` (default) or Entra's `oid`. */
  subjectClaim: string;
  /** The claim holding the email that binds a person an admin added by email (Entra: `preferred_username` or `email`). */
  emailClaim: string;
  nameClaim: string;
  /** Also sign out at the provider (RP-initiated logout) when someone signs out here. */
  endSessionAtProvider: boolean;
}

export interface SignInChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface IdentityProvider {
  /** The provider's sign-in page for a new sign-in, and the checks its answer must pass. */
  start(): Promise<{ url: URL; checks: SignInChecks }>;
  /**
   * Checks the provider's answer at the redirect URI and swaps the code (with the PKCE verifier)
   * for tokens; openid-client checks the state, the ID token's signature (against the provider's
   * published keys, never `alg: none`), issuer, audience, expiry and nonce. Throws on any mismatch.
   */
  finish(callbackUrl: URL, checks: SignInChecks): Promise<Identity>;
  /** Where to send the browser to sign out at the provider too, or null. */
  endSessionUrl(): Promise<string | null>;
}

function clientAuthentication(settings: OidcSettings): oidc.ClientAuth {
  if (settings.clientAuth === 'none') return oidc.None();
  if (!settings.clientSecret) throw new Error(`oidc.clientAuth is ${settings.clientAuth} but no client secret is set.`);
  return settings.clientAuth === 'client_secret_post'
    ? oidc.ClientSecretPost(settings.clientSecret)
    : oidc.ClientSecretBasic(settings.clientSecret);
}

function claimText(claims: Record<string, unknown>, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function createIdentityProvider(
  settings: OidcSettings,
  options: {
    redirectUri: string;
    postLogoutRedirectUri: string;
    /** Only for the development provider on 127.0.0.1 (`--dev`): openid-client refuses http otherwise. */
    allowHttpIssuer: boolean;
  },
): IdentityProvider {
  let discovered: Promise<oidc.Configuration> | null = null;
  // Discovered on first use and kept; a failure (provider unreachable) is tried again next time.
  const configuration = () =>
    (discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { redirect_uris: [options.redirectUri], response_types: ['code'] },
        clientAuthentication(settings),
        {
          // openid-client trusts an ID token from the token endpoint on the strength of TLS alone unless
          // told otherwise (OIDC Core 3.1.3.7 allows it); this server checks its signature against the
          // provider's published keys as well, so a token altered anywhere on its way is refused.
          execute: [oidc.enableNonRepudiationChecks, ...(options.allowHttpIssuer ? [oidc.allowInsecureRequests] : [])],
        },
      )
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      }));

  return {
    async start() {
      const config = await configuration();
      const checks = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
      };
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: settings.scopes,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
      });
      return { url, checks };
    },

    async finish(callbackUrl, checks) {
      const config = await configuration();
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('The provider returned no ID token.');
      const all = claims as unknown as Record<string, unknown>;
      const subject = claimText(all, settings.subjectClaim);
      if (!subject) throw new Error(`The ID token has no ${settings.subjectClaim} claim.`);
      // An email the provider says is unverified never binds an account.
      const email = all.email_verified === false ? null : (claimText(all, settings.emailClaim)?.toLowerCase() ?? null);
      return {
        issuer: claims.iss,
        subject,
        email,
        displayName: claimText(all, settings.nameClaim) ?? email ?? subject,
      };
    },

    async endSessionUrl() {
      if (!settings.endSessionAtProvider) return null;
      const config = await configuration();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc
        .buildEndSessionUrl(config, {
          client_id: settings.clientId,
          post_logout_redirect_uri: options.postLogoutRedirectUri,
        })
        .toString();
    },
  };
}
