import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

/** Debian's Chromium (apt-get install chromium): playwright-core drives it, nothing is downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots of the last run, one per journey, whether it passed or not (git-ignored). */
export const artifactsDir = fileURLToPath(new URL('../.artifacts/', import.meta.url));

/** A phone, as most of Posy's users hold it. */
const viewport = { width: 390, height: 844 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking'],
  });
}

export interface Journey {
  context: BrowserContext;
  page: Page;
}

/**
 * One Chromium for the test file and a fresh profile (storage, service workers) for each test. After
 * each test the page is saved to `.artifacts/<suite>--<test>.png`, and the test fails if the page threw
 * an uncaught error along the way. `another()` opens a second profile in the same test (someone else's
 * phone: an invitee opening a link), kept, screenshotted (`…--2.png`) and checked the same way.
 */
export function useBrowser(
  suite: string,
  options: { locale?: string } = {},
): { current(): Journey; another(): Promise<Journey> } {
  let browser: Browser | undefined;
  let journeys: (Journey & { pageErrors: string[] })[] = [];

  async function open(): Promise<Journey> {
    if (!browser) throw new Error('Chromium did not start');
    const context = await browser.newContext({ viewport, locale: options.locale ?? 'en-US' });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    const journey = { context, page, pageErrors };
    journeys.push(journey);
    return journey;
  }

  beforeAll(async () => {
    await mkdir(artifactsDir, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await open();
  });
  afterEach(async ({ task }) => {
    const finished = journeys;
    journeys = [];
    const name = `${suite}--${task.name.replace(/[^\w-]+/g, '-').replace(/^-|-$/g, '')}`;
    const pageErrors: string[] = [];
    for (const [index, { context, page, pageErrors: errors }] of finished.entries()) {
      const file = `${name}${index === 0 ? '' : `--${index + 1}`}.png`;
      await page.screenshot({ path: path.join(artifactsDir, file), fullPage: true }).catch(() => {});
      await context.close();
      pageErrors.push(...errors);
    }
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  });

  return {
    current() {
      const journey = journeys[0];
      if (!journey) throw new Error('No page: current() works inside a test');
      return journey;
    },
    another: () => {
      if (journeys.length === 0) throw new Error('No test: another() works inside a test');
      return open();
    },
  };
}
