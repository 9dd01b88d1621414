import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/browser-host';
import { defineCase } from '../types';
import { call, disposeBackend, freshBackend, type BenchBackend } from '../support';

const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface BrowserState {
  backend: BenchBackend;
  host: BrowserHost;
  browser: Browser;
  page: Page;
}

/** The real app in Debian's Chromium, over the 10,000-trainee demo register, as a user would see it. */
async function openLargeRegister(): Promise<BrowserState> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('The browser cases need a built renderer: run `npm run build` first.');
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`The browser cases need Chromium at ${CHROMIUM} (apt-get install chromium).`);
  const backend = await freshBackend();
  await call(backend, 'demo:load', { size: 'large' });
  const host = await startBrowserHost({ backend, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  return { backend, host, browser, page };
}

async function closeAll(state: BrowserState): Promise<void> {
  await state.browser.close();
  await state.host.close();
  await disposeBackend(state.backend);
}

const goToTrainees = async ({ page }: BrowserState) => {
  // A string, because this file is type-checked without the DOM library.
  await page.evaluate("window.location.hash = '#/'");
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.evaluate("window.location.hash = '#/trainees'");
  await page.getByText('10,000 of 10,000 trainees').waitFor();
};

export const traineeTableBrowserCases = [
  defineCase<BrowserState>({
    name: 'browser: open the register (10,000)',
    notes: 'navigate to Trainees until the table shows all rows (list call, JSON, sort, first paint)',
    runs: 5,
    setup: openLargeRegister,
    run: goToTrainees,
    teardown: closeAll,
  }),
  defineCase<BrowserState>({
    name: 'browser: filter the register (10,000)',
    notes: 'type a surname fragment into the search box until the count updates',
    runs: 5,
    setup: async () => {
      const state = await openLargeRegister();
      await goToTrainees(state);
      return state;
    },
    beforeEach: async ({ page }) => {
      await page.getByRole('searchbox', { name: 'Search trainees' }).fill('');
      await page.getByText('10,000 of 10,000 trainees').waitFor();
    },
    run: async ({ page }) => {
      await page.getByRole('searchbox', { name: 'Search trainees' }).fill('okafor');
      await page
        .getByText(/^[\d,]+ of 10,000 trainees$/)
        .filter({ hasNotText: '10,000 of' })
        .waitFor();
    },
    teardown: closeAll,
  }),
  defineCase<BrowserState>({
    name: 'browser: keyboard End to the last row (10,000)',
    notes: 'focus the first row, press End, until the last row has focus (virtualised rows)',
    runs: 5,
    setup: async () => {
      const state = await openLargeRegister();
      await goToTrainees(state);
      return state;
    },
    beforeEach: async ({ page }) => {
      await page.locator('tbody tr[data-index]').first().focus();
      await page.keyboard.press('Home');
      await page.locator('tr[data-index="0"]:focus').waitFor();
    },
    run: async ({ page }) => {
      await page.keyboard.press('End');
      await page.locator('tr[data-index="9999"]:focus').waitFor();
    },
    teardown: closeAll,
  }),
];
