/**
 * The TPD's everyday work in Chromium through the browser host: a 1:1 from a template with a
 * private note and actions, Today, a PLP goal from an identified need, support, search, and
 * the PLP export read back to prove the private note never leaves.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { pdfText } from '../support/read-exports';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

const PRIVATE_NOTE = 'Private: mentioned money worries and a sick parent abroad';
const SHARED_LINE = 'Agreed to book the AKT for the spring sitting after two more mock papers.';

/** A UK date `days` from today, as a person would type it. */
function ukDate(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('day')}/${get('month')}/${get('year')}`;
}

async function addTrainee(app: AppUnderTest): Promise<Trainee> {
  const result = await app.backend.dispatch('trainees:create', {
    givenName: 'Ifeoma',
    familyName: 'Nwosu',
    gmcNumber: '7234567',
    programme: 'GP - Northtown VTS',
    grade: 'ST2',
    programmeStartDate: '2025-08-06',
    expectedCctDate: '2028-08-05',
    wte: 1,
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.data as Trainee;
}

describe('everyday TPD work in Chromium through the browser host', () => {
  let app: AppUnderTest;
  afterEach(async () => {
    await app?.close();
  });

  it('logs a 1:1 from a template, acts on Today, plans, supports, searches and exports shared content only', async () => {
    app = await startApp();
    const { page } = app;
    const trainee = await addTrainee(app);
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.getByRole('link', { name: 'First 1:1 due' }).waitFor();

    // Ctrl+N: choose the trainee, then the form opens on their page.
    await page.keyboard.press('Control+n');
    await page.getByRole('heading', { name: 'New 1:1' }).waitFor();
    await expectNoAxeViolations(page, 'the New 1:1 trainee chooser');
    await page.getByLabel('Trainee', { exact: true }).fill('nwosu');
    await page.getByRole('link', { name: 'Ifeoma Nwosu' }).click();
    const form = page.getByRole('dialog', { name: 'New 1:1 with Ifeoma Nwosu' });
    await form.getByLabel('Meeting type').selectOption('readiness_to_sit');
    await form.getByRole('button', { name: 'Use template: Readiness to sit' }).click();
    await expectNoAxeViolations(page, 'the 1:1 form with a template', { scope: '[role=dialog]' });
    const summary = form.getByLabel('Shared summary');
    await expect(summary.inputValue()).resolves.toContain('How the trainee rates their readiness');
    await summary.press('Control+End');
    await summary.pressSequentially(`\n${SHARED_LINE}`);
    await form.getByLabel('Private notes (only you)').fill(PRIVATE_NOTE);
    await form.getByLabel('Mode').selectOption('video');
    await form.getByLabel('Start time').fill('14:30');
    await form.getByLabel('Duration (minutes)').fill('40');
    await form.getByLabel('Wellbeing check').selectOption('okay');

    // Two actions; the first is tried without a due date to see the message.
    await form.getByRole('button', { name: 'Add action' }).click();
    await form.getByLabel(/^Action 1/).fill('Do two timed AKT mock papers');
    await form.getByRole('button', { name: 'Add action' }).click();
    await form.getByLabel(/^Action 2/).fill('Send the AKT course dates');
    await form.getByLabel('Owner of action 2').selectOption('tpd');
    await form.getByLabel('Due date of action 2').fill(ukDate(3));
    await form.getByRole('button', { name: 'Save 1:1' }).click();
    await form.getByText('Enter a due date for this action').waitFor();
    await app.screenshot('everyday-01-new-meeting-validation');
    await expectNoAxeViolations(page, 'the 1:1 form with validation messages', {
      scope: '[role=dialog]',
      themes: 'both',
    });
    await form.getByLabel('Due date of action 1').fill(ukDate(1));
    await form.getByRole('button', { name: 'Save 1:1' }).click();

    const detail = page.getByRole('dialog', { name: /^1:1 on / });
    await detail.getByText(SHARED_LINE).waitFor();
    await detail.getByText(PRIVATE_NOTE).waitFor();
    await expect(detail.locator('.private-note').textContent()).resolves.toContain('never exported, printed or copied');
    await app.screenshot('everyday-02-meeting-detail');
    await expectNoAxeViolations(page, 'a 1:1’s detail with a private note', { scope: '[role=dialog]', themes: 'both' });
    await detail.getByRole('button', { name: 'Close' }).click();

    // Today: both actions, one completed from there.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    await page.getByRole('link', { name: 'Do two timed AKT mock papers' }).waitFor();
    await page.getByRole('link', { name: 'Send the AKT course dates' }).waitFor();
    await app.screenshot('everyday-03-today-actions');
    await expectNoAxeViolations(page, 'Today with actions', { themes: 'both' });
    await page.getByRole('button', { name: 'Mark done: Send the AKT course dates (Ifeoma Nwosu)' }).click();
    await page.getByRole('link', { name: 'Send the AKT course dates' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Do two timed AKT mock papers' }).waitFor();
    await app.screenshot('everyday-04-today-after-done');

    // Early needs: a need becomes a PLP goal in one action.
    await page.goto(`${app.host.url.split('#')[0]}#/trainees/${trainee.id}/needs`);
    await page.getByText('marked for destruction at the end of training').waitFor();
    await page.getByText('5 Aug 2028').first().waitFor();
    await page.getByLabel('Need', { exact: true }).fill('Confidence with telephone consultations');
    await page.getByLabel('Area of need').selectOption({ label: 'Communication and language' });
    await page.getByRole('button', { name: 'Add need' }).click();
    await page.getByRole('button', { name: 'Make PLP goal: Confidence with telephone consultations' }).click();
    await page.getByRole('link', { name: 'In the PLP' }).waitFor();
    await app.screenshot('everyday-05-early-needs');
    await expectNoAxeViolations(page, 'the trainee’s Early needs tab', { themes: 'both' });

    // The 1:1 is edited to serve the new goal; the history records it.
    await page.getByRole('tab', { name: '1:1s' }).click();
    await page.getByRole('link', { name: /Readiness to sit/ }).click();
    await page.getByRole('button', { name: 'Edit 1:1' }).click();
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await expectNoAxeViolations(page, 'the 1:1 edit form', { scope: '[role=dialog]' });
    await page.getByLabel('Confidence with telephone consultations').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Edit history/).click();
    await page.getByText(/Edited: linked PLP goals/).waitFor();
    await expectNoAxeViolations(page, 'a 1:1’s edit history', { scope: '[role=dialog]' });
    // Escape would first dismiss the newest toast (Radix layers), so close the dialog by its button.
    await page
      .getByRole('dialog', { name: /^1:1 on / })
      .getByRole('button', { name: 'Close' })
      .click();

    await page.getByRole('tab', { name: 'Plan (PLP)' }).click();
    await page.getByRole('heading', { name: 'Confidence with telephone consultations' }).waitFor();
    await app.screenshot('everyday-06-plan');
    await expectNoAxeViolations(page, 'the trainee’s Plan (PLP) tab', { themes: 'both' });
    await page.getByRole('button', { name: 'Edit goal: Confidence with telephone consultations' }).click();
    const goalForm = page.getByRole('dialog', { name: 'Edit goal' });
    await goalForm.getByRole('button', { name: 'Save goal' }).waitFor();
    await expectNoAxeViolations(page, 'the PLP goal form', { scope: '[role=dialog]' });
    await goalForm.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Review goal: Confidence with telephone consultations' }).click();
    const review = page.getByRole('dialog', { name: 'Review: Confidence with telephone consultations' });
    await review.getByRole('button', { name: 'Cancel' }).waitFor();
    await expectNoAxeViolations(page, 'the PLP goal review form', { scope: '[role=dialog]' });
    await review.getByRole('button', { name: 'Cancel' }).click();

    // Support: offered, accepted, completed with an outcome.
    await page.getByRole('tab', { name: 'Support' }).click();
    await page.getByRole('button', { name: 'Offer support' }).first().click();
    const offer = page.getByRole('dialog', { name: 'Offer support' });
    await offer.getByLabel('Support offer').selectOption({ label: 'Mentor' });
    await expectNoAxeViolations(page, 'the Offer support dialog', { scope: '[role=dialog]' });
    await offer.getByLabel('Serves PLP goal').selectOption({ label: 'Confidence with telephone consultations' });
    await offer.getByRole('button', { name: 'Record offer' }).click();
    await page.getByRole('button', { name: 'Record what happened: Mentor' }).click();
    let step = page.getByRole('dialog', { name: 'Mentor' });
    await step.getByLabel('What happened').selectOption('accepted');
    await step.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: 'Record what happened: Mentor' }).click();
    step = page.getByRole('dialog', { name: 'Mentor' });
    await step.getByLabel('What happened').selectOption('completed');
    await step.getByRole('button', { name: 'Save' }).click();
    await step.getByText('Say what came of it').waitFor();
    await expectNoAxeViolations(page, 'a support step with a validation message', { scope: '[role=dialog]' });
    await step.getByLabel('Outcome').fill('Paired with Dr Reid; meeting monthly.');
    await step.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Outcome: Paired with Dr Reid; meeting monthly.').waitFor();
    await expect(page.getByRole('article', { name: 'Mentor' }).locator('.badge').first().textContent()).resolves.toBe(
      'Completed',
    );
    await app.screenshot('everyday-07-support');
    await expectNoAxeViolations(page, 'the trainee’s Support tab', { themes: 'both' });

    // Search from anywhere (Ctrl+K), matched words highlighted; the result opens the 1:1.
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('link', { name: 'Support completed: Mentor' }).waitFor();
    await app.screenshot('everyday-08-timeline');
    await expectNoAxeViolations(page, 'the trainee’s Timeline tab');
    await page.keyboard.press('Control+k');
    const search = page.getByRole('dialog', { name: 'Search' });
    await search.getByLabel('Search trainees, 1:1s, goals and actions').fill('spring sitting');
    const result = search.getByRole('button', { name: /1:1 · .*Readiness to sit/ });
    await result.waitFor();
    await expect(result.locator('mark').allTextContents()).resolves.toEqual(['spring', 'sitting']);
    await app.screenshot('everyday-09-search');
    await expectNoAxeViolations(page, 'search (Ctrl+K) with results', { scope: '[role=dialog]', themes: 'both' });
    await result.click();
    await page
      .getByRole('dialog', { name: /^1:1 on / })
      .getByText(SHARED_LINE)
      .waitFor();
    await page
      .getByRole('dialog', { name: /^1:1 on / })
      .getByRole('button', { name: 'Close' })
      .click();

    // Export the PLP: the shared summary is in it, the private note is not.
    await page.getByRole('tab', { name: 'Plan (PLP)' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PLP as PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^plp-nwosu-ifeoma-\d{4}-\d{2}-\d{2}\.pdf$/);
    const text = (await pdfText(fs.readFileSync((await download.path())!))).replace(/\s+/g, ' ');
    expect(text).toContain('Confidence with telephone consultations');
    expect(text).toContain(SHARED_LINE);
    expect(text).not.toContain('money worries');
    await page.getByRole('button', { name: 'Paste-ready text' }).click();
    const paste = page.getByRole('dialog', { name: /paste-ready text/ });
    await paste.getByText(SHARED_LINE).waitFor();
    expect(await paste.textContent()).not.toContain('money worries');
    await app.screenshot('everyday-10-plp-paste-ready');
    await expectNoAxeViolations(page, 'the PLP paste-ready text', { scope: '[role=dialog]' });
  });

  it('keeps a half-typed 1:1 through a closed window, and restores it on reopening', async () => {
    app = await startApp();
    const { page } = app;
    const trainee = await addTrainee(app);
    const base = app.host.url.split('#')[0];
    await page.goto(`${base}#/trainees/${trainee.id}/meetings/new`);
    const form = page.getByRole('dialog', { name: 'New 1:1 with Ifeoma Nwosu' });
    await form.getByLabel('Private notes (only you)').fill('Half-typed thought about the rota');
    await form.getByText(/^Draft saved/).waitFor();
    // A new tab on the same host stands in for reopening the app after the window was closed.
    const again = await page.context().newPage();
    await page.close();
    await again.goto(app.host.url);
    await again.getByRole('heading', { name: 'Today' }).waitFor();
    await again.goto(`${base}#/trainees/${trainee.id}/meetings/new`);
    const restored = again.getByRole('dialog', { name: 'New 1:1 with Ifeoma Nwosu' });
    await restored.getByText(/Restored your unsaved draft/).waitFor();
    await expect(restored.getByLabel('Private notes (only you)').inputValue()).resolves.toBe(
      'Half-typed thought about the rota',
    );
    await again.screenshot({ path: `${process.cwd()}/test-results/screenshots/everyday-11-draft-restored.png` });
    await expectNoAxeViolations(again, 'the 1:1 form with a restored draft', { scope: '[role=dialog]' });

    // Saved, then deleted only after confirming, then brought back with Undo.
    await restored.getByRole('button', { name: 'Save 1:1' }).click();
    const detail = again.getByRole('dialog', { name: /^1:1 on / });
    await detail.getByRole('button', { name: 'Delete 1:1…' }).click();
    const confirm = again.getByRole('alertdialog', { name: 'Delete this 1:1?' });
    await confirm.waitFor();
    await expectNoAxeViolations(again, 'the delete 1:1 confirmation', { scope: '[role=alertdialog]' });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await detail.getByRole('button', { name: 'Delete 1:1…' }).click();
    await confirm.getByRole('button', { name: 'Delete 1:1' }).click();
    await again.getByRole('heading', { name: 'No 1:1s recorded yet' }).waitFor();
    await expectNoAxeViolations(again, 'the empty 1:1s tab with an Undo toast');
    await again.getByRole('button', { name: 'Undo' }).click();
    await again.getByRole('list', { name: '1:1 meetings' }).getByRole('link').first().waitFor();
    expect(await again.getByRole('list', { name: '1:1 meetings' }).getByRole('link').count()).toBe(1);

    // Saving used up the draft: a new 1:1 starts empty.
    await again.getByRole('button', { name: 'New 1:1' }).click();
    const fresh = again.getByRole('dialog', { name: 'New 1:1 with Ifeoma Nwosu' });
    await fresh.getByLabel(/^Shared summary/).waitFor();
    expect(await fresh.getByText(/Restored your unsaved draft/).count()).toBe(0);
    await expect(fresh.getByLabel('Private notes (only you)').inputValue()).resolves.toBe('');
  });

  it('shows a lived-in Today view, 1:1 list, settings and timeline with demo data', async () => {
    app = await startApp({ demo: true });
    const { page } = app;
    await page
      .getByRole('heading', { name: 'Overdue' })
      .or(page.getByRole('heading', { name: 'Due soon' }))
      .first()
      .waitFor();
    await app.screenshot('everyday-12-today-demo');
    await expectNoAxeViolations(page, 'Today with demo data', { themes: 'both' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trainees' }).click();
    await page.getByRole('table', { name: 'Trainees' }).locator('tbody tr[data-index="0"] a').first().click();
    await page.getByRole('tab', { name: '1:1s' }).click();
    await page.getByRole('heading', { name: 'Next 1:1' }).waitFor();
    await app.screenshot('everyday-13-meetings-demo');
    await expectNoAxeViolations(page, 'the trainee’s 1:1s tab with demo data', { themes: 'both' });
    const [ics] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /^Add to calendar \(\.ics\): the next 1:1 with / }).click(),
    ]);
    expect(ics.suggestedFilename()).toMatch(/^1-1-.*\.ics$/);
    const calendar = fs.readFileSync((await ics.path())!, 'utf8');
    expect(calendar.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(calendar).toMatch(/\r\nSUMMARY:1:1 with [^\r\n]+\r\n/);
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.getByRole('list', { name: 'Timeline' }).waitFor();
    await app.screenshot('everyday-14-timeline-demo');
    await expectNoAxeViolations(page, 'the trainee’s Timeline tab with demo data', { themes: 'both' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Support catalogue' }).waitFor();
    await app.screenshot('everyday-15-settings');
    await expectNoAxeViolations(page, 'Settings', { themes: 'both' });
  });
});
