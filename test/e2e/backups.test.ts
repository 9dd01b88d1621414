/**
 * Keys, backups and restore as a person meets them in the browser host: the first-start recovery key
 * (noted, printed, three words typed back), "Back up now" downloading the backup, and a second host on
 * an empty data folder restoring it with the recovery key from its own first-start screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '../../src/shared/backups/backup-contract';
import { pdfText } from '../support/read-exports';
import { tempDir } from '../support/temp-dirs';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

/** Reads the 12 words off the first-start screen, then types three of them back as asked. */
async function noteAndConfirmRecoveryKey(page: Page, onScreen: string): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Recovery key' });
  await list.waitFor();
  const words = (await list.getByRole('listitem').allTextContents()).map((w) => w.trim());
  expect(words).toHaveLength(12);
  await expectNoAxeViolations(page, `${onScreen}: the recovery key`, { themes: 'both' });
  await page.getByRole('button', { name: 'I have written it down' }).click();
  const fields = page.getByLabel(/^Word \d+$/);
  await fields.first().waitFor();
  for (const field of await fields.all()) {
    const label = await page.locator(`label[for="${await field.getAttribute('id')}"]`).textContent();
    await field.fill(words[Number(label!.replace('Word ', '')) - 1]!);
  }
  await page.getByRole('button', { name: 'Continue' }).click();
  return words;
}

function traineeCount(page: Page): Promise<string> {
  return page.getByText(/^\d[\d,]* of \d[\d,]* trainees$/).textContent() as Promise<string>;
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('keys, backups and restore in Chromium through the browser host', () => {
  const apps: AppUnderTest[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('notes the recovery key, backs up, and restores it on a second host from an empty data folder', async () => {
    const first = await startApp({ demo: true, firstStart: true });
    apps.push(first);
    const { page } = first;

    // First start: the key once, as numbered words, with a printable sheet.
    await page.getByRole('heading', { name: 'Welcome to TPD Companion' }).waitFor();
    const list = page.getByRole('list', { name: 'Recovery key' });
    await list.waitFor();
    const shown = (await list.getByRole('listitem').allTextContents()).map((w) => w.trim());
    await first.screenshot('backups-01-first-start-key');
    const [sheet] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download recovery sheet (PDF)' }).click(),
    ]);
    expect(sheet.suggestedFilename()).toMatch(/^tpd-companion-recovery-key-\d{4}-\d{2}-\d{2}\.pdf$/);
    const sheetText = await pdfText(fs.readFileSync((await sheet.path())!));
    for (const word of shown) expect(sheetText).toContain(word);
    expect(sheetText).toContain('Where to keep it');

    // A wrong word is named; then the three right words go on to the app.
    await page.getByRole('button', { name: 'I have written it down' }).click();
    const firstField = page.getByLabel(/^Word \d+$/).first();
    await firstField.fill('notaword');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page
      .getByText(/^This is not word \d+ of your recovery key\.$/)
      .first()
      .waitFor();
    await expectNoAxeViolations(page, 'the recovery-key check with a wrong word');
    await page.getByRole('button', { name: 'Show the words again' }).click();
    const words = await noteAndConfirmRecoveryKey(page, 'first start');
    expect(words).toEqual(shown);
    // Then the optional app PIN: typed twice the same, at least 6 digits.
    const pinStep = page.getByRole('region', { name: 'An app PIN (optional)' });
    await pinStep.waitFor();
    await pinStep.getByLabel('PIN', { exact: true }).fill('2580');
    await pinStep.getByLabel('PIN again').fill('2580');
    await pinStep.getByRole('button', { name: 'Set PIN' }).click();
    await pinStep.getByText('A PIN has at least 6 digits').waitFor();
    await first.screenshot('backups-05-first-start-pin');
    await expectNoAxeViolations(page, 'first start: the optional PIN', { themes: 'both' });
    await pinStep.getByLabel('PIN', { exact: true }).fill('258046');
    await pinStep.getByLabel('PIN again').fill('258046');
    await pinStep.getByRole('button', { name: 'Set PIN' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await expect(first.backend.dispatch('lock:status', {})).resolves.toMatchObject({
      ok: true,
      data: { pinSet: true },
    });
    await expectNoAxeViolations(page, 'Today');

    // What the restore must bring back: the trainee count and one 1:1's summary and private note.
    await page.getByRole('link', { name: 'Trainees' }).click();
    const count = await traineeCount(page);
    const meeting = await first.backend.store.db
      .selectFrom('meetings')
      .select(['id', 'trainee_id', 'shared_summary', 'private_notes'])
      .where('private_notes', '!=', '')
      .where('shared_summary', '!=', '')
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();

    // Settings → Backups: "Back up now" downloads the checked backup.
    await page.getByRole('link', { name: 'Settings' }).click();
    const backups = page.getByRole('region', { name: 'Backups' });
    await backups.getByText('Never').waitFor();
    await expectNoAxeViolations(page, 'Settings with Backups');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      backups.getByRole('button', { name: 'Back up now' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.tpdbackup$/);
    const backupFile = path.join(tempDir('tpd-e2e-download-'), download.suggestedFilename());
    await download.saveAs(backupFile);
    await expect(backups.getByText('Never').count()).resolves.toBe(0);
    await backups.scrollIntoViewIfNeeded();
    await first.screenshot('backups-04-settings');

    // A new computer: an empty data folder offers to restore.
    const second = await startApp({ firstStart: true });
    apps.push(second);
    const next = second.page;
    await next.getByRole('heading', { name: 'New computer?' }).waitFor();
    await next.getByRole('list', { name: 'Recovery key' }).waitFor();
    await second.screenshot('backups-02-first-start-empty-folder');
    await expectNoAxeViolations(next, 'first start on an empty data folder');
    await next.getByRole('button', { name: 'Restore from a backup' }).click();
    const dialog = next.getByRole('dialog', { name: 'Restore from a backup' });
    await dialog.getByLabel('Backup file').setInputFiles(backupFile);
    const secret = dialog.getByLabel('Recovery key or backup passphrase');

    // A passphrase that was never set: its own message, and nothing to restore yet.
    await secret.fill('a passphrase this backup never had');
    await dialog.getByRole('button', { name: 'Check backup' }).click();
    await dialog.getByText(BACKUP_MESSAGES.wrongSecret).waitFor();
    await expectNoAxeViolations(next, 'the restore dialog with a wrong secret', { scope: '[role=dialog]' });

    await secret.fill(words.join(' '));
    await dialog.getByRole('button', { name: 'Check backup' }).click();
    const checked = dialog.getByRole('region', { name: 'Backup checked' });
    await checked.waitFor();
    const trainees = count.replace(/^.* of /, '').replace(' trainees', '');
    await expect(checked.getByText('Trainees').locator('..').textContent()).resolves.toContain(trainees);
    await expect(checked.textContent()).resolves.toContain('App version');
    await second.screenshot('backups-03-restore-checked');
    await expectNoAxeViolations(next, 'the restore dialog with a checked backup', {
      scope: '[role=dialog]',
      themes: 'both',
    });
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await next.getByText(/^Restored the backup made /).waitFor();
    await expect(dialog.count()).resolves.toBe(0);
    await expect(next.getByRole('heading', { name: 'New computer?' }).count()).resolves.toBe(0);

    // This computer's own recovery key, then the restored data.
    await noteAndConfirmRecoveryKey(next, 'first start after restoring');
    await next.getByRole('button', { name: 'Not now' }).click();
    await next.getByRole('heading', { name: 'Today' }).waitFor();
    await next.getByRole('link', { name: 'Trainees' }).click();
    await expect(traineeCount(next)).resolves.toBe(count);
    await next.evaluate(`window.location.hash = '#/trainees/${meeting.trainee_id}/meetings/${meeting.id}'`);
    const detail = next.getByRole('dialog', { name: /^1:1 on / });
    await detail.waitFor();
    const text = normalise((await detail.textContent()) ?? '');
    expect(text).toContain(normalise(meeting.shared_summary));
    expect(text).toContain(normalise(meeting.private_notes));
    await expectNoAxeViolations(next, 'a restored 1:1 with its private note', { scope: '[role=dialog]' });
  }, 180_000);

  it('resumes first start after a reload, until the recovery key’s words have been typed back', async () => {
    const app = await startApp({ firstStart: true });
    apps.push(app);
    const { page, backend } = app;
    await page.getByRole('heading', { name: 'Welcome to TPD Companion' }).waitFor();
    const list = page.getByRole('list', { name: 'Recovery key' });
    await list.waitFor();
    const before = (await list.getByRole('listitem').allTextContents()).map((w) => w.trim());
    await page.getByRole('button', { name: 'I have written it down' }).click();
    await page
      .getByLabel(/^Word \d+$/)
      .first()
      .waitFor();

    // Reloaded (or the window crashed) before the words were typed back: first start comes back, with
    // a new key (the words were never kept) and the offer to restore, and says why.
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome to TPD Companion' }).waitFor();
    await page.getByText(/closed before the words of your recovery key were checked/).waitFor();
    await page.getByRole('heading', { name: 'New computer?' }).waitFor();
    await page.getByRole('button', { name: 'Restore from a backup' }).waitFor();
    await app.screenshot('backups-06-first-start-resumed');
    await expectNoAxeViolations(page, 'first start, resumed after a reload');
    const again = await noteAndConfirmRecoveryKey(page, 'first start, resumed');
    expect(again).not.toEqual(before);
    await page.getByRole('button', { name: 'Not now' }).click();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    // Only the key shown last opens the database; the one shown before the reload does not.
    expect((await backend.dispatch('recovery:check-key', { words: again.join(' ') })).ok).toBe(true);
    expect((await backend.dispatch('recovery:check-key', { words: before.join(' ') })).ok).toBe(false);

    // Confirmed: a reload now goes straight to the app.
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    // (Today's own empty state also says "Welcome": the first-start step is the recovery key's.)
    expect(await page.getByRole('heading', { name: 'Your recovery key' }).count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Recovery key' }).count()).toBe(0);
  }, 120_000);
});
