/**
 * Handing a trainee over between two TPDs, as they would do it: the sender makes the file from the
 * trainee's page and reads the phrase off the screen; the receiver, on an empty data folder, checks
 * the file with the phrase, imports it and finds the 1:1s, goals, exam attempts and ARCP records,
 * each marked as handed over, and none of the sender's private notes.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

describe('handover in Chromium through two browser hosts', () => {
  const apps: AppUnderTest[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('hands a demo trainee over without private notes and imports them on an empty data folder', async () => {
    const sender = await startApp({ demo: true });
    apps.push(sender);
    const db = sender.backend.store.db;
    const chosen = await db
      .selectFrom('trainees')
      .select(['id', 'family_name'])
      .where('id', 'in', db.selectFrom('meetings').select('trainee_id').where('private_notes', '!=', ''))
      .where('id', 'in', db.selectFrom('plp_goals').select('trainee_id'))
      .where('id', 'in', db.selectFrom('exam_attempts').select('trainee_id'))
      .where('id', 'in', db.selectFrom('arcp_records').select('trainee_id'))
      .executeTakeFirstOrThrow();
    const meeting = await db
      .selectFrom('meetings')
      .select(['shared_summary', 'private_notes'])
      .where('trainee_id', '=', chosen.id)
      .where('private_notes', '!=', '')
      .where('shared_summary', '!=', '')
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    const goals = await db
      .selectFrom('plp_goals')
      .select('title')
      .where('trainee_id', '=', chosen.id)
      .where('deleted_at', 'is', null)
      .execute();
    const attempts = await db.selectFrom('exam_attempts').select('id').where('trainee_id', '=', chosen.id).execute();
    const arcp = await db.selectFrom('arcp_records').select('id').where('trainee_id', '=', chosen.id).execute();

    const { page } = sender;
    await page.goto(`${sender.host.url.split('#')[0]}#/trainees/${chosen.id}`);
    await page.getByRole('button', { name: 'Hand over…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your name').fill('Dr Sender Example');
    await expect(dialog.getByLabel('Include my private notes').isChecked()).resolves.toBe(false);
    await dialog.getByText(/anyone with the file and the transfer phrase will be able to read them/).waitFor();
    await expectNoAxeViolations(page, 'the hand-over dialog', { scope: '[role="dialog"]' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Make handover file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.tpdhandover$/);
    const list = dialog.getByRole('list', { name: 'Transfer phrase' });
    await list.waitFor();
    const phrase = (await list.getByRole('listitem').allTextContents()).map((w) => w.trim());
    expect(phrase).toHaveLength(6);
    await dialog.getByText(/Send the phrase by another route than the file/).waitFor();
    await expectNoAxeViolations(page, 'the transfer phrase', { scope: '[role="dialog"]' });
    await sender.screenshot('handover-01-phrase');
    const file = (await download.path())!;
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const receiver = await startApp();
    apps.push(receiver);
    const r = receiver.page;
    await r.goto(`${receiver.host.url.split('#')[0]}#/trainees`);
    await r.getByRole('button', { name: 'Import a handover…' }).click();
    const importDialog = r.getByRole('dialog');
    await importDialog.getByLabel('Handover file').setInputFiles(file);
    // Any spacing and case: the words as someone might type them from a phone call.
    await importDialog.getByLabel('Transfer phrase').fill(`  ${phrase.join('   ').toUpperCase()} `);
    await importDialog.getByRole('button', { name: 'Check' }).click();
    const checked = importDialog.getByRole('region', { name: 'Handover checked' });
    await checked.waitFor();
    await checked.getByText('New to your register.').waitFor();
    await checked.getByText(/Handed over by Dr Sender Example/).waitFor();
    await expectNoAxeViolations(r, 'the handover preview', { scope: '[role="dialog"]' });
    await receiver.screenshot('handover-02-preview');
    await importDialog.getByRole('button', { name: 'Import' }).click();
    await importDialog.waitFor({ state: 'detached' });

    const base = `${receiver.host.url.split('#')[0]}#/trainees/${chosen.id}`;
    await r.goto(base);
    await r
      .getByText(/^Handed over by Dr Sender Example on \d{1,2} \w{3} \d{4}$/)
      .first()
      .waitFor();
    await r.goto(`${base}/meetings`);
    const meetings = r.getByRole('list', { name: '1:1 meetings' });
    await meetings.getByText(meeting.shared_summary.slice(0, 40), { exact: false }).first().waitFor();
    await expect(meetings.getByText(/^Handed over by Dr Sender Example/).count()).resolves.toBeGreaterThan(0);
    await r.goto(`${base}/plan`);
    await r.getByRole('heading', { name: goals[0]!.title }).first().waitFor();
    await expect
      .poll(() =>
        r
          .getByRole('tabpanel')
          .getByText(/^Handed over by Dr Sender Example/)
          .count(),
      )
      .toBe(goals.length);
    await r.goto(`${base}/exams`);
    await expect
      .poll(() =>
        r
          .getByRole('tabpanel')
          .getByText(/^Handed over by Dr Sender Example/)
          .count(),
      )
      .toBe(attempts.length);
    await r.goto(`${base}/arcp`);
    await expect
      .poll(() =>
        r
          .getByRole('tabpanel')
          .getByText(/^Handed over by Dr Sender Example/)
          .count(),
      )
      .toBe(arcp.length);
    await receiver.screenshot('handover-03-arcp');

    // The private notes stayed behind: in no page of the trainee, and not in the receiver's store.
    await r.goto(`${base}/meetings`);
    await meetings.waitFor();
    expect(await r.content()).not.toContain(meeting.private_notes);
    const notes = await receiver.backend.store.db
      .selectFrom('meetings')
      .select('private_notes')
      .where('trainee_id', '=', chosen.id)
      .execute();
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.private_notes === '')).toBe(true);
  }, 180_000);
});
