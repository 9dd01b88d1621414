import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayName } from '../../src/shared/trainees';
import { pdfText } from '../support/read-exports';
import { call } from '../support/temp-backend';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

describe('subject access and the export log in Chromium through the browser host', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await startApp({ demo: true });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('reviews everything held about a demo trainee, saves the PDF with the private note, and logs it', async () => {
    const { page, backend } = app;
    // A demo trainee with a private 1:1 note, found through the database the app uses.
    const meeting = await backend.store.db
      .selectFrom('meetings')
      .select(['trainee_id', 'private_notes'])
      .where('private_notes', '!=', '')
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    const trainee = await call(backend, 'trainees:get', { id: meeting.trainee_id });
    const name = displayName(trainee);

    await page.goto(`${app.host.url.split('#')[0]}#/trainees/${trainee.id}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Everything held about this trainee…' }).click();
    const dialog = page.getByRole('dialog', { name: `Everything held about ${name}` });
    const held = dialog.getByRole('table', { name: 'What is held' });
    await held.waitFor();
    const meetingsRow = held.getByRole('row', { name: /1:1 meetings, including private notes/ });
    expect(Number(await meetingsRow.getByRole('cell').textContent())).toBeGreaterThan(0);
    for (const section of [
      'Trainee record',
      'Actions',
      'PLP goals',
      'Change history about them',
      'Export log entries about them',
    ])
      await held.getByRole('rowheader', { name: new RegExp(`^${section} —`) }).waitFor();
    await expect(dialog.textContent()).resolves.toContain('information-governance lead');
    await app.screenshot('subject-access-01-review');
    await expectNoAxeViolations(page, 'the subject access review', { scope: '[role=dialog]', themes: 'both' });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Save PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^subject-access-.*\.pdf$/);
    const text = (await pdfText(fs.readFileSync((await download.path())!))).replace(/\s+/g, ' ');
    expect(text).toContain(trainee.gmcNumber);
    expect(text).toContain(meeting.private_notes.replace(/\s+/g, ' ').slice(0, 40));
    await dialog.getByText(/saved; the export log records it/).waitFor();
    await page.keyboard.press('Escape');

    // Settings → Export log shows the entry, by the trainee's name.
    await page.getByRole('link', { name: 'Settings' }).click();
    const log = page.getByRole('table', { name: 'Export log' });
    const entry = log.getByRole('row', { name: /Subject access PDF/ });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain(name);
    await expect(entry.textContent()).resolves.toContain('Downloads / not known');
    await log.scrollIntoViewIfNeeded();
    await app.screenshot('subject-access-02-export-log');
    await expectNoAxeViolations(page, 'Settings with the export log');
  }, 120_000);
});
