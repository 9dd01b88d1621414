import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayName, type Trainee } from '../../src/shared/trainees/trainee-schema';
import { pdfPages, pdfText } from '../support/read-exports';
import { tempDir } from '../support/temp-backend';
import { expectNoAxeViolations, SCREENSHOT_DIR, startApp, type AppUnderTest } from './support';

const PRIVATE_NOTE = 'Private: discussed a family health worry in confidence';
const SHARED_SUMMARY = 'Reviewed progress towards ARCP; learning logs on track, leadership MSF still to book.';

describe('ARCP panel in Chromium through the browser host', () => {
  let app: AppUnderTest;
  beforeEach(async () => {
    app = await startApp({ demo: true });
  });
  afterEach(async () => {
    await app?.close();
  });

  it('creates a panel for a demo cohort, shows gaps, downloads one pack and generates a batch without private notes', async () => {
    const { page, backend } = app;
    const listed = await backend.dispatch('trainees:list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const cohort = (listed.data as Trainee[]).filter(
      (t) => t.programme === 'GP - Riverside VTS' && ['in_programme', 'extension'].includes(t.status),
    );
    const names = cohort.map(displayName);
    const subject = cohort.find((t) => names.filter((n) => n === displayName(t)).length === 1)!;
    // A 1:1 in the review period with a private note, through the API.
    const meeting = await backend.dispatch('meetings:create', {
      traineeId: subject.id,
      heldOn: '02/10/2026',
      mode: 'in_person',
      meetingType: 'arcp_prep',
      sharedSummary: SHARED_SUMMARY,
      privateNotes: PRIVATE_NOTE,
    });
    expect(meeting.ok).toBe(true);

    // Today lists ARCP deadlines: the demo's outcome 5 is inside its two-week window.
    await page
      .getByText(/Outcome 5: missing evidence due by/)
      .first()
      .waitFor();
    await app.screenshot('arcp-00-today');
    await expectNoAxeViolations(page, 'Today with ARCP deadlines');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'ARCP' }).click();
    await page.getByRole('heading', { name: 'ARCP panels' }).waitFor();
    // The demo data has started preparing one panel already.
    await page.getByRole('heading', { name: /Northtown VTS ARCP panel/ }).waitFor();
    await page.getByRole('heading', { name: /No ARCP in the last 12 months/ }).waitFor();
    await app.screenshot('arcp-00b-demo-panel');
    await expectNoAxeViolations(page, 'the ARCP page', { themes: 'both' });

    await page.getByRole('button', { name: 'New panel' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ARCP panel' });
    await dialog.getByLabel('Panel name').fill('Riverside spring panel');
    await dialog.getByLabel('Panel date').fill('31/02/2027');
    await dialog.getByLabel('Programme', { exact: true }).selectOption('GP - Riverside VTS');
    await dialog.getByText(`${cohort.length} trainees will be on this panel.`).waitFor();
    // A set of trainees: untick one, and tick them back.
    await dialog.getByText(/Choose individual trainees/).click();
    const first = dialog.locator('.trainee-pick-list input[type="checkbox"]').first();
    await first.uncheck();
    await dialog.getByText(`${cohort.length - 1} trainees will be on this panel.`).waitFor();
    await first.check();
    await app.screenshot('arcp-00c-new-panel');
    await expectNoAxeViolations(page, 'the New ARCP panel dialog', { scope: '[role=dialog]', themes: 'both' });
    await dialog.getByText(`${cohort.length} trainees will be on this panel.`).waitFor();
    await dialog.getByRole('button', { name: 'Create panel' }).click();
    await dialog.getByText('The panel date is not a real date (use dd/mm/yyyy)').waitFor();
    await expectNoAxeViolations(page, 'the New ARCP panel dialog with a validation message', {
      scope: '[role=dialog]',
    });
    await dialog.getByLabel('Panel date').fill('10/02/2027');
    await dialog.getByRole('button', { name: 'Create panel' }).click();
    await page.getByRole('heading', { name: 'Riverside spring panel, 10 Feb 2027' }).waitFor();

    const table = page.getByRole('table', { name: 'Panel readiness' });
    await expect(table.locator('tbody tr').count()).resolves.toBe(cohort.length);
    await page.getByText(`${cohort.length} of ${cohort.length} trainees`).waitFor();
    // A new panel has no evidence counted yet: every trainee shows gaps and no full ESR.
    await expect(page.locator('.summary-card', { hasText: 'with evidence gaps' }).textContent()).resolves.toContain(
      String(cohort.length),
    );
    await expect(table.locator('tbody tr').first().textContent()).resolves.toMatch(/▲ \d+ gaps/);
    await table.getByRole('button', { name: /^Trainee/ }).click();
    await expect(table.getByRole('columnheader', { name: /^Trainee/ }).getAttribute('aria-sort')).resolves.toBe(
      'ascending',
    );
    await page.getByLabel('Filter by ESR').selectOption('full');
    await page.getByText(`0 of ${cohort.length} trainees`).waitFor();
    await page.getByLabel('Filter by ESR').selectOption('');
    await app.screenshot('arcp-01-panel-readiness');
    await expectNoAxeViolations(page, 'an ARCP panel’s readiness table', { themes: 'both' });

    // CSV export of the readiness view.
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = Papa.parse<Record<string, string>>(
      fs.readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(csv).toHaveLength(cohort.length);
    expect(csv.find((r) => r['GMC number'] === subject.gmcNumber)!.Gaps).toMatch(/COT|CbD|not recorded/);

    // One pack, downloaded from the panel page.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: `ARCP pack for ${displayName(subject)}` }).click(),
    ]);
    const packFile = path.join(SCREENSHOT_DIR, '..', 'arcp-pack.pdf');
    await download.saveAs(packFile);
    const bytes = fs.readFileSync(packFile);
    const pages = await pdfPages(bytes);
    const text = await pdfText(bytes);
    expect(pages[0]).toContain(subject.gmcNumber);
    expect(pages[0]).toContain('10 Feb 2027');
    for (const heading of [
      'Evidence checklist',
      'Exam history',
      'Personalised learning plan goals',
      'Support offered and taken up',
      '1:1 meetings in the review period',
      'Post-fail conversations',
      'Readiness-to-sit discussions',
      'Educator’s summary',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/GAP:\s+not\s+recorded/);
    expect(text).toContain(SHARED_SUMMARY.slice(0, 40));
    expect(text).not.toContain('family health');

    // The whole panel into a folder: progress, then a summary; PDFs and an index on disk.
    const folder = tempDir('tpd-e2e-arcp-');
    await page.getByRole('button', { name: 'Generate all packs…' }).click();
    const batch = page.getByRole('dialog', { name: 'Generate ARCP packs: Riverside spring panel' });
    await batch.getByLabel('Folder for the packs').fill(path.join(folder, 'missing'));
    await batch.getByRole('button', { name: `Generate ${cohort.length} packs` }).click();
    await batch.getByText('That folder does not exist', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the batch packs dialog with a validation message', { scope: '[role=dialog]' });
    await batch.getByLabel('Folder for the packs').fill(folder);
    await batch.getByRole('button', { name: `Generate ${cohort.length} packs` }).click();
    await batch.getByText(`${cohort.length} packs written.`).waitFor({ timeout: 60_000 });
    await app.screenshot('arcp-02-batch-done');
    await expectNoAxeViolations(page, 'the batch packs dialog when done', { scope: '[role=dialog]' });
    const [sub] = fs.readdirSync(folder);
    const files = fs.readdirSync(path.join(folder, sub!));
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(cohort.length);
    const indexName = files.find((f) => f.endsWith('.csv'))!;
    const index = Papa.parse<Record<string, string>>(
      fs.readFileSync(path.join(folder, sub!, indexName), 'utf8').replace(/^\uFEFF/, ''),
      { header: true, skipEmptyLines: true },
    ).data;
    expect(index.map((r) => r['GMC number']).sort()).toEqual(cohort.map((t) => t.gmcNumber).sort());
    const subjectRow = index.find((r) => r['GMC number'] === subject.gmcNumber)!;
    expect(Number(subjectRow['Evidence gaps'])).toBeGreaterThan(0);
    const batchPack = await pdfText(fs.readFileSync(path.join(folder, sub!, subjectRow['Pack file']!)));
    expect(batchPack).toContain(SHARED_SUMMARY.slice(0, 40));
    expect(batchPack).not.toContain('family health');
    await batch.getByRole('button', { name: 'Close' }).first().click();

    // The trainee's ARCP tab: counts entered close gaps; the pack button is there.
    await table
      .getByRole('link', { name: `${subject.familyName}, ${subject.preferredName || subject.givenName}` })
      .click();
    await page.getByRole('heading', { name: 'Next ARCP' }).waitFor();
    const checklist = page.getByRole('table', { name: 'Evidence checklist' });
    const cotLabel = subject.grade === 'ST3' ? 'COT seen' : 'Mini-CEX (hospital) / COT (GP) seen';
    await checklist.getByLabel(cotLabel).fill('9');
    await page.getByRole('button', { name: 'Save counts' }).click();
    await page.getByText('Evidence counts saved', { exact: true }).waitFor();
    await expect(checklist.getByRole('row', { name: /COT/ }).textContent()).resolves.toContain('Met');
    await page.getByRole('button', { name: 'Generate ARCP pack' }).waitFor();
    await page.getByRole('table', { name: 'ARCP history' }).waitFor();
    await app.screenshot('arcp-03-trainee-tab');
    await expectNoAxeViolations(page, 'the trainee’s ARCP tab', { themes: 'both' });

    // Recording an outcome 3 asks for its reason code.
    await page.getByRole('button', { name: 'Edit record' }).click();
    const form = page.getByRole('dialog', { name: 'Edit ARCP record' });
    await form.getByLabel('Outcome').selectOption('3');
    await form.getByRole('button', { name: 'Save ARCP record' }).click();
    await form.getByText('Outcome 3 needs at least one reason code (U1–U10)').first().waitFor();
    await form.getByLabel('U5: Single exam failure').check();
    await app.screenshot('arcp-04-outcome-form');
    await expectNoAxeViolations(page, 'the ARCP record form for an outcome 3', {
      scope: '[role=dialog]',
      themes: 'both',
    });
    await form.getByRole('button', { name: 'Save ARCP record' }).click();
    await page.getByText('ARCP record saved', { exact: true }).waitFor();
    await page
      .getByText(/Outcome 3: Inadequate progress/)
      .first()
      .waitFor();

    // Evidence templates are editable reference data.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'ARCP' }).click();
    await page.getByRole('button', { name: /^Edit GP ST3/ }).click();
    const editor = page.getByRole('dialog', { name: /^Edit GP ST3/ });
    await editor.getByLabel('Item 1 minimum').fill('-2');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await editor.getByText('The minimum cannot be negative').waitFor();
    await app.screenshot('arcp-05-template-editor');
    await expectNoAxeViolations(page, 'the evidence template editor with a validation message', {
      scope: '[role=dialog]',
    });
    await editor.getByRole('button', { name: 'Cancel' }).click();
  });
});
