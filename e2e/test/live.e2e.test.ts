import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import {
  admin,
  apiSession,
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

/** Signs the manager in, opens a back-office page and waits until it has subscribed to `field`. */
async function watchAsManager(page: Page, path: string, field: string) {
  const subscriptions = watchSubscriptions(page);
  await signInWithPassword(page, server, manager);
  await page.waitForURL(`${server.url}/orders`);
  const subscribed = subscriptions.next(field);
  await page.goto(`${server.url}${path}`);
  await subscribed;
  // Set after the last navigation: still there at the end means the page was never reloaded.
  await page.evaluate(() => Object.assign(window, { notReloaded: true }));
}

const notReloaded = (page: Page) => page.evaluate(() => 'notReloaded' in window);

/** The on-hand figure of a stock item's row on the stock page. */
const onHandShown = (page: Page, name: string) =>
  page.locator(`.stock-item[data-stock-item="${name}"] .stock-item__on-hand`).textContent();

/** The admin, signed in over the API (a colleague's phone or an integration), receives `quantity` of `name`. */
async function receiveSupplyElsewhere(name: string, quantity: number) {
  const gql = await apiSession(server, admin);
  const items = await gql<{ stockItems: { id: string; name: string }[] }>('{ stockItems { id name } }');
  const item = items.data?.stockItems.find((candidate) => candidate.name === name);
  if (!item) throw new Error(`No stock item ${name}: ${JSON.stringify(items.errors)}`);
  const received = await gql<{ receiveSupply: { id: string } }>(
    'mutation ($lines: [SupplyLineInput!]!) { receiveSupply(supplierName: "Live Farm", lines: $lines) { id } }',
    { lines: [{ stockItemId: item.id, quantity, unitCostMinor: 90 }] },
  );
  if (!received.data?.receiveSupply)
    throw new Error(`receiveSupply failed: ${JSON.stringify(received.errors)}`);
}

// The back office's lists follow their rows the same way: a colleague changes one through the API, and the
// open page, told over its subscription, reads its data again; it neither reloads nor polls.
describe('back-office lists follow changes made elsewhere', () => {
  it('the stock page shows a supply another staff member received', async () => {
    const { page } = browser.current();
    await watchAsManager(page, '/stock', 'stockItemChanged');
    await expect.poll(() => onHandShown(page, 'Tulip')).toMatch(/^\d+$/);
    const before = Number(await onHandShown(page, 'Tulip'));

    await receiveSupplyElsewhere('Tulip', 7);
    await expect
      .poll(() => onHandShown(page, 'Tulip'), { timeout: 15_000, interval: 200 })
      .toBe(String(before + 7));
    expect(await notReloaded(page)).toBe(true);
  });

  it('the stock page says it is not live while its socket is lost, and reads again once it is back', async () => {
    const { page } = browser.current();
    const banner = page.locator('.link-status');
    // Every socket of the page goes through here: passed on to the server unless `lost`, then refused with
    // `closeCode`: first 1001 (going away, as a server restarting), which graphql-ws retries itself; then 1011
    // (an internal error of a server or proxy), which it gives up on and the app subscribes again after.
    let lost = false;
    let closeCode = 1001;
    const open: import('playwright-core').WebSocketRoute[] = [];
    await page.routeWebSocket(/\/graphql/, (socket) => {
      if (lost) return void socket.close({ code: closeCode, reason: 'lost in the test' });
      socket.connectToServer();
      open.push(socket);
    });
    await watchAsManager(page, '/stock', 'stockItemChanged');
    await expect.poll(() => onHandShown(page, 'Eucalyptus')).toMatch(/^\d+$/);
    const before = Number(await onHandShown(page, 'Eucalyptus'));
    expect(await banner.count()).toBe(0);

    lost = true;
    for (const socket of open.splice(0)) await socket.close({ code: 1001, reason: 'lost in the test' });
    await expect.poll(() => banner.getAttribute('data-link-problem')).toBe('live-down');
    expect(await banner.textContent()).toBe(
      'Live updates are interrupted, reconnecting… This may be out of date.',
    );

    // Published while the page cannot hear it: only the re-read after reconnecting can show it.
    await receiveSupplyElsewhere('Eucalyptus', 5);
    lost = false;
    await expect.poll(() => banner.count(), { timeout: 20_000, interval: 200 }).toBe(0);
    await expect
      .poll(() => onHandShown(page, 'Eucalyptus'), { timeout: 15_000, interval: 200 })
      .toBe(String(before + 5));

    closeCode = 1011;
    lost = true;
    for (const socket of open.splice(0))
      await socket.close({ code: 1011, reason: 'internal error in the test' });
    await expect.poll(() => banner.getAttribute('data-link-problem')).toBe('live-down');
    await receiveSupplyElsewhere('Eucalyptus', 3);
    lost = false;
    await expect.poll(() => banner.count(), { timeout: 30_000, interval: 200 }).toBe(0);
    await expect
      .poll(() => onHandShown(page, 'Eucalyptus'), { timeout: 15_000, interval: 200 })
      .toBe(String(before + 8));
    expect(await notReloaded(page)).toBe(true);
  });

  it('the subscriptions page shows a subscription another manager paused', async () => {
    const { page } = browser.current();
    await watchAsManager(page, '/subscriptions', 'subscriptionChanged');
    const gql = await apiSession(server, admin);
    const listed = await gql<{
      subscriptions: { edges: { node: { id: string; version: number; status: string } }[] };
    }>('{ subscriptions(first: 50) { edges { node { id version status } } } }');
    const active = listed.data?.subscriptions.edges.find((edge) => edge.node.status === 'ACTIVE')?.node;
    if (!active) throw new Error(`No active subscription: ${JSON.stringify(listed.errors)}`);
    const row = page.locator(`.subscription-row[data-subscription="${active.id}"]`);
    await expect.poll(() => row.locator('.list__subtitle').first().textContent()).toMatch(/^Active · /);

    const paused = await gql<{ pauseSubscription: { __typename: string } }>(
      'mutation ($id: ID!, $version: Int!) { pauseSubscription(id: $id, version: $version) { __typename } }',
      { id: active.id, version: active.version },
    );
    expect(paused.data?.pauseSubscription.__typename).toBe('MutationPauseSubscriptionSuccess');
    await expect
      .poll(() => row.locator('.list__subtitle').first().textContent(), { timeout: 15_000, interval: 200 })
      .toMatch(/^Paused · /);
    expect(await row.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    expect(await notReloaded(page)).toBe(true);
  });

  it('the customers list shows a customer another manager renamed', async () => {
    const { page } = browser.current();
    await watchAsManager(page, '/customers', 'customerChanged');
    const gql = await apiSession(server, admin);
    const listed = await gql<{ customers: { edges: { node: { id: string; name: string } }[] } }>(
      '{ customers(first: 50) { edges { node { id name } } } }',
    );
    const first = listed.data?.customers.edges[0]?.node;
    if (!first) throw new Error(`No customer: ${JSON.stringify(listed.errors)}`);
    const names = () => page.locator('.customer-row .list__title').allTextContents();
    await expect.poll(names).toContain(first.name);

    const renamed = `${first.name} (renamed live)`;
    const updated = await gql<{ updateCustomer: { __typename: string } }>(
      'mutation ($id: ID!, $name: String!) { updateCustomer(id: $id, patch: { name: $name }) { __typename } }',
      { id: first.id, name: renamed },
    );
    expect(updated.data?.updateCustomer.__typename).toBe('MutationUpdateCustomerSuccess');
    await expect.poll(names, { timeout: 15_000, interval: 200 }).toContain(renamed);
    expect(await names()).not.toContain(first.name);
    expect(await notReloaded(page)).toBe(true);
  });
});
