import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDevUsers } from '../../src/main/team-server/dev/dev-provider';
import { seedDevUsers, startDevTrial } from '../../src/main/team-server/dev/dev-trial';
import { migrateTeamDatabase, openTeamDatabase } from '../../src/main/team-server/team-db';
import { runTeamServer, type TeamServerProcess } from '../../src/main/team-server/team-server';
import { freshTeamDatabase } from '../support/team-postgres';
import { createTempBackend } from '../support/temp-backend';
import { closeBeforeRemoval, tempDir } from '../support/temp-dirs';
import { expectNoAxeViolations, launchChromium, RENDERER_DIR, SCREENSHOT_DIR } from './support';

// The team server as `npm run server -- --dev` runs it: the development provider, the people from
// dev-users.json, demo records, the built renderer, in Chromium.
let server: TeamServerProcess;
let url: string;
let providerOrigin: string;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const databaseUrl = await freshTeamDatabase('team_auth_e2e');
  const owner = openTeamDatabase(databaseUrl);
  await migrateTeamDatabase(owner.db);
  const users = readDevUsers();
  const { provider, config } = await startDevTrial({ databaseUrl, recordsDir: tempDir('tpd-team-records-'), users });
  closeBeforeRemoval(() => provider.close());
  await seedDevUsers(owner.db, provider.issuer, users, () => new Date());
  await owner.close();
  const records = await createTempBackend();
  await records.dispatch('demo:load', { size: 'standard' });
  server = await runTeamServer({ config, rendererDir: RENDERER_DIR, version: 'e2e', records });
  closeBeforeRemoval(() => server.close());
  url = config.publicUrl.origin;
  providerOrigin = provider.issuer;
  browser = await launchChromium();
  closeBeforeRemoval(() => browser.close());
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the team server in Chromium', () => {
  it('signs a TPD in through the development provider’s form, shows the app, and signs out on the server', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'en-GB' });
    // Only this computer: the server and the provider.
    const elsewhere: string[] = [];
    await context.route(/^(?!http:\/\/127\.0\.0\.1:\d+\/).*/, (route) => {
      elsewhere.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `team-${name}.png`) });

    // No session: the server's sign-in page.
    await page.goto(`${url}/`);
    await page.waitForURL(`${url}/auth/sign-in`);
    await expectNoAxeViolations(page, 'the server’s sign-in page');
    await shot('1-sign-in');
    await page.getByRole('link', { name: 'Sign in with the development provider' }).click();

    // The provider's own login form, with a person from dev-users.json.
    await page.waitForURL((u) => u.origin === providerOrigin);
    await shot('2-provider-login');
    await page.getByLabel('Email').fill('tpd@dev.tpd-companion.test');
    await page.getByLabel('Password').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
    await page.getByLabel('Email').fill('tpd@dev.tpd-companion.test');
    await page.getByLabel('Password').fill('dev-tpd');
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The app, on the server's records, as them.
    await page.waitForURL((u) => u.origin === url && u.pathname === '/');
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    await page.getByText('Dr Rowan Ashdown').waitFor();
    const cookies = await context.cookies(url);
    const session = cookies.find((c) => c.name === 'tpd-session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByRole('link', { name: 'Trainees' }).click();
    await page.getByRole('heading', { name: 'Trainees', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Team server' }).waitFor();
    await expect.poll(() => page.getByText(/Records come from/).textContent()).toContain(url);
    await expectNoAxeViolations(page, 'Settings in team mode');
    await shot('3-settings-signed-in');

    // Sign out: the session ends on the server, then the provider asks to sign out there too.
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((u) => u.origin === providerOrigin);
    await shot('4-provider-sign-out');
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${url}/auth/signed-out`);
    await page.getByRole('heading', { name: 'Signed out' }).waitFor();
    await expectNoAxeViolations(page, 'the server’s signed-out page');
    await shot('5-signed-out');

    // The old cookie, put back by hand, opens nothing.
    const replay = await context.request.post(`${url}/api/app:info`, {
      headers: { cookie: `tpd-session=${session.value}`, origin: url, 'content-type': 'application/json' },
      data: {},
    });
    expect(replay.status()).toBe(401);
    // And the app sends a signed-out browser to sign in again.
    await page.goto(`${url}/`);
    await page.waitForURL(`${url}/auth/sign-in`);
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
