import { createHash, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Provider, { type KoaContext } from 'oidc-provider';
import { z } from 'zod';
import { TEAM_ROLES, TEAM_SCOPES } from '../../../shared/team';
import { escapeHtml, PAGE_STYLESHEET } from '../pages';

/**
 * A real OpenID provider (oidc-provider) on 127.0.0.1 for `npm run server -- --dev` and the tests:
 * discovery, signed ID tokens, PKCE required, RP-initiated logout, and a login form for the
 * synthetic people in dev-users.json. Never for real sign-ins.
 */
const devUserSchema = z.strictObject({
  email: z.email(),
  password: z.string().min(1),
  name: z.string().min(1),
  role: z.enum(TEAM_ROLES),
  scope: z.enum(TEAM_SCOPES),
  programmes: z.array(z.string()),
});
export type DevUser = z.infer<typeof devUserSchema>;

export const DEV_USERS_FILE = path.join(__dirname, 'dev-users.json');

export function readDevUsers(file = DEV_USERS_FILE): DevUser[] {
  const parsed = z
    .strictObject({ about: z.string(), users: z.array(devUserSchema) })
    .parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  return parsed.users;
}

/** A dev user's subject at the provider: stable, and not their email (as at a real provider). */
export function devSubject(email: string): string {
  return `dev-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 20)}`;
}

export interface DevClient {
  clientId: string;
  /** Null: a public client (token_endpoint_auth_method none, PKCE alone). */
  clientSecret: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface DevProviderOptions {
  users: DevUser[];
  clients: DevClient[];
  /** 0 for any free port. */
  port?: number;
  /** The RSA key ID tokens are signed with (a JWK with its private part); made fresh when not given. */
  signingKey?: JsonWebKey;
}

export interface DevProvider {
  issuer: string;
  provider: Provider;
  signingKey: JsonWebKey;
  close(): Promise<void>;
}

export function newSigningKey(): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

/** The provider's pages: nothing from outside this computer (its defaults load a web font). */
function providerPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${PAGE_STYLESHEET} label { display: block; margin: 0.8rem 0 0.2rem; } input { font: inherit; padding: 0.4rem; width: 100%; }
button { margin-top: 1rem; margin-right: 0.5rem; font: inherit; padding: 0.6rem 1.2rem; }</style></head>
<body><main>${body}</main></body></html>`;
}

function loginPage(uid: string, message: string | null): string {
  return providerPage(
    'Development sign-in',
    `
<h1>Development sign-in</h1>
<p class="quiet">A test provider on this computer. The people are synthetic: see src/main/team-server/dev/dev-users.json.</p>
${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`,
  );
}

async function formBody(ctx: KoaContext): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('Form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startDevProvider(options: DevProviderOptions): Promise<DevProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = options.signingKey ?? newSigningKey();
  const byEmail = new Map(options.users.map((u) => [u.email.toLowerCase(), u]));
  const bySubject = new Map(options.users.map((u) => [devSubject(u.email), u]));

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      ...(c.clientSecret
        ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
        : { token_endpoint_auth_method: 'none' }),
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    // The app reads who signed in from the ID token alone, as it does with Entra ID.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Short lives, stated so the provider does not warn about its defaults.
    ttl: { AuthorizationCode: 60, IdToken: 600, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContext, form: string) => {
          ctx.body = providerPage(
            'Sign out',
            `<h1>Sign out of the development provider?</h1>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContext) => {
          ctx.body = providerPage(
            'Signed out',
            '<h1>Signed out</h1><p>You are signed out of the development provider.</p>',
          );
        },
      },
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, subject: string) => {
      const user = bySubject.get(subject);
      if (!user) return undefined;
      return {
        accountId: subject,
        claims: async () => ({ sub: subject, email: user.email, email_verified: true, name: user.name }),
      };
    },
  });

  // The login form and an automatic consent (the app is this provider's only client).
  provider.use(async (ctx, next) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const finish = async (result: Record<string, unknown>) => {
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
    };
    if (details.prompt.name === 'consent' && details.session?.accountId) {
      const grant = new provider.Grant({
        accountId: details.session.accountId,
        clientId: String(details.params.client_id),
      });
      grant.addOIDCScope(String(details.params.scope));
      return finish({ consent: { grantId: await grant.save() } });
    }
    if (ctx.method === 'POST' && match[2]) {
      const form = await formBody(ctx);
      const user = byEmail.get((form.get('email') ?? '').toLowerCase());
      if (user && user.password === form.get('password'))
        return finish({ login: { accountId: devSubject(user.email) } });
      ctx.status = 401;
      ctx.type = 'html';
      ctx.body = loginPage(details.uid, 'That email and password do not match a development user.');
      return;
    }
    ctx.type = 'html';
    ctx.body = loginPage(details.uid, null);
  });

  server.on('request', provider.callback());
  return {
    issuer,
    provider,
    signingKey,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
