import fs from 'node:fs';
import path from 'node:path';
import type { DevProvider, DevUser } from '../../src/main/team-server/dev/dev-provider';
import { readDevUsers } from '../../src/main/team-server/dev/dev-provider';
import { seedDevUsers, startDevTrial, type DevTrialOptions } from '../../src/main/team-server/dev/dev-trial';
import { migrateTeamDatabase, openTeamDatabase } from '../../src/main/team-server/team-db';
import { runTeamServer, type TeamServerProcess } from '../../src/main/team-server/team-server';
import type { TeamServerConfig } from '../../src/main/team-server/team-config';
import { CSRF_HEADER } from '../../src/main/team-server/team-http';
import { ScriptedBrowser, signInUpToCallback } from './team-browser';
import { freshTeamDatabase } from './team-postgres';
import { closeBeforeRemoval, tempDir } from './temp-dirs';
import { createTempBackend } from './temp-backend';

/** A clock the test moves: sessions expire by it, never by waiting. */
export class TestClock {
  constructor(private at = new Date('2026-12-07T09:00:00Z')) {}
  now = (): Date => new Date(this.at);
  advanceMinutes(minutes: number): void {
    this.at = new Date(this.at.getTime() + minutes * 60_000);
  }
}

export interface TeamTestRig {
  server: TeamServerProcess;
  provider: DevProvider;
  config: TeamServerConfig;
  databaseUrl: string;
  clock: TestClock;
  users: DevUser[];
  url: string;
}

/** A minimal renderer folder: the node tests check the server's pages, not the built app. */
export function tinyRenderer(): string {
  const dir = tempDir('tpd-team-renderer-');
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><title>TPD Companion</title></head><body></body></html>',
  );
  fs.writeFileSync(path.join(dir, 'app.js'), 'console.log("app")');
  return dir;
}

/**
 * A migrated database of its own, the development provider with the people from dev-users.json
 * (plus `extraUsers`, who are not added to the server), and one server process on 127.0.0.1
 * on the interim records, with a clock the test controls.
 */
export async function startTeamRig(
  options: { extraUsers?: DevUser[] } & Partial<Pick<DevTrialOptions, 'sessions' | 'publicClient'>> = {},
): Promise<TeamTestRig> {
  const databaseUrl = await freshTeamDatabase();
  const owner = openTeamDatabase(databaseUrl);
  await migrateTeamDatabase(owner.db);
  const users = readDevUsers();
  const clock = new TestClock();
  const { provider, config } = await startDevTrial({
    databaseUrl,
    recordsDir: tempDir('tpd-team-records-'),
    users: [...users, ...(options.extraUsers ?? [])],
    ...(options.sessions ? { sessions: options.sessions } : {}),
    ...(options.publicClient ? { publicClient: true } : {}),
  });
  closeBeforeRemoval(() => provider.close());
  await seedDevUsers(owner.db, provider.issuer, users, clock.now);
  await owner.close();
  const records = await createTempBackend({ now: clock.now });
  const server = await runTeamServer({ config, rendererDir: tinyRenderer(), version: 'test', now: clock.now, records });
  closeBeforeRemoval(() => server.close());
  return { server, provider, config, databaseUrl, clock, users, url: config.publicUrl.origin };
}

export function devUser(rig: TeamTestRig, role: DevUser['role']): DevUser {
  const user = rig.users.find((u) => u.role === role);
  if (!user) throw new Error(`No development user with the role ${role}`);
  return user;
}

/** Signs `browser` in as `user`; the CSRF token its page would hold. */
export async function signIn(rig: TeamTestRig, browser: ScriptedBrowser, user: DevUser): Promise<string> {
  const callback = await signInUpToCallback(browser, rig.url, user.email, user.password);
  const done = await browser.request(callback);
  if (done.status !== 200) throw new Error(`Sign-in failed: ${done.status} ${await done.text()}`);
  const session = await browser.request(new URL('/auth/session', rig.url));
  const body = (await session.json()) as { csrfToken: string };
  return body.csrfToken;
}

/** A channel call as the renderer's fetch client makes it in team mode. */
export function callAsPage(
  browser: ScriptedBrowser,
  serverUrl: string,
  channel: string,
  csrf: string | null,
  input: unknown = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  return browser.request(new URL(`/api/${channel}`, serverUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: new URL(serverUrl).origin,
      ...(csrf ? { [CSRF_HEADER]: csrf } : {}),
      ...headers,
    },
    body: JSON.stringify(input),
  });
}

export { ScriptedBrowser, signInUpToCallback };
