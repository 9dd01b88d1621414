import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDevUsers } from '../../src/main/team-server/dev/dev-provider';
import { DEV_CLIENT_ID, freePort, seedDevUsers } from '../../src/main/team-server/dev/dev-trial';
import { startDevProvider } from '../../src/main/team-server/dev/dev-provider';
import { openTeamDatabase } from '../../src/main/team-server/team-db';
import { callAsPage, ScriptedBrowser, signInUpToCallback, tinyRenderer } from '../support/team-server';
import { freshTeamDatabase } from '../support/team-postgres';
import { closeBeforeRemoval, tempDir } from '../support/temp-dirs';

// Two server processes started by `npm run server`'s own entry, one PostgreSQL, one address in
// front of them (a proxy the test switches between them): a session made through one is good
// through the other, and ended through either.
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CLI = path.join(ROOT, 'src', 'main', 'team-server', 'cli.ts');

let publicUrl: string;
let target: 'a' | 'b' = 'a';
const ports = { a: 0, b: 0 };
let configFile: (process: 'a' | 'b') => string;

function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSX, CLI, ...args], { cwd: ROOT, env: { ...process.env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

function startServerProcess(name: 'a' | 'b'): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, CLI, '--dev', '--config', configFile(name), '--renderer', renderer], {
      cwd: ROOT,
      env: { ...process.env },
    });
    closeBeforeRemoval(
      () =>
        new Promise<void>((done) => {
          if (child.exitCode !== null) return done();
          child.once('exit', () => done());
          child.kill('SIGTERM');
        }),
    );
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('listening on')) resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`Server ${name} stopped (${code}): ${output}`)));
  });
}

let renderer: string;

beforeAll(async () => {
  const databaseUrl = await freshTeamDatabase('team_auth_procs');
  renderer = tinyRenderer();
  const proxy = http.createServer((req, res) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: ports[target], path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  closeBeforeRemoval(
    () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  );
  publicUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  const users = readDevUsers();
  const provider = await startDevProvider({
    users,
    clients: [
      {
        clientId: DEV_CLIENT_ID,
        clientSecret: 'a-secret-for-this-test-only',
        redirectUris: [`${publicUrl}/auth/callback`],
        postLogoutRedirectUris: [`${publicUrl}/auth/signed-out`],
      },
    ],
  });
  closeBeforeRemoval(() => provider.close());
  ports.a = await freePort();
  ports.b = await freePort();
  const folder = tempDir('tpd-team-procs-');
  configFile = (name) => path.join(folder, `server-${name}.json`);
  for (const name of ['a', 'b'] as const)
    fs.writeFileSync(
      configFile(name),
      JSON.stringify({
        publicUrl,
        listen: { host: '127.0.0.1', port: ports[name] },
        databaseUrl,
        oidc: { issuer: provider.issuer, clientId: DEV_CLIENT_ID, clientSecret: 'a-secret-for-this-test-only' },
        recordsDir: path.join(folder, `records-${name}`),
      }),
    );

  // The migration command, then both processes on the migrated database.
  const refused = await runCli(['--dev', '--config', configFile('a'), '--renderer', renderer]);
  expect(refused.code).toBe(1);
  expect(refused.output).toContain('npm run server -- --migrate');
  const migrated = await runCli(['--dev', '--config', configFile('a'), '--migrate']);
  expect(migrated.output).toContain('Ran 0001_team_sign_in');
  const owner = openTeamDatabase(databaseUrl);
  await seedDevUsers(owner.db, provider.issuer, users, () => new Date());
  await owner.close();
  await Promise.all([startServerProcess('a'), startServerProcess('b')]);
}, 120_000);

describe('two team server processes behind one address', () => {
  it('share sessions: signed in through A, calls go through B; signed out through B, A refuses', async () => {
    const browser = new ScriptedBrowser();
    target = 'a';
    const callback = await signInUpToCallback(browser, publicUrl, 'tpd@dev.tpd-companion.test', 'dev-tpd');
    // The provider sends the person back to the other process: the sign-in in progress is in PostgreSQL.
    target = 'b';
    expect((await browser.request(callback)).status).toBe(200);
    target = 'a';
    const csrf = ((await (await browser.request(new URL('/auth/session', publicUrl))).json()) as { csrfToken: string })
      .csrfToken;
    target = 'b';
    const status = await (await callAsPage(browser, publicUrl, 'team:status', csrf)).json();
    expect(status).toMatchObject({ ok: true, data: { signedIn: true, user: { displayName: 'Dr Rowan Ashdown' } } });
    expect((await callAsPage(browser, publicUrl, 'team:sign-out', csrf)).status).toBe(200);
    target = 'a';
    const cookie = `tpd-session=${browser.cookie('127.0.0.1', 'tpd-session') ?? ''}`;
    expect((await callAsPage(browser, publicUrl, 'app:info', csrf, {}, { cookie })).status).toBe(401);
  });

  it('adds the first admin from the command line', async () => {
    const added = await runCli(['--dev', '--config', configFile('a'), '--add-admin', 'lead@dev.tpd-companion.test']);
    expect(added.code).toBe(0);
    expect(added.output).toContain('Added lead@dev.tpd-companion.test; they are now an administrator');
  }, 60_000);
});
