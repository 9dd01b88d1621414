/**
 * The app lock and Presenting as a person meets them in the browser host: the lock closes by itself
 * after the idle period (a minute lasts a second in this test) with nothing of the records left on the
 * page and every data channel refusing; a wrong PIN is refused; the right one returns to the same page,
 * tab and scroll position. Presenting hides a private note on screen, the register and Today.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayName } from '../../src/shared/trainees/trainee-schema';
import { call } from '../support/temp-backend';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

const PIN = '583920';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

/** Every way a demo trainee's name could appear on a page. */
async function allNames(app: AppUnderTest): Promise<Array<{ id: string; names: string[] }>> {
  const rows = await call(app.backend, 'trainees:list', { includeArchived: true });
  return rows.map((t) => ({
    id: t.id,
    names: [...new Set([displayName(t), `${t.givenName} ${t.familyName}`, t.familyName])],
  }));
}

/** A demo trainee with a 1:1 that has a private note. */
async function traineeWithPrivateNote(app: AppUnderTest) {
  const meeting = await app.backend.store.db
    .selectFrom('meetings')
    .select(['id', 'trainee_id', 'private_notes'])
    .where('private_notes', '!=', '')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const trainee = await call(app.backend, 'trainees:get', { id: meeting.trainee_id });
  return { meeting, trainee, name: displayName(trainee) };
}

const mainScrollTop = (page: Page) => page.locator('#main').evaluate((main) => main.scrollTop);

describe('the lock and Presenting in Chromium through the browser host', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await startApp({ demo: true, lockMinuteMs: 1000 });
    // Not by itself until the test is ready to wait for it.
    await call(app.backend, 'lock:set-idle', { minutes: null });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('locks after the idle period showing nothing of the records, refuses a wrong PIN, and returns to the same place', async () => {
    const { page, backend, host } = app;
    const base = host.url.split('#')[0]!;

    // Settings → Lock: a PIN, set as a person would.
    await page.goto(`${base}#/settings`);
    const lockSection = page.getByRole('region', { name: 'Lock' });
    await lockSection.getByRole('button', { name: 'Set a PIN…' }).click();
    await lockSection.getByLabel('PIN', { exact: true }).fill(PIN);
    await lockSection.getByLabel('PIN again').fill(PIN);
    await lockSection.getByRole('button', { name: 'Set PIN' }).click();
    await lockSection.getByRole('button', { name: 'Change PIN…' }).waitFor();
    await lockSection.scrollIntoViewIfNeeded();
    await app.screenshot('lock-02-settings');
    await expectNoAxeViolations(page, 'Settings → Lock', { scope: 'section[aria-labelledby="lock-heading"]' });

    // A trainee's Exams tab, scrolled part way down.
    const { trainee, name } = await traineeWithPrivateNote(app);
    await page.goto(`${base}#/trainees/${trainee.id}/exams`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Attempts' }).waitFor();
    await expect(page.getByRole('tab', { name: 'Exams' }).getAttribute('aria-selected')).resolves.toBe('true');
    const room = await page.locator('#main').evaluate((main) => main.scrollHeight - main.clientHeight);
    expect(room, 'the Exams tab is long enough to scroll').toBeGreaterThan(150);
    await page.locator('#main').hover();
    await page.mouse.wheel(0, Math.round(room / 2));
    await expect.poll(() => mainScrollTop(page)).toBeGreaterThan(50);
    const scrolledTo = await mainScrollTop(page);
    const route = new URL(page.url()).hash;
    const names = await allNames(app);

    // One minute without input (a second here): the lock closes by itself.
    await call(backend, 'lock:set-idle', { minutes: 1 });
    await page.getByRole('heading', { name: 'TPD Companion is locked' }).waitFor({ timeout: 15_000 });
    await expect(page.title()).resolves.toBe('Locked — TPD Companion');

    // Nothing of the records behind it: no name of any trainee in the page's text or its markup.
    const text = await page.locator('body').innerText();
    const html = await page.content();
    const shown = names.flatMap((t) => t.names).filter((n) => text.includes(n) || html.includes(n));
    expect(shown, 'trainee names on the lock screen').toEqual([]);
    await expect(page.locator('#main').getByRole('tab').count()).resolves.toBe(0);

    // And no data channel answers the page while it is locked, whatever it asks.
    const answers = await page.evaluate(
      async ({ token, traineeId }) => {
        const ask = async (channel: string, input: unknown) =>
          (
            await fetch(`/api/${channel}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-tpd-token': token },
              body: JSON.stringify(input),
            })
          ).json();
        return Promise.all([
          ask('trainees:list', {}),
          ask('trainees:get', { id: traineeId }),
          ask('meetings:list', { traineeId }),
          ask('search:query', { text: 'a' }),
          ask('today:view', {}),
          ask('settings:get', {}),
        ]);
      },
      { token: host.token, traineeId: trainee.id },
    );
    for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'locked' } });

    await app.screenshot('lock-01-screen');
    await expectNoAxeViolations(page, 'the lock screen', { themes: 'both' });

    // A wrong PIN is refused with a message; the field is cleared for the next try.
    const pin = page.getByLabel('PIN', { exact: true });
    await pin.fill('000000');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByText('That PIN is not right. 4 more tries before you have to wait.').waitFor();
    await expect(pin.inputValue()).resolves.toBe('');
    await app.screenshot('lock-03-wrong-pin');
    await expectNoAxeViolations(page, 'the lock screen after a wrong PIN');

    // The right one: the same route, the same tab, the same place on the page. (The test stops the idle
    // clock first, straight on the service: the channel, rightly, answers only `locked` now.)
    backend.lock.setIdleMinutes(null);
    await pin.fill(PIN);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    expect(new URL(page.url()).hash).toBe(route);
    await expect(page.getByRole('tab', { name: 'Exams' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect.poll(() => mainScrollTop(page)).toBeGreaterThan(scrolledTo - 2);
    expect(Math.abs((await mainScrollTop(page)) - scrolledTo)).toBeLessThanOrEqual(2);
    await expect(page.title()).resolves.toBe('TPD Companion');

    // Ctrl+L locks at once.
    await page.keyboard.press('Control+L');
    await page.getByRole('heading', { name: 'TPD Companion is locked' }).waitFor();
    await pin.fill(PIN);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
  });

  it('Presenting hides a private note that was on screen, the register’s other names and Today', async () => {
    const { page, host } = app;
    const base = host.url.split('#')[0]!;
    const { meeting, trainee, name } = await traineeWithPrivateNote(app);
    const others = (await allNames(app)).filter((t) => t.id !== trainee.id).flatMap((t) => t.names);
    const note = meeting.private_notes.replace(/\s+/g, ' ').trim();

    await page.goto(`${base}#/trainees/${trainee.id}/meetings/${meeting.id}`);
    const detail = page.getByRole('dialog', { name: /^1:1 on / });
    await detail.waitFor();
    await expect(detail.getByText(note).count()).resolves.toBe(1);

    await page.keyboard.press('Control+Shift+P');
    await expect.poll(() => page.title()).toBe('Presenting — TPD Companion');
    await expect(detail.getByText(note).count()).resolves.toBe(0);
    await expect(page.locator('body').innerText()).resolves.not.toContain(note);
    await app.screenshot('presenting-01-trainee-1to1');
    await expectNoAxeViolations(page, 'a 1:1 while presenting', { themes: 'both' });
    await page.keyboard.press('Escape');
    // Out from behind the dialog: the banner and the pressed toggle.
    await page.getByRole('status').filter({ hasText: 'Presenting.' }).waitFor();
    await expect(
      page.getByRole('button', { name: 'Presenting', exact: true }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    await expect(page.locator('body').innerText()).resolves.not.toContain(note);

    // The register and Today give way to a placeholder: no other trainee is named.
    await nav(page, 'Trainees').click();
    await page.getByRole('heading', { name: 'Hidden while presenting' }).waitFor();
    let text = await page.locator('body').innerText();
    expect(others.filter((n) => text.includes(n))).toEqual([]);
    await app.screenshot('presenting-02-register');
    await expectNoAxeViolations(page, 'the register while presenting');
    await nav(page, 'Today').click();
    await page.getByRole('heading', { name: 'Hidden while presenting' }).waitFor();
    text = await page.locator('body').innerText();
    expect(others.filter((n) => text.includes(n))).toEqual([]);

    // Search, from the presented trainee's page, finds only them.
    await page.goto(`${base}#/trainees/${trainee.id}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const other = (await allNames(app)).find((t) => t.id !== trainee.id)!;
    await page.keyboard.press('Control+K');
    const search = page.getByRole('dialog', { name: 'Search' });
    await search.getByLabel('Search trainees, 1:1s, goals and actions').fill(other.names[0]!);
    await search.getByText('0 results').waitFor();
    await page.keyboard.press('Escape');

    // Stop presenting: everything comes back, and the same search finds the other trainee.
    await page.getByRole('button', { name: 'Stop presenting' }).click();
    await expect(page.title()).resolves.toBe('TPD Companion');
    await page.keyboard.press('Control+K');
    await search.getByLabel('Search trainees, 1:1s, goals and actions').fill(other.names[0]!);
    await search.getByText(/^[1-9]\d*\+? results?$/).waitFor();
    await page.keyboard.press('Escape');
    await nav(page, 'Trainees').click();
    await page.getByText(/^\d[\d,]* of \d[\d,]* trainees$/).waitFor();
    text = await page.locator('body').innerText();
    expect(others.filter((n) => text.includes(n)).length).toBeGreaterThan(0);
  });
});
