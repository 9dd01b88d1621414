import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The team server's configuration: a JSON file (`--config FILE` or TPD_SERVER_CONFIG), with
 * secrets preferably from the environment. Every key is documented in docs/team-server.md.
 */
const oidcSchema = z.strictObject({
  issuer: z.url(),
  clientId: z.string().min(1),
  /** Prefer TPD_OIDC_CLIENT_SECRET in the environment to keeping it in the file. */
  clientSecret: z.string().min(1).optional(),
  clientAuth: z.enum(['client_secret_basic', 'client_secret_post', 'none']).default('client_secret_basic'),
  scopes: z.string().default('openid profile email'),
  subjectClaim: z.string().default('sub'),
  emailClaim: z.string().default('email'),
  nameClaim: z.string().default('name'),
  endSessionAtProvider: z.boolean().default(true),
  /** Shown on the sign-in button: "Sign in with NHSmail". */
  displayName: z.string().max(60).default('your organisation account'),
});

export const teamConfigSchema = z.strictObject({
  /** The address people open, e.g. `https://tpd.example.nhs.uk`: Host and Origin are checked against it. */
  publicUrl: z.url(),
  listen: z
    .strictObject({ host: z.string().default('0.0.0.0'), port: z.number().int().min(0).max(65535).default(443) })
    .default({ host: '0.0.0.0', port: 443 }),
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  /** The connection string; TPD_DATABASE_URL or --pg override it. */
  databaseUrl: z.string().min(1).optional(),
  oidc: oidcSchema,
  sessions: z
    .strictObject({
      idleMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(30),
      absoluteHours: z
        .number()
        .int()
        .min(1)
        .max(7 * 24)
        .default(12),
    })
    .default({ idleMinutes: 30, absoluteHours: 12 }),
  /**
   * Until the PostgreSQL store (issue 19) is on main: the folder of the encrypted SQLite file that
   * holds the records. One process only; see docs/team-server.md.
   */
  recordsDir: z.string().min(1),
});

export type TeamConfigFile = z.input<typeof teamConfigSchema>;

export interface TeamServerConfig {
  publicUrl: URL;
  listen: { host: string; port: number };
  tls: { cert: Buffer; key: Buffer } | null;
  databaseUrl: string;
  oidc: Omit<z.output<typeof oidcSchema>, 'clientSecret'> & { clientSecret: string | null };
  sessions: { idleMinutes: number; absoluteMinutes: number };
  recordsDir: string;
  /** `--dev`: plain HTTP, on 127.0.0.1 only. */
  dev: boolean;
}

export class TeamConfigError extends Error {
  override name = 'TeamConfigError';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/**
 * Checks and completes a configuration. HTTPS needs a certificate and key; plain HTTP is allowed
 * only for `--dev`, and then only on 127.0.0.1.
 */
export function resolveTeamConfig(
  raw: unknown,
  options: { dev: boolean; env: NodeJS.ProcessEnv; databaseUrl?: string; configDir: string },
): TeamServerConfig {
  const parsed = teamConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => {
      const where = i.path.join('.') || '(top level)';
      return i.code === 'unrecognized_keys'
        ? `${where}: unknown key(s) ${i.keys.join(', ')}`
        : `${where}: ${i.message}`;
    });
    throw new TeamConfigError(`The team server's configuration has problems:\n  ${issues.join('\n  ')}`);
  }
  const config = parsed.data;
  const publicUrl = new URL(config.publicUrl);
  const databaseUrl = options.databaseUrl ?? options.env.TPD_DATABASE_URL ?? config.databaseUrl;
  if (!databaseUrl)
    throw new TeamConfigError('No PostgreSQL connection string: set databaseUrl, TPD_DATABASE_URL or --pg.');
  const clientSecret = options.env.TPD_OIDC_CLIENT_SECRET ?? config.oidc.clientSecret ?? null;
  if (config.oidc.clientAuth !== 'none' && !clientSecret)
    throw new TeamConfigError(
      `oidc.clientAuth is ${config.oidc.clientAuth}: set TPD_OIDC_CLIENT_SECRET (or oidc.clientSecret), or use "none" for a public client.`,
    );
  const resolvePath = (p: string) => path.resolve(options.configDir, p);

  let tls: TeamServerConfig['tls'] = null;
  if (config.tls) {
    try {
      tls = {
        cert: fs.readFileSync(resolvePath(config.tls.certFile)),
        key: fs.readFileSync(resolvePath(config.tls.keyFile)),
      };
    } catch (error) {
      throw new TeamConfigError(`The TLS certificate or key could not be read: ${(error as Error).message}`);
    }
  }
  if (!tls) {
    if (!options.dev)
      throw new TeamConfigError(
        'tls.certFile and tls.keyFile are required: the team server speaks only HTTPS (plain HTTP only with --dev).',
      );
    if (!LOOPBACK.has(config.listen.host) || !LOOPBACK.has(publicUrl.hostname) || publicUrl.protocol !== 'http:')
      throw new TeamConfigError(
        'Without TLS the server listens only on 127.0.0.1, at an http://127.0.0.1 address (--dev).',
      );
  } else if (publicUrl.protocol !== 'https:') {
    throw new TeamConfigError('publicUrl must be an https:// address when TLS is configured.');
  }
  if (new URL(config.oidc.issuer).protocol !== 'https:' && !options.dev)
    throw new TeamConfigError('oidc.issuer must be an https:// address.');

  return {
    publicUrl,
    listen: config.listen,
    tls,
    databaseUrl,
    oidc: { ...config.oidc, clientSecret },
    sessions: { idleMinutes: config.sessions.idleMinutes, absoluteMinutes: config.sessions.absoluteHours * 60 },
    recordsDir: resolvePath(config.recordsDir),
    dev: options.dev,
  };
}
