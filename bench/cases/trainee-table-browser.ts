import { forgetTodayState } from '../../src/main/services/today/today-rows';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/browser-host';
import { defineCase, median } from '../types';
import { call, disposeBackend, freshBackend, type BenchBackend } from '../support';

const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface BrowserState {
  backend: BenchBackend;
  host: BrowserHost;
  browser: Browser;
  page: Page;
}

interface ColdStartState {
  backend: BenchBackend;
  host: BrowserHost;
  browser: Browser;
  /** The register's first render as the page itself timed it, per run. */
  inPageMs?: number[];
  /** A fresh browser context per run: no cached chunks, no query cache. */
  context?: BrowserContext;
  page?: Page;
}

/** The browser host over the 10,000-trainee demo register, and Chromium, with no page open yet. */
async function startLargeHost(): Promise<ColdStartState> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html')))
    throw new Error('The browser cases need a built renderer: run `npm run build` first.');
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`The browser cases need Chromium at ${CHROMIUM} (apt-get install chromium).`);
  const backend = await freshBackend();
  await call(backend, 'demo:load', { size: 'large' });
  // Past the first-start recovery-key step, as a returning user is: a key made and its words typed back.
  const { words } = await call<{ words: string[] }>(backend, 'recovery:create-key', {});
  await call(backend, 'recovery:confirm-key', { words: words.join(' ') });
  const host = await startBrowserHost({ backend, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  return { backend, host, browser };
}

/** The real app in Debian's Chromium, over the 10,000-trainee demo register, as a user would see it. */
async function openLargeRegister(): Promise<BrowserState> {
  const { backend, host, browser } = await startLargeHost();
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  await page.goto(host.url);
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  return { backend, host, browser, page };
}

async function openColdPage(state: ColdStartState): Promise<void> {
  state.context = await state.browser.newContext({ viewport: { width: 1366, height: 860 } });
  state.page = await state.context.newPage();
}

async function closeColdPage(state: ColdStartState): Promise<void> {
  await state.context?.close();
  state.context = undefined;
  state.page = undefined;
}

async function closeAll(state: Pick<BrowserState, 'backend' | 'host' | 'browser'>): Promise<void> {
  await state.browser.close();
  await state.host.close();
  await disposeBackend(state.backend);
}

// A string, because this file is type-checked without the DOM library. Resolves at the first
// animation frame after the first table row is in the document, i.e. when it is painted.
const CLICK_TRAINEES_UNTIL_FIRST_ROW = `new Promise((resolve) => {
  const started = performance.now();
  const firstRow = () => document.querySelector('tbody tr[data-index="0"]');
  const done = () => requestAnimationFrame(() => resolve(performance.now() - started));
  const observer = new MutationObserver(() => {
    if (firstRow()) { observer.disconnect(); done(); }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  const link = [...document.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent === 'Trainees');
  link.click();
  if (firstRow()) { observer.disconnect(); done(); }
})`;

const goToTrainees = async ({ page }: BrowserState) => {
  // A string, because this file is type-checked without the DOM library.
  await page.evaluate("window.location.hash = '#/'");
  await page.getByRole('heading', { name: 'Today' }).waitFor();
  await page.evaluate("window.location.hash = '#/trainees'");
  await page.getByText('10,000 of 10,000 trainees').waitFor();
};

export const traineeTableBrowserCases = [
  defineCase<ColdStartState>({
    name: 'browser: URL to Today’s first rows (10,000)',
    notes:
      'a fresh browser context opens the host’s URL until the first Today row shows (HTML, chunks, today:view after the cache has read everything once)',
    runs: 5,
    setup: startLargeHost,
    beforeEach: openColdPage,
    run: async ({ page, host }) => {
      await page!.goto(host.url);
      await page!.locator('li.today-row').first().waitFor();
    },
    afterEach: closeColdPage,
    teardown: closeAll,
  }),
  defineCase<ColdStartState>({
    name: 'browser: URL to Today’s first rows, reading everything (10,000)',
    notes: 'as above, but Today reads every provider whole first, as on the first look after an upgrade or a week away',
    runs: 5,
    setup: startLargeHost,
    beforeEach: async (state) => {
      await openColdPage(state);
      await forgetTodayState(state.backend.store.db);
    },
    run: async ({ page, host }) => {
      await page!.goto(host.url);
      await page!.locator('li.today-row').first().waitFor();
    },
    afterEach: closeColdPage,
    teardown: closeAll,
  }),
  defineCase<ColdStartState>({
    name: 'browser: the register’s first render (10,000)',
    notes:
      'from a freshly opened Today, click Trainees until the first table row shows (chunk, list call, first paint)',
    runs: 5,
    setup: startLargeHost,
    beforeEach: async (state) => {
      await openColdPage(state);
      await state.page!.goto(state.host.url);
      // Today's own query first, so the list call does not wait behind it in the backend.
      await state.page!.locator('li.today-row').first().waitFor();
    },
    run: async (state) => {
      // Timed inside the page too: Playwright shares this Node process with the browser host, so
      // its own wait ends only when the host is free, later than the row is painted.
      const inPage = (await state.page!.evaluate(CLICK_TRAINEES_UNTIL_FIRST_ROW)) as number;
      (state.inPageMs ??= []).push(inPage);
      await state.page!.locator('tbody tr[data-index="0"]').waitFor();
      return `in the page, click to first row painted: median ${median(state.inPageMs).toFixed(0)} ms of ${state.inPageMs.length} runs with the warm-up`;
    },
    afterEach: closeColdPage,
    teardown: closeAll,
  }),
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
