import fs from 'node:fs';
import path from 'node:path';
import { addDays, format } from 'date-fns';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docxText, pdfText } from '../support/read-exports';
import { fileAsBase64, FIXTURES_DIR } from '../support/temp-backend';
import { expectNoAxeViolations, startApp, type AppUnderTest } from './support';

const PRIVATE_NOTE = 'Private: has mentioned a possible ADHD assessment';
const WEAKEST = 'Clinical management & medical complexity';

describe('exams and the re-sit monitor in Chromium through the browser host', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await startApp();
    const trainees = await app.backend.dispatch('traineeImport:commit', {
      jobId: 'e2e',
      fileName: 'trainees.csv',
      contentBase64: fileAsBase64(path.join(FIXTURES_DIR, 'trainees-scheme-export.csv')),
    });
    expect(trainees.ok).toBe(true);
  });
  afterEach(async () => {
    await app?.close();
  });

  it('imports results, records and exports a post-fail conversation without the private note, and updates the monitor after a readiness decision', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Re-sits' }).click();
    await page.getByRole('heading', { name: 'No one needs to re-sit' }).waitFor();

    await expectNoAxeViolations(page, 'the empty re-sit monitor');
    // Import the sample results: two rows name trainees who are not in the register.
    await page.getByRole('button', { name: 'Import exam results' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Import exam results' });
    await dialog.getByLabel('Results CSV file').setInputFiles(path.join(FIXTURES_DIR, 'exam-results.csv'));
    const rejected = dialog.getByRole('table', { name: /Rejected rows/ });
    await rejected.waitFor();
    expect(await rejected.getByRole('row').count()).toBe(3);
    await expect(rejected.getByRole('row', { name: /^17 / }).textContent()).resolves.toContain(
      'No trainee in the register has GMC number 7581654',
    );
    const toCheck = dialog.getByRole('table', { name: /To check/ });
    const worthChecking = await toCheck.textContent();
    expect(worthChecking).toContain('every domain graded Fail');
    // The October 2025 AKT had 160 items: a score of 169 from that sitting is worth checking against the letter.
    expect(worthChecking).toContain('Score of 169 is more than the 160 items in the paper');
    await dialog.getByText('2 to check').waitFor();
    await app.screenshot('exams-01-results-import-preview');
    await expectNoAxeViolations(page, 'the exam results import preview', { scope: '[role=dialog]', themes: 'both' });
    // Results to check are recorded only when ticked, after reading the letter.
    await dialog.getByRole('button', { name: 'Import 23 results' }).waitFor();
    for (const box of await toCheck.getByRole('checkbox', { name: /^Record line \d+ anyway/ }).all()) await box.check();
    await dialog.getByRole('button', { name: 'Import 25 results' }).click();
    await dialog
      .getByText('25 results imported: 25 new, 0 updated. 2 rows rejected; 2 recorded after checking.')
      .waitFor();
    await expectNoAxeViolations(page, 'the exam results import summary', { scope: '[role=dialog]' });
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    // The monitor lists the four trainees still to re-sit.
    const monitor = page.getByRole('table', { name: 'Re-sit monitor' });
    await page.getByText('4 of 4 shown').waitFor();
    const tariqRow = monitor.getByRole('row', { name: /Tariq Smith/ });
    await expect(tariqRow.textContent()).resolves.toContain('No post-fail conversation after 4 weeks');
    await expect(tariqRow.textContent()).resolves.toContain(WEAKEST);
    await page.getByLabel('Group by exam').check();
    await monitor.getByRole('rowheader', { name: 'SCA (2)' }).waitFor();
    await app.screenshot('exams-02-resit-monitor');
    await expectNoAxeViolations(page, 'the re-sit monitor grouped by exam', { themes: 'both' });
    await page.getByLabel('Filter by exam').selectOption('SCA');
    await page.getByText('2 of 4 shown').waitFor();

    // Open the trainee with a failed SCA and record the post-fail conversation.
    await monitor.getByRole('link', { name: 'Tariq Smith' }).click();
    await page.getByRole('heading', { name: 'Tariq Smith' }).waitFor();
    await page.getByRole('tab', { name: 'Exams', selected: true }).waitFor();
    await page.getByText('1 of 6 used; 5 left').waitFor();
    await app.screenshot('exams-03-trainee-exams-tab');
    await expectNoAxeViolations(page, 'the trainee’s Exams tab', { themes: 'both' });

    await page.getByRole('button', { name: 'Record post-fail conversation for SCA on 23 Jan 2024' }).click();
    const form = page.getByRole('dialog', { name: /Post-fail conversation: SCA/ });
    await form.getByLabel(`Discussion of ${WEAKEST}`).waitFor();
    // The weakest domain comes pre-filled from the attempt.
    const weakestBoxes = form.getByRole('checkbox', { name: 'Weakest area' });
    expect(await weakestBoxes.count()).toBe(3);
    expect(await Promise.all([0, 1, 2].map((i) => weakestBoxes.nth(i).isChecked()))).toEqual([false, true, false]);
    await app.screenshot('exams-04a-post-fail-form-prefilled');
    await expectNoAxeViolations(page, 'the post-fail conversation form', { scope: '[role=dialog]', themes: 'both' });
    await form.getByLabel('Participants').fill('Dr Helen Carter (exam lead), Tariq Smith');
    await form.getByLabel('Followed up by').fill('Dr Helen Carter');
    await form.getByLabel('Trainee’s reflection').fill('Ran out of time in the management part of most cases.');
    await form
      .getByLabel(`Discussion of ${WEAKEST}`)
      .fill('Safety-netting and follow-up were missed in several cases.');
    await form.getByLabel('Preparation and exam technique').check();
    await form.getByLabel('Notes on preparation and exam technique').fill('Little timed practice before the sitting');
    await form
      .getByRole('checkbox', { name: /Trainee accepted: Invitation to the regional exam preparation course/ })
      .check();
    const target = addDays(new Date(), 70);
    await form.getByLabel('Target sitting date').fill(format(target, 'dd/MM/yyyy'));
    await form.getByText(/Book by about/).waitFor();
    await form.getByLabel('Agreed actions').fill('Book the regional mock\nRecord two consultations for review');
    await form.getByLabel('The trainee has seen and agreed this record').check();
    await form.getByLabel('Private note (never exported or shared)').fill(PRIVATE_NOTE);
    await app.screenshot('exams-04b-post-fail-form-plan');
    await expectNoAxeViolations(page, 'the post-fail conversation form, filled in', { scope: '[role=dialog]' });
    await form.getByRole('button', { name: 'Save conversation' }).click();

    // Export: paste-ready text, PDF and Word, all without the private note.
    const exportDialog = page.getByRole('dialog', { name: 'Export post-fail conversation' });
    const paste = exportDialog.getByRole('region', { name: 'Paste-ready text for the e-portfolio' });
    await paste.getByRole('button', { name: 'Copy all shared sections' }).waitFor();
    await paste.getByRole('button', { name: 'Copy Agreed actions' }).waitFor();
    const pasteText = (await paste.textContent()) ?? '';
    expect(pasteText).toContain(`${WEAKEST} (weakest)`);
    expect(pasteText).toContain('Book the regional mock');
    expect(pasteText).toContain('Invitation to the regional exam preparation course');
    expect(pasteText).not.toContain(PRIVATE_NOTE);
    await app.screenshot('exams-05-export-text');
    await expectNoAxeViolations(page, 'the post-fail export dialog', { scope: '[role=dialog]', themes: 'both' });

    // "Copy all shared sections" puts the shared text on the clipboard, and nothing private.
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.host.url).origin });
    await paste.getByRole('button', { name: 'Copy all shared sections' }).click();
    await paste.getByText('All shared sections copied to the clipboard').waitFor();
    const clipboard = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(clipboard).toContain('WHAT THE EXAM FEEDBACK SAYS');
    expect(clipboard).toContain('Book the regional mock');
    expect(clipboard).not.toContain(PRIVATE_NOTE);
    await paste.getByRole('button', { name: 'Copy Plan for the re-sit' }).click();
    await paste.getByText('Plan for the re-sit copied to the clipboard').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toMatch(/^Target sitting: /);

    const [pdfDownload] = await Promise.all([
      page.waitForEvent('download'),
      exportDialog.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(pdfDownload.suggestedFilename()).toMatch(/^post-fail-sca-tariq-smith-.*\.pdf$/);
    const pdf = await pdfText(fs.readFileSync((await pdfDownload.path())!));
    expect(pdf).toContain('Post-fail conversation');
    expect(pdf).toContain('7455482');
    expect(pdf).toContain('Safety-netting and follow-up were missed');
    expect(pdf).toContain('Page 1 of');
    expect(pdf).toContain('Confidential');
    expect(pdf).not.toContain('ADHD');

    const [docxDownload] = await Promise.all([
      page.waitForEvent('download'),
      exportDialog.getByRole('button', { name: 'Download Word document' }).click(),
    ]);
    const word = await docxText(fs.readFileSync((await docxDownload.path())!));
    expect(word.body).toContain('Agreed actions');
    expect(word.body).toContain('Record two consultations for review');
    expect(word.footers).toContain('Confidential');
    expect(word.body + word.footers).not.toContain('ADHD');
    await exportDialog.getByRole('button', { name: 'Close' }).click();

    // The private note stays visible on screen, marked as private.
    await page.getByText(PRIVATE_NOTE).waitFor();
    await expectNoAxeViolations(page, 'the Exams tab with a post-fail conversation');

    // Record a readiness-to-sit decision.
    await page.getByRole('button', { name: 'Record readiness-to-sit discussion' }).click();
    const readiness = page.getByRole('dialog', { name: 'Readiness-to-sit discussion' });
    await readiness
      .getByRole('combobox', { name: /^Exam/ })
      .selectOption({ label: 'SCA – Simulated Consultation Assessment' });
    await readiness.getByLabel('Planned sitting date').fill(format(target, 'dd/MM/yyyy'));
    await readiness.getByText(/Booking closes about/).waitFor();
    await readiness.getByLabel('Mock and practice results').fill('Regional mock: passed 10 of 12 cases');
    await readiness.getByRole('combobox', { name: /^Decision/ }).selectOption('ready');
    await readiness.getByLabel('Reasons').fill('Timed practice now consistent');
    await app.screenshot('exams-06-readiness-form');
    await expectNoAxeViolations(page, 'the readiness-to-sit form', { scope: '[role=dialog]', themes: 'both' });
    await readiness.getByRole('button', { name: 'Save discussion' }).click();
    const readinessArticle = page.getByRole('article', { name: /Readiness discussion, SCA/ });
    await readinessArticle.getByText('Ready to sit').waitFor();
    await readinessArticle.getByRole('button', { name: 'Export for e-portfolio' }).click();
    const readinessExport = page.getByRole('dialog', { name: 'Export readiness-to-sit discussion' });
    await readinessExport.getByRole('button', { name: 'Copy Decision' }).waitFor();
    await expectNoAxeViolations(page, 'the readiness export dialog', { scope: '[role=dialog]' });
    expect(await readinessExport.textContent()).toContain('Regional mock: passed 10 of 12 cases');
    await readinessExport.getByRole('button', { name: 'Close' }).click();

    // The monitor shows the conversation, the accepted support and the decision.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Re-sits' }).click();
    const updated = page.getByRole('table', { name: 'Re-sit monitor' }).getByRole('row', { name: /Tariq Smith/ });
    await updated.getByText('Ready to sit').waitFor();
    const text = (await updated.textContent()) ?? '';
    expect(text).toContain('Done');
    expect(text).toContain('1 of 1 accepted');
    expect(text).toContain('Dr Helen Carter');
    expect(text).not.toContain('No post-fail conversation after 4 weeks');
    await app.screenshot('exams-07-monitor-updated');
    await expectNoAxeViolations(page, 'the re-sit monitor after a readiness decision');

    // CSV export of the view.
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = fs.readFileSync((await csvDownload.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('Trainee,Exam,Warnings,Attempts used / left');
    expect(csv).toContain('Tariq Smith');
    expect(csv).toContain('Ready to sit');
  });

  it('asks before recording an impossible result, refuses a sitting to come, and shows its warning whole', async () => {
    const { page } = app;
    const trainees = await app.backend.dispatch('trainees:list', {});
    if (!trainees.ok) throw new Error('no register');
    const tariq = (trainees.data as Array<{ id: string; gmcNumber: string }>).find((t) => t.gmcNumber === '7455482')!;
    await page.goto(`${app.host.url.split('#')[0]}#/trainees/${tariq.id}/exams`);
    await page.getByRole('button', { name: 'Add exam result' }).click();
    const form = page.getByRole('dialog', { name: 'Add exam result' });
    await form.getByRole('combobox', { name: /^Exam/ }).selectOption({ label: 'AKT – Applied Knowledge Test' });
    await form.getByLabel(/^Sitting date/).fill(format(addDays(new Date(), 30), 'dd/MM/yyyy'));
    await form.getByRole('combobox', { name: /^Result/ }).selectOption('fail');
    await form.getByLabel('Score', { exact: true }).fill('150');
    await form.getByLabel(/^Pass mark/).fill('137');
    await form.getByText('Fail recorded with a score of 150, at or over the pass mark of 137.').waitFor();
    await app.screenshot('exams-13-record-it-anyway');
    await expectNoAxeViolations(page, 'the attempt form asking to record it anyway', { scope: '[role=dialog]' });
    await form.getByRole('button', { name: 'Add result' }).click();
    await form.getByText('Tick “Record it anyway” to save this result as it is, or correct the figures.').waitFor();
    await form.getByRole('checkbox', { name: 'Record it anyway' }).check();
    await form.getByRole('button', { name: 'Add result' }).click();
    await form
      .getByText(/is in the future: record a result once the exam has been sat/)
      .first()
      .waitFor();
    await form.getByLabel(/^Sitting date/).fill('03/04/2024');
    await form.getByRole('button', { name: 'Add result' }).click();
    await form.waitFor({ state: 'detached' });

    // The warning on the Exams tab is read whole: nothing of it is cut off.
    const badge = page.getByText('Check: Fail recorded with a score of 150, at or over the pass mark of 137');
    await badge.waitFor();
    const clipped = await badge.evaluate((el) => {
      const cell = el.closest('td')!;
      return el.scrollWidth > el.clientWidth + 1 || cell.scrollWidth > cell.clientWidth + 1;
    });
    expect(clipped).toBe(false);
    await app.screenshot('exams-14-warning-badge-whole');
  });

  it('names each bad row of a malformed results file and imports nothing from it', async () => {
    const { page } = app;
    await page.goto(`${app.host.url.split('#')[0]}#/resits/import`);
    const dialog = page.getByRole('dialog', { name: 'Import exam results' });
    const bad = [
      'GMC Number,Exam,Sitting Date,Result,Score,Pass Mark',
      '7455482,AKT,31/02/2024,Pass,150,139',
      '7455482,MSRA,03/04/2024,Pass,150,139',
      '12345,AKT,03/04/2024,Fail,120,139',
      '7455482,SCA,03/05/2024,Maybe,,',
    ].join('\n');
    await dialog
      .getByLabel('Results CSV file')
      .setInputFiles({ name: 'bad-results.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const rejected = dialog.getByRole('table', { name: /Rejected rows/ });
    await rejected.waitFor();
    const rows = rejected.getByRole('row');
    expect(await rows.count()).toBe(5);
    await expect(rows.nth(1).textContent()).resolves.toContain('not a real date');
    await expect(rows.nth(2).textContent()).resolves.toContain('“MSRA” is not a known exam');
    await expect(rows.nth(3).textContent()).resolves.toContain('GMC number must be exactly 7 digits');
    await expect(rows.nth(4).textContent()).resolves.toContain('Result must be Pass, Fail');
    await expect(dialog.getByRole('button', { name: 'Nothing to import' }).isDisabled()).resolves.toBe(true);
    await app.screenshot('exams-08-malformed-results');
    await expectNoAxeViolations(page, 'the exam results import with bad rows', { scope: '[role=dialog]' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { name: 'No one needs to re-sit' }).waitFor();
  });
});

describe('the re-sit monitor with demo data', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await startApp({ demo: true });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('shows trainees to follow up with warnings, and the editable exam rules', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Re-sits' }).click();
    const monitor = page.getByRole('table', { name: 'Re-sit monitor' });
    await monitor.waitFor();
    expect(await monitor.locator('tbody tr').count()).toBeGreaterThan(3);
    await monitor.getByRole('button', { name: /^Days since fail/ }).click();
    await expect(
      monitor.getByRole('columnheader', { name: /^Days since fail/ }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');
    await app.screenshot('exams-09-monitor-demo');
    await expectNoAxeViolations(page, 'the re-sit monitor with demo data', { themes: 'both' });

    // Overdue post-fail conversations also reach the Today view.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    await page
      .getByText(/Post-fail conversation for (AKT|SCA)/)
      .first()
      .waitFor();
    await app.screenshot('exams-09b-today-with-exam-items');
    await expectNoAxeViolations(page, 'Today with exam follow-ups', { themes: 'both' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Re-sits' }).click();
    await monitor.waitFor();

    await page.getByRole('button', { name: 'Exam rules' }).click();
    const rules = page.getByRole('dialog', { name: 'Exam rules' });
    await rules.getByRole('table', { name: 'Exams' }).getByText('Simulated Consultation Assessment').waitFor();
    await expect(rules.getByLabel('Rule', { exact: true }).first().inputValue()).resolves.toBe(
      'In training on 1 Aug 2023',
    );
    await expect(rules.getByLabel('Exceptional attempts', { exact: true }).first().inputValue()).resolves.toBe('1');
    await app.screenshot('exams-10-exam-rules');
    await expectNoAxeViolations(page, 'the exam rules dialog', { scope: '[role=dialog]', themes: 'both' });

    // A user-defined exam for another specialty, then archived.
    await rules.getByRole('button', { name: 'Add an exam' }).click();
    const exam = rules.getByRole('form', { name: 'New exam' });
    await exam.getByLabel('Code (required)').fill('mrcp1');
    await expectNoAxeViolations(page, 'the new exam form', { scope: '[role=dialog]' });
    await exam.getByLabel('Name (required)').fill('MRCP Part 1');
    await exam.getByLabel('Usually sat from').selectOption('CT1');
    await exam.getByRole('button', { name: 'Save exam' }).click();
    await rules.getByRole('table', { name: 'Exams' }).getByText('MRCP Part 1').waitFor();
    await rules.getByRole('button', { name: 'Archive MRCP1' }).click();
    await rules
      .getByRole('table', { name: 'Exams' })
      .getByRole('row', { name: /MRCP1/ })
      .getByText('Archived')
      .waitFor();
    await rules.getByRole('button', { name: 'Close' }).first().click();

    // A trainee's Exams tab from the monitor, and adding a result with a validation message.
    await monitor.getByRole('link').first().click();
    await page.getByRole('tab', { name: 'Exams', selected: true }).waitFor();
    await page.getByRole('table', { name: 'Attempts' }).waitFor();
    await app.screenshot('exams-11-demo-trainee-exams');
    await expectNoAxeViolations(page, 'a demo trainee’s Exams tab');
    await page.getByRole('button', { name: 'Add exam result' }).click();
    const add = page.getByRole('dialog', { name: 'Add exam result' });
    await add.getByRole('combobox', { name: /^Exam/ }).selectOption({ label: 'AKT – Applied Knowledge Test' });
    await add.getByLabel('Sitting date').fill('31/02/2026');
    await add.getByRole('combobox', { name: /^Result/ }).selectOption('pass');
    await add.getByLabel('Clinical knowledge (%)').fill('130');
    await add.getByRole('button', { name: 'Add result' }).click();
    await add.getByText('The sitting date is not a real date (use dd/mm/yyyy)').waitFor();
    await add.getByLabel('Sitting date').fill('03/02/2026');
    await add.getByRole('button', { name: 'Add result' }).click();
    await add.getByText('Clinical knowledge must be a percentage from 0 to 100').first().waitFor();
    await expect(add.getByLabel('Clinical knowledge (%)').getAttribute('aria-invalid')).resolves.toBe('true');
    await app.screenshot('exams-12-add-result-validation');
    await expectNoAxeViolations(page, 'the exam attempt form with validation messages', {
      scope: '[role=dialog]',
      themes: 'both',
    });
    await add.getByLabel('Clinical knowledge (%)').fill('70');
    await add.getByRole('button', { name: 'Add result' }).click();
    await page.getByRole('button', { name: 'Edit AKT result of 3 Feb 2026' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit exam result' });
    await edit.getByRole('button', { name: 'Delete result' }).click();
    await edit.getByRole('alertdialog', { name: 'Confirm deletion' }).waitFor();
    await expectNoAxeViolations(page, 'the delete exam result confirmation', { scope: '[role=alertdialog]' });
    await edit.getByRole('alertdialog', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByText('AKT result of 03/02/2026 deleted').first().waitFor();
    expect(await page.getByRole('button', { name: 'Edit AKT result of 3 Feb 2026' }).count()).toBe(0);
  });
});
