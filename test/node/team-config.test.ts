import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTeamConfig } from '../../src/main/team-server/team-config';
import { freePort } from '../../src/main/team-server/dev/dev-trial';
import { createIdentityProvider } from '../../src/main/team-server/identity-provider';
import { runTeamServer } from '../../src/main/team-server/team-server';
import { migrateTeamDatabase, openTeamDatabase } from '../../src/main/team-server/team-db';
import { freshTeamDatabase } from '../support/team-postgres';
import { tinyRenderer } from '../support/team-server';
import { createTempBackend } from '../support/temp-backend';
import { closeBeforeRemoval, tempDir } from '../support/temp-dirs';

const base = {
  publicUrl: 'https://tpd.example.test',
  databaseUrl: 'postgres://tpd_app@db.example.test/tpd',
  oidc: { issuer: 'https://login.example.test/tenant/v2.0', clientId: 'client-id', clientSecret: 'from-the-file' },
  recordsDir: 'records',
};
const resolve = (raw: unknown, dev = false, env: NodeJS.ProcessEnv = {}) =>
  resolveTeamConfig(raw, { dev, env, configDir: '/etc/tpd' });

/** A self-signed certificate for 127.0.0.1, made with openssl for this test only. */
function selfSignedCertificate(): { certFile: string; keyFile: string } {
  const dir = tempDir('tpd-tls-');
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile };
}

describe('the team server’s configuration', () => {
  it('needs a certificate and key: plain HTTP only with --dev, and then only on 127.0.0.1', () => {
    expect(() => resolve(base)).toThrow('tls.certFile and tls.keyFile are required');
    expect(() => resolve(base, true)).toThrow('only on 127.0.0.1');
    const dev = resolve(
      { ...base, publicUrl: 'http://127.0.0.1:8080', listen: { host: '127.0.0.1', port: 8080 } },
      true,
    );
    expect(dev.tls).toBeNull();
  });

  it('names every problem: unknown keys, a missing secret, an http issuer', () => {
    expect(() => resolve({ ...base, colour: 'blue' })).toThrow('unknown key(s) colour');
    const { clientSecret: _secret, ...publicClient } = base.oidc;
    expect(() => resolve({ ...base, oidc: publicClient }, true)).toThrow('TPD_OIDC_CLIENT_SECRET');
    const { certFile, keyFile } = selfSignedCertificate();
    const withTls = { ...base, tls: { certFile, keyFile } };
    expect(() => resolve({ ...withTls, oidc: { ...base.oidc, issuer: 'http://login.example.test' } })).toThrow(
      'oidc.issuer must be an https:// address',
    );
    expect(() => resolve({ ...withTls, publicUrl: 'http://tpd.example.test' })).toThrow(
      'publicUrl must be an https://',
    );
  });

  it('takes secrets and the database from the environment over the file, and defaults the sessions to 30 min / 12 h', () => {
    const { certFile, keyFile } = selfSignedCertificate();
    const config = resolve({ ...base, tls: { certFile, keyFile } }, false, {
      TPD_DATABASE_URL: 'postgres://from-env/tpd',
      TPD_OIDC_CLIENT_SECRET: 'from-env',
    });
    expect(config.databaseUrl).toBe('postgres://from-env/tpd');
    expect(config.oidc.clientSecret).toBe('from-env');
    expect(config.sessions).toEqual({ idleMinutes: 30, absoluteMinutes: 720 });
    expect(config.recordsDir).toBe('/etc/tpd/records');
  });

  it('serves HTTPS with __Host- cookies that are Secure, and HSTS', async () => {
    const databaseUrl = await freshTeamDatabase('team_auth_tls');
    const owner = openTeamDatabase(databaseUrl);
    await migrateTeamDatabase(owner.db);
    await owner.close();
    const { certFile, keyFile } = selfSignedCertificate();
    const port = await freePort();
    const config = resolve(
      {
        ...base,
        publicUrl: `https://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        tls: { certFile, keyFile },
        databaseUrl,
      },
      false,
    );
    // A provider that answers at once, so the sign-in start can be seen without one running.
    const identity = {
      ...createIdentityProvider(config.oidc, { redirectUri: '', postLogoutRedirectUri: '', allowHttpIssuer: false }),
      start: async () => ({
        url: new URL('https://login.example.test/authorize'),
        checks: { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43) },
      }),
    };
    const server = await runTeamServer({
      config,
      rendererDir: tinyRenderer(),
      version: 'test',
      identity,
      records: await createTempBackend(),
    });
    closeBeforeRemoval(() => server.close());
    const answer = await new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
      (done, fail) => {
        https
          .get(`https://127.0.0.1:${port}/auth/login`, { ca: fs.readFileSync(certFile) }, (res) => {
            res.resume();
            done({ status: res.statusCode ?? 0, headers: res.headers });
          })
          .on('error', fail);
      },
    );
    expect(answer.status).toBe(302);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
    const cookie = (answer.headers['set-cookie'] as string[])[0]!;
    expect(cookie).toMatch(
      /^__Host-tpd-sign-in=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600; Secure$/,
    );
  });
});
