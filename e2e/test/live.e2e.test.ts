import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import {
  confirmOrderElsewhere,
  manager,
  orderCard,
  signInWithPassword,
  watchSubscriptions,
} from './journeys.js';
import { type E2eServer, startServer } from './server.js';

/** Short enough that the server closes the socket (4401) while the test watches; see the second test. */
const shortAccessTokenSeconds = 4;

let server: E2eServer;
let shortTokenServer: E2eServer;
beforeAll(async () => {
  [server, shortTokenServer] = await Promise.all([
    startServer(),
    startServer({ ACCESS_TOKEN_TTL_SECONDS: String(shortAccessTokenSeconds) }),
  ]);
});
afterAll(async () => {
  await Promise.all([server?.stop(), shortTokenServer?.stop()]);
});

const browser = useBrowser('live');

/** Waits until the open order page shows the confirmation, without a reload. */
async function expectConfirmationShown(page: import('playwright-core').Page) {
  await expect
    .poll(() => page.locator('.timeline__what').last().textContent(), { timeout: 15_000, interval: 200 })
    .toBe('“New” → “Confirmed”');
  expect(await page.locator('.order-status-row .badge').textContent()).toBe('Confirmed');
}

// The change comes from a real mutation only: a manager on another phone (a second browser profile) moves
// the order through its page. The watching page learns it over its subscription (orderUpdated), nothing
// else: it neither reloads nor polls.
describe('an open order page follows the order live', () => {
  it('shows a status change made elsewhere without a reload', async () => {
    const { page } = browser.current();
    const subscriptions = watchSubscriptions(page);
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);

    const subscribed = subscriptions.next('orderUpdated');
    await orderCard(page, 1).click();
    await expect.poll(() => page.locator('.order-status-row .badge').textContent()).toBe('New');
    await subscribed;
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    const colleague = await browser.another();
    await confirmOrderElsewhere(colleague.page, server, 1);
    await expectConfirmationShown(page);
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
  });

  it('keeps the order board live: a card shows a status change made elsewhere', async () => {
    const { page } = browser.current();
    const subscriptions = watchSubscriptions(page);
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await subscriptions.next('shopOrderChanged');
    const badge = orderCard(page, 2).locator('.badge');
    await expect.poll(() => badge.textContent()).toBe('New');

    const colleague = await browser.another();
    await confirmOrderElsewhere(colleague.page, server, 2);
    await expect.poll(() => badge.textContent(), { timeout: 15_000, interval: 200 }).toBe('Confirmed');
  });

  it('keeps following after the server closes the socket because the access token expired', async () => {
    const { page } = browser.current();
    const subscriptions = watchSubscriptions(page);
    await signInWithPassword(page, shortTokenServer, manager);
    await page.waitForURL(`${shortTokenServer.url}/orders`);

    const subscribed = subscriptions.next('orderUpdated');
    await orderCard(page, 1).click();
    const firstSocket = await subscribed;
    // At the token's expiry the server closes with 4401; the app refreshes and subscribes on a new socket.
    const resubscribed = await subscriptions.next('orderUpdated');
    expect(firstSocket.isClosed()).toBe(true);
    expect(resubscribed).not.toBe(firstSocket);

    const colleague = await browser.another();
    await confirmOrderElsewhere(colleague.page, shortTokenServer, 1);
    await expectConfirmationShown(page);
    expect(new URL(page.url()).pathname).toMatch(/^\/orders\/.+/);
  });
});
