import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../src/main/browser-host/browser-host';
import { createTempBackend, type TempBackend } from '../support/temp-backend';
import { closeBeforeRemoval, tempDir } from '../support/temp-dirs';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/screenshots');
// TPD_OUT_DIR lets parallel work build into its own folder (electron-vite build --outDir DIR).
export const RENDERER_DIR = path.resolve(process.env.TPD_OUT_DIR ?? path.resolve(__dirname, '../../out'), 'renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium as the e2e tests run it: headless, UK locale, nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Date inputs follow the browser's UI language, which on Linux comes from LANG.
    env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=en-GB',
    ],
  });
}

export interface AppUnderTest {
  backend: TempBackend;
  host: BrowserHost;
  browser: Browser;
  page: Page;
  /** Saves a full-window screenshot for a person to look at. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real app: built renderer, browser host, encrypted temp database (backups in a temp folder), Debian's Chromium.
 * The first-start recovery-key step is done through the API unless `firstStart` asks to meet it in the page.
 */
export async function startApp(
  options: {
    demo?: boolean;
    firstStart?: boolean;
    /** How long a minute of the lock's idle period lasts: a test that waits for the lock shortens it. */
    lockMinuteMs?: number;
  } = {},
): Promise<AppUnderTest> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('Build the renderer first: npm run build');
  const backend = await createTempBackend({
    backupFolder: tempDir('tpd-e2e-backups-'),
    ...(options.lockMinuteMs ? { lockMinuteMs: options.lockMinuteMs } : {}),
  });
  const started: { host?: BrowserHost; browser?: Browser } = {};
  // Stops Chromium (which removes its temp profile), the host and the database, in that order, once. Registered
  // before they start, so that a test that fails, or a start that fails half way, leaves nothing running.
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await started.browser?.close();
      await started.host?.close();
      await backend.close();
    })());
  closeBeforeRemoval(close);
  if (options.demo) await backend.dispatch('demo:load', { size: 'standard' });
  if (!options.firstStart) {
    // Past first start, as a returning user is: a key made and its words typed back.
    const made = await backend.dispatch('recovery:create-key', {});
    if (!made.ok) throw new Error(made.error.message);
    await backend.dispatch('recovery:confirm-key', { words: (made.data as { words: string[] }).words.join(' ') });
  }
  const host = (started.host = await startBrowserHost({ backend, rendererDir: RENDERER_DIR }));
  const browser = (started.browser = await launchChromium());
  const context = await browser.newContext({
    viewport: { width: 1366, height: 860 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  // The app must never reach beyond its own host.
  await context.route(/^(?!http:\/\/127\.0\.0\.1:\d+\/).*/, (route) => route.abort());
  await page.goto(host.url);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    backend,
    host,
    browser,
    page,
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
    },
    close,
  };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);

/**
 * Runs axe-core (WCAG 2.2 A and AA) on what is on screen, or on `scope` only, and fails the test on any serious or
 * critical violation, naming each rule, its help text and the elements to fix. The failure is soft so that one run
 * lists every screen's violations; the test still fails at its end. `themes: 'both'` checks light and dark colours.
 */
export async function expectNoAxeViolations(
  page: Page,
  onScreen: string,
  options: { scope?: string; themes?: 'current' | 'both' } = {},
): Promise<void> {
  const schemes: Array<'light' | 'dark' | null> = options.themes === 'both' ? ['light', 'dark'] : [null];
  for (const scheme of schemes) {
    if (scheme) await page.emulateMedia({ colorScheme: scheme });
    // The app has no frames, so axe can run inside the page: the default opens a blank page per check, twice as slow.
    let builder = new AxeBuilder({ page }).setLegacyMode(true).withTags(WCAG_TAGS);
    if (options.scope) builder = builder.include(options.scope);
    const { violations } = await builder.analyze();
    const blocking = violations
      .filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''))
      .map((v) => [`${v.id} (${v.impact}): ${v.help}`, ...v.nodes.map(describeNode)].join('\n'));
    expect.soft(blocking, `axe on ${onScreen}${scheme ? ` (${scheme} theme)` : ''}`).toEqual([]);
  }
  if (options.themes === 'both') await page.emulateMedia({ colorScheme: 'light' });
}

/** The element's selector and, in one line, what axe says is wrong with it (e.g. the contrast ratio found). */
function describeNode(node: { target: unknown[]; failureSummary?: string }): string {
  const why = (node.failureSummary ?? '').replace(/^Fix (any|all) of the following:\s*/, '').replace(/\s+/g, ' ');
  return `    at ${node.target.join(' >> ')}: ${why}`;
}
