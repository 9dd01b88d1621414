import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pdfText } from '../support/read-exports';
import type { InsightsFigures, ProportionFigure } from '../../src/shared/insights';
import type { Trainee } from '../../src/shared/trainees/trainee-schema';
import { expectNoAxeViolations, SCREENSHOT_DIR, startApp, type AppUnderTest } from './support';

const EARLY = { from: '2024-Q1', to: '2025-Q4' };
const LATE = { from: '2026-Q1', to: '2026-Q4' };

describe('What works in Chromium through the browser host', () => {
  let app: AppUnderTest;
  const saved: string[] = [];
  beforeEach(async () => {
    app = await startApp({ demo: true });
  });
  afterEach(async () => {
    await app?.close();
    for (const file of saved.splice(0)) fs.rmSync(file, { force: true });
  });

  it('shows suppressed figures with intervals, exports returns without identities and combines two', async () => {
    const { page, backend } = app;
    const consoleErrors: string[] = [];
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    await page.getByRole('heading', { name: 'Today' }).first().waitFor();
    await page.keyboard.press('Control+5');
    await page.getByRole('heading', { name: 'What works', level: 1 }).waitFor();
    await expect
      .poll(() =>
        page
          .getByRole('navigation', { name: 'Main' })
          .getByRole('link', { name: 'What works' })
          .getAttribute('aria-current'),
      )
      .toBe('page');
    await page
      .getByRole('note', { name: 'About these figures' })
      .getByText(/These figures are observational/)
      .waitFor();
    await page
      .getByRole('table', { name: /^Counts: / })
      .first()
      .waitFor();

    // Every count in every table: "<3" where small, never a bare 1 or 2.
    const counts = await page.locator('table[aria-label^="Counts: "] td.num').allTextContents();
    expect(counts.length).toBeGreaterThan(20);
    expect(counts).toContain('<3');
    expect(counts.filter((c) => c === '1' || c === '2')).toEqual([]);
    const rates = await page.locator('table[aria-label^="Counts: "] td:last-child').allTextContents();
    expect(rates.some((r) => /^\d+% \(95% CI \d+% to \d+%\)$/.test(r))).toBe(true);
    // A chart per comparison with a rate, described in words.
    const chart = page.getByRole('img', {
      name: /Readiness-to-sit discussion.*No readiness discussion: \d+% \(95% CI/,
    });
    await chart.waitFor();
    expect(await chart.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Indicators by programme' }).waitFor();
    // Attainment by group has its own section, which says what a gap describes.
    await page.getByRole('heading', { name: 'Attainment by group', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'First-attempt pass by primary medical qualification' }).waitFor();
    await page.getByText(/The gap describes the training system/).waitFor();
    // The charts render under the strict Content-Security-Policy without a violation.
    expect(consoleErrors).toEqual([]);
    await app.screenshot('insights-00-page-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await app.screenshot('insights-01-page-dark');
    await chart.scrollIntoViewIfNeeded();
    await app.screenshot('insights-01b-chart-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await app.screenshot('insights-01c-chart-light');
    await page.getByRole('heading', { name: 'Indicators by programme' }).scrollIntoViewIfNeeded();
    await app.screenshot('insights-01d-heatmap');
    await expectNoAxeViolations(page, 'the What works page', { themes: 'both' });

    // The page prints with its charts and without the navigation.
    const printed = (await pdfText(await page.pdf({ format: 'A4' }))).replace(/\s+/g, ' ');
    expect(printed).toMatch(/No readiness discussion: \d+%/);
    expect(printed).toContain('Indicators by programme');
    expect(printed).not.toContain('Export a return');

    // A period that ends before it starts is refused in words.
    const filters = page.getByRole('group', { name: 'Filter the figures' });
    await filters.getByLabel('From quarter').selectOption('2026-Q1');
    await filters.getByLabel('To quarter').selectOption('2025-Q1');
    await filters.getByText('The period must start before it ends').waitFor();
    await filters.getByLabel('From quarter').selectOption('');
    await filters.getByLabel('To quarter').selectOption('');

    // Two DA-lead returns over different periods: the same data twice would be refused.
    const listed = await backend.dispatch('trainees:list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const trainees = listed.data as Trainee[];
    let fingerprint = '';
    const exportReturn = async (period: { from: string; to: string }, name: string) => {
      await page.getByRole('button', { name: 'Export a return…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export a return' });
      await dialog.getByLabel(/For your DA lead/).check();
      await dialog.getByText('OFFICIAL-SENSITIVE: store and send this return securely.').waitFor();
      await dialog.getByLabel('From quarter').selectOption(period.from);
      await dialog.getByLabel('To quarter').selectOption(period.to);
      if (name === 'early') {
        await app.screenshot('insights-02-export-dialog');
        await expectNoAxeViolations(page, 'the Export a return dialog', { scope: '[role=dialog]', themes: 'both' });
      }
      const downloads: Array<import('playwright-core').Download> = [];
      const both = new Promise<void>((resolve) => page.on('download', (d) => downloads.push(d) === 2 && resolve()));
      await dialog.getByRole('button', { name: 'Export return' }).click();
      await both;
      page.removeAllListeners('download');
      // The return is signed: the fingerprint to read out to the DA lead is shown, as Settings has it.
      const signed = page.getByRole('dialog', { name: 'Return saved' });
      const identity = await backend.dispatch('insights:signingIdentity', {});
      if (!identity.ok || !identity.data) throw new Error('No signing key after an export');
      fingerprint = (identity.data as { fingerprint: string }).fingerprint;
      await signed.getByLabel('Signing key fingerprint').getByText(fingerprint).waitFor();
      if (name === 'early') {
        await app.screenshot('insights-02b-return-signed');
        await expectNoAxeViolations(page, 'the Return saved dialog', { scope: '[role=dialog]', themes: 'both' });
      }
      await signed.getByRole('button', { name: 'Done' }).click();
      await signed.waitFor({ state: 'detached' });
      const files: Record<string, string> = {};
      for (const download of downloads) {
        const file = path.join(SCREENSHOT_DIR, '..', `insights-${name}-${download.suggestedFilename()}`);
        await download.saveAs(file);
        saved.push(file);
        files[path.extname(file)] = file;
      }
      expect(Object.keys(files).sort()).toEqual(['.csv', '.json']);
      for (const file of Object.values(files)) {
        const text = fs.readFileSync(file, 'utf8');
        expect(text).toContain('OFFICIAL-SENSITIVE');
        for (const t of trainees) {
          expect(text).not.toContain(t.gmcNumber);
          expect(text).not.toContain(`${t.givenName} ${t.familyName}`);
          expect(text).not.toContain(t.id);
        }
        // No date finer than a quarter, in either form.
        expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        expect(text).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
      }
      return files;
    };
    const early = await exportReturn(EARLY, 'early');
    const late = await exportReturn(LATE, 'late');

    await page.getByRole('button', { name: 'Combine returns…' }).click();
    const combine = page.getByRole('dialog', { name: 'Combine returns' });
    const files = combine.getByLabel('Return files (.json)');
    // Each refusal has its own message and combines nothing.
    await files.setInputFiles([early['.json']!, early['.json']!]);
    await combine.getByRole('button', { name: 'Combine' }).click();
    await combine
      .getByRole('alert')
      .getByText(/is the same return as/)
      .waitFor();
    await app.screenshot('insights-03-combine-refused');
    await expectNoAxeViolations(page, 'the Combine returns dialog with a refusal', {
      scope: '[role=dialog]',
      themes: 'both',
    });
    await files.setInputFiles([early['.csv']!]);
    await combine.getByRole('button', { name: 'Combine' }).click();
    await combine
      .getByRole('alert')
      .getByText(/is not a JSON file/)
      .waitFor();
    await files.setInputFiles([early['.json']!, late['.json']!]);
    await combine.getByRole('button', { name: 'Combine' }).click();
    await combine.waitFor({ state: 'detached' });
    // Radix's scroll lock adds a <style> tag while a dialog is open, which the CSP refuses (harmlessly); the
    // region's page and charts must add no error of their own.
    const errorsBeforeRegion = consoleErrors.length;
    await page.getByText(/The region: 2 returns combined/).waitFor();
    // Each return is shown with the fingerprint of the key that signed it, to check with its sender.
    const sources = page.getByRole('region', { name: 'Returns combined' });
    expect(await sources.getByText(fingerprint).count()).toBe(2);
    await page.getByRole('heading', { name: 'Indicators by scheme' }).waitFor();

    // The region's counts are the two returns' counts added up (the 1:1 cadence figure is counted in each period).
    const totalFor = async (period: { from: string; to: string }) => {
      const result = await backend.dispatch('insights:figures', { period });
      if (!result.ok) throw new Error(result.error.message);
      const figure = (result.data as InsightsFigures).figures.find((f) => f.meta.key === 'seen-within-cadence');
      return (figure as ProportionFigure).total.value!;
    };
    const [earlyTotal, lateTotal] = [await totalFor(EARLY), await totalFor(LATE)];
    expect(earlyTotal).toBeGreaterThan(0);
    expect(lateTotal).toBeGreaterThan(0);
    const cadence = page.getByRole('table', { name: 'Counts: Trainees seen within their 1:1 cadence' });
    await expect
      .poll(() =>
        cadence
          .getByRole('row', { name: /^Total/ })
          .locator('td')
          .textContent(),
      )
      .toBe(String(earlyTotal + lateTotal));
    const regionCounts = await page.locator('table[aria-label^="Counts: "] td.num').allTextContents();
    expect(regionCounts.filter((c) => c === '1' || c === '2')).toEqual([]);
    await app.screenshot('insights-04-region');
    await expectNoAxeViolations(page, 'the What works page for the region', { themes: 'both' });

    await page.getByRole('button', { name: 'Back to your programmes' }).click();
    await page.getByText(/Figures from your own register/).waitFor();
    expect(consoleErrors.slice(errorsBeforeRegion)).toEqual([]);

    // Settings shows the same fingerprint, for the sender to read out.
    await page.getByRole('link', { name: 'Settings' }).click();
    const signing = page.getByLabel('Signing key fingerprint');
    await signing.getByText(fingerprint).waitFor();
    await signing.scrollIntoViewIfNeeded();
    await app.screenshot('insights-06-settings-signing-key');

    // A trainee's Evaluation tab: optional, with agreement and its date, and accessible.
    await page.goto(`${app.host.url.split('#')[0]}#/trainees/${trainees[0]!.id}`);
    await page.getByRole('tab', { name: 'Evaluation' }).click();
    const about = page.getByRole('note', { name: 'About the evaluation section' });
    await about.getByText(/never shown anywhere else about this trainee/).waitFor();
    const entry = page.getByRole('form', { name: 'Entry route' });
    await entry.getByLabel('Entry route').selectOption({ label: 'Transfer from another region' });
    await entry.getByLabel('Date the trainee agreed').fill('01/09/2025');
    await entry.getByRole('button', { name: 'Save entry route' }).click();
    await entry.getByText(/kept only with the trainee’s agreement/).waitFor();
    await entry.getByLabel(/The trainee agreed that this may be recorded/).check();
    await entry.getByRole('button', { name: 'Save entry route' }).click();
    await page
      .getByText('Recorded: Transfer from another region, with the trainee’s agreement given on 1 Sep 2025.')
      .waitFor();
    await app.screenshot('insights-05-evaluation-tab');
    await expectNoAxeViolations(page, 'the trainee’s Evaluation tab', { themes: 'both' });
  }, 180_000);
});
