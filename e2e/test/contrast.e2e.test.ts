import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { contrastViolations } from './contrast.js';
import { manager, signInWithPassword } from './journeys.js';
import { type E2eServer, e2eBotToken, startServer } from './server.js';
import { emulateTelegramClient, miniAppUrl } from './telegram.js';

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
