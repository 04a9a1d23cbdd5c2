import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { manager, signInWithPassword } from './journeys.js';
import { type E2eServer, e2eBotToken, startServer } from './server.js';
import { emulateTelegramClient, miniAppUrl } from './telegram.js';

// axe-core's colour-contrast rule, the one Lighthouse's accessibility score uses, run in the page: text
// below 4.5:1 (3:1 for large text) against what is really behind it, tints and transparency included.
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface ContrastViolation {
  target: string;
  summary: string;
}

async function contrastViolations(page: Page): Promise<ContrastViolation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { runOnly: ['color-contrast'] });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary ?? '' })),
    );
  });
}

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('contrast');

describe('text contrast of at least 4.5:1', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`on the login page, the order board and an order page, ${colorScheme}`, async () => {
      const { page } = browser.current();
      await page.emulateMedia({ colorScheme });
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Password').waitFor();
      expect(await contrastViolations(page)).toEqual([]);

      await signInWithPassword(page, server, manager);
      await page.waitForURL(`${server.url}/orders`);
      await page.locator('.badge').first().waitFor();
      // The board shows orders of several statuses, each with its badge colour.
      expect(new Set(await page.locator('.badge').allTextContents()).size).toBeGreaterThan(1);
      expect(await contrastViolations(page)).toEqual([]);

      await page.locator('.order-card').first().click();
      await page.waitForURL((url) => url.pathname.startsWith('/orders/'));
      await page.locator('.badge').first().waitFor();
      expect(await contrastViolations(page)).toEqual([]);
    });
  }

  it('inside Telegram, in the colours of Telegram’s light theme', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    await page.goto(
      await miniAppUrl(server.url, {
        user: { id: 100000005, first_name: 'Chris', language_code: 'en' },
        botToken: e2eBotToken,
        startParam: 'shop-demo',
      }),
    );
    // The customer's catalog, then their orders with their status badges.
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().waitFor();
    expect(await contrastViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.locator('.badge').first().waitFor();
    expect(await contrastViolations(page)).toEqual([]);
  });
});
