import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, useBrowser } from './browser.js';
import {
  courierPositionOf,
  deliveryForCourier,
  deliveryHistory,
  handoverCode,
  proofPhoto,
} from './deliveries.js';
import { apiSession, courier, signInWithPassword } from './journeys.js';
import { type E2eServer, startServer } from './server.js';

let server: E2eServer;
beforeAll(async () => {
  // Positions are shared until a day after the window: the test's delivery uses today's last slot, which
  // at night has ended more than the default hour ago (the sharing rule itself is tested in the server).
  server = await startServer({ COURIER_POSITION_GRACE_MINUTES: String(24 * 60) });
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('courier');

/** The courier signs in on their phone and opens their day from the bottom bar (the demo courier reads Russian). */
async function openCourierDay(page: Page) {
  // A courier's home is their day (homePath); the bottom bar leads back to it from the board.
  await signInWithPassword(page, server, courier);
  await page.waitForURL(`${server.url}/courier`);
  await page.getByRole('navigation').getByRole('link', { name: 'Заказы' }).click();
  await page.waitForURL(`${server.url}/orders`);
  await page.getByRole('navigation').getByRole('link', { name: 'Доставки' }).click();
  await page.waitForURL(`${server.url}/courier`);
}

/** The server's work on two shared cores (an upload re-encoded, a retry after a lost answer) takes seconds. */
const eventually = { timeout: 20_000, interval: 100 };

const badge = (page: Page) => page.locator('.order-status-row .courier-badge');
const queueCount = (page: Page) => page.getByTestId('courier-queue-count');

describe("the courier's day", () => {
  it('completes a delivery with a photo of the handover and the code the recipient was sent', async () => {
    const { page } = browser.current();
    const order = await deliveryForCourier(server, 'Happy birthday, Rita!');
    await openCourierDay(page);

    const card = page.locator('.courier-card').filter({ hasText: `Доставка №${order.number}` });
    await expect.poll(() => card.locator('.courier-badge').textContent(), eventually).toBe('Забрать');
    expect(await card.getByRole('link', { name: 'Tverskaya 7, Moscow' }).getAttribute('href')).toMatch(
      /^https:\/\//,
    );
    expect(await card.getByRole('link', { name: 'Позвонить: Rita Recipient' }).getAttribute('href')).toBe(
      'tel:+79000000007',
    );
    expect(await card.locator('.card-text').textContent()).toBe('Happy birthday, Rita!');

    await page.screenshot({ path: path.join(artifactsDir, 'courier--day.png'), fullPage: true });

    await card.getByRole('link', { name: `Доставка №${order.number}` }).click();
    await page.getByRole('button', { name: 'Букет у меня' }).click();
    await expect.poll(() => badge(page).textContent(), eventually).toBe('Забран');
    // The bouquet is in hand: it can no longer be given back. Polled: between the queue dropping the step the
    // server confirmed and the day being read again, the page briefly shows the delivery as before (known).
    await expect.poll(() => page.getByRole('button', { name: 'Вернуть' }).count(), eventually).toBe(0);
    await page.getByRole('button', { name: 'Выехал' }).click();
    await expect.poll(() => badge(page).textContent(), eventually).toBe('В пути');
    // The server sent the code at pick-up; the queue waits for nothing now.
    await expect
      .poll(() => deliveryHistory(order.manager, order.id).then((h) => h.delivery?.status), eventually)
      .toBe('EN_ROUTE');

    await page.getByLabel('Фото вручения').setInputFiles(proofPhoto);
    await expect
      .poll(
        () => deliveryHistory(order.manager, order.id).then((h) => h.delivery?.proof !== null),
        eventually,
      )
      .toBe(true);
    await page.getByLabel('Код, отправленный получателю').fill(await handoverCode(server, order.id));
    await page.getByRole('button', { name: 'Вручил' }).click();
    await expect.poll(() => badge(page).textContent(), eventually).toBe('Доставлен');
    await expect.poll(() => queueCount(page).count(), eventually).toBe(0);

    const history = await deliveryHistory(order.manager, order.id);
    expect(history.status).toBe('DELIVERED');
    expect(history.delivery?.status).toBe('DELIVERED');
    expect(history.delivery?.proof).not.toBeNull();
    expect(history.steps).toEqual({
      '→NEW': 1,
      'NEW→CONFIRMED': 1,
      'CONFIRMED→IN_PRODUCTION': 1,
      'IN_PRODUCTION→READY': 1,
      'READY→READY': 1, // assignCourier
      'READY→OUT_FOR_DELIVERY': 1,
      'OUT_FOR_DELIVERY→OUT_FOR_DELIVERY': 1,
      'OUT_FOR_DELIVERY→DELIVERED': 1,
    });
  });
});

describe('giving a delivery back', () => {
  it('asks first, gives it back to the pool and returns to the day without it', async () => {
    const { page } = browser.current();
    const order = await deliveryForCourier(server, 'Not mine after all');
    await openCourierDay(page);
    const card = page.locator('.courier-card').filter({ hasText: `Доставка №${order.number}` });
    await card.getByRole('link', { name: `Доставка №${order.number}` }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/courier/'));

    // Asked in place; cancelling keeps the delivery the courier's.
    await page.getByRole('button', { name: 'Вернуть' }).click();
    await page.getByText('Вернуть эту доставку? Её сможет взять другой курьер.').waitFor();
    await page.getByRole('button', { name: 'Отмена' }).click();
    expect((await deliveryHistory(order.manager, order.id)).delivery?.status).toBe('ASSIGNED');
    await page.screenshot({ path: path.join(artifactsDir, 'courier--give-back.png'), fullPage: true });

    await page.getByRole('button', { name: 'Вернуть' }).click();
    await page.getByRole('button', { name: 'Вернуть' }).click();
    await page.waitForURL(`${server.url}/courier`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => card.count(), eventually).toBe(0);

    // The shop sees it back in the pool, with no courier, the order where it was (READY).
    const { data } = await order.manager<{ deliveryPool: { orderId: string; number: number }[] }>(
      'query { deliveryPool { orderId number } }',
    );
    expect(data?.deliveryPool.map((pooled) => pooled.orderId)).toContain(order.id);
    const history = await deliveryHistory(order.manager, order.id);
    expect(history.status).toBe('READY');
    expect(history.delivery?.status).toBe('PENDING');
    expect(history.steps['READY→READY']).toBe(2); // assigned, then released
  });
});

describe('the courier offline', () => {
  it('queues the steps taken offline, shows them waiting, and sends each exactly once when the link returns', async () => {
    const { context, page } = browser.current();
    const order = await deliveryForCourier(server, 'Offline, with love');
    await openCourierDay(page);
    await page.getByRole('link', { name: `Доставка №${order.number}` }).click();

    // At the shop, online: picked up, and the recipient is sent the code.
    await page.getByRole('button', { name: 'Букет у меня' }).click();
    await expect
      .poll(() => deliveryHistory(order.manager, order.id).then((h) => h.delivery?.status), eventually)
      .toBe('PICKED_UP');
    const code = await handoverCode(server, order.id);

    // On the road, no signal: on the way, a photo, the code, handed over.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Выехал' }).click();
    await expect.poll(() => badge(page).textContent(), eventually).toBe('В пути');
    await page.getByLabel('Фото вручения').setInputFiles(proofPhoto);
    await page.getByLabel('Код, отправленный получателю').fill(code);
    await page.getByRole('button', { name: 'Вручил' }).click();
    await expect.poll(() => badge(page).textContent(), eventually).toBe('Доставлен');
    await expect.poll(() => queueCount(page).textContent(), eventually).toBe('Ждут отправки: 3');
    // The app's banner says nothing on screen is live; the courier's own notice, what the day shows.
    expect(await page.getByRole('status').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Нет сети'), expect.stringContaining('Нет связи')]),
    );
    await page.screenshot({ path: path.join(artifactsDir, 'courier--offline-queue.png'), fullPage: true });
    // Nothing reached the server.
    const meanwhile = await deliveryHistory(order.manager, order.id);
    expect(meanwhile.delivery).toMatchObject({ status: 'PICKED_UP', proof: null });

    // The day's list shows the delivery as the courier left it, still offline.
    await page.getByRole('link', { name: 'Назад' }).click();
    const card = page.locator('.courier-card').filter({ hasText: `Доставка №${order.number}` });
    await expect.poll(() => card.locator('.courier-badge').textContent(), eventually).toBe('Доставлен');

    await context.setOffline(false);
    await expect.poll(() => queueCount(page).count(), eventually).toBe(0);
    const expectedSteps = {
      '→NEW': 1,
      'NEW→CONFIRMED': 1,
      'CONFIRMED→IN_PRODUCTION': 1,
      'IN_PRODUCTION→READY': 1,
      'READY→READY': 1, // assignCourier
      'READY→OUT_FOR_DELIVERY': 1,
      'OUT_FOR_DELIVERY→OUT_FOR_DELIVERY': 1,
      'OUT_FOR_DELIVERY→DELIVERED': 1,
    };
    const synced = await deliveryHistory(order.manager, order.id);
    expect(synced.status).toBe('DELIVERED');
    expect(synced.delivery?.proof).not.toBeNull();
    expect(synced.steps).toEqual(expectedSteps);

    // The app starting again (its queue read from IndexedDB) has nothing left to send.
    await page.reload();
    await expect.poll(() => card.locator('.courier-badge').textContent(), eventually).toBe('Доставлен');
    expect(await queueCount(page).count()).toBe(0);
    expect((await deliveryHistory(order.manager, order.id)).steps).toEqual(expectedSteps);
  });

  it('does a step once when its answer was lost on the way, though the queue sends it again', async () => {
    const { page } = browser.current();
    const order = await deliveryForCourier(server, 'Lost answer');
    await openCourierDay(page);
    await page.getByRole('link', { name: `Доставка №${order.number}` }).click();

    let answersLost = 0;
    await page.route('**/graphql', async (route) => {
      if (answersLost === 0 && route.request().postData()?.includes('pickUpDelivery')) {
        answersLost += 1;
        await route.fetch(); // The server does the step…
        await route.abort('connectionreset'); // …and its answer never reaches the phone.
        return;
      }
      await route.continue();
    });
    await page.getByRole('button', { name: 'Букет у меня' }).click();
    await expect.poll(() => answersLost, eventually).toBe(1);
    // The queue keeps the step and tries again: the server refuses the old version, the order shows it done.
    await expect.poll(() => queueCount(page).count(), eventually).toBe(0);
    await expect.poll(() => badge(page).textContent(), eventually).toBe('Забран');
    const history = await deliveryHistory(order.manager, order.id);
    expect(history.delivery?.status).toBe('PICKED_UP');
    expect(history.steps['READY→OUT_FOR_DELIVERY']).toBe(1);
    expect(await page.locator('.courier-sync__refused').count()).toBe(0);
  });

  it('opens the last loaded day after a reload without a connection, still signed in', async () => {
    const { context, page } = browser.current();
    const order = await deliveryForCourier(server, 'Read me offline');
    await openCourierDay(page);
    const card = page.locator('.courier-card').filter({ hasText: `Доставка №${order.number}` });
    await card.waitFor();
    // The service worker serves the app's files offline; it controls the page from the next load on.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await card.waitFor();

    await context.setOffline(true);
    await page.reload();
    await card.waitFor();
    expect(new URL(page.url()).pathname).toBe('/courier');
    expect(await card.locator('.card-text').textContent()).toBe('Read me offline');
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('Нет сети'),
          // The day comes from the persisted cache here (graphcache), so the courier's own saved copy,
          // which would name its time, is not needed and the notice is the plain offline one.
          expect.stringContaining('Нет связи'),
        ]),
      );
    await page.screenshot({ path: path.join(artifactsDir, 'courier--offline-day.png'), fullPage: true });
  });
});

describe("the courier's location", () => {
  it('is shared while the bouquet is on the way, once the courier agreed', async () => {
    const { context, page } = browser.current();
    await context.grantPermissions(['geolocation'], { origin: server.url });
    const order = await deliveryForCourier(server, 'Where are you?');
    await openCourierDay(page);
    await page.getByRole('link', { name: `Доставка №${order.number}` }).click();
    await page.getByRole('button', { name: 'Букет у меня' }).click();
    await expect
      .poll(() => deliveryHistory(order.manager, order.id).then((h) => h.delivery?.status), eventually)
      .toBe('PICKED_UP');
    expect(await courierPositionOf(order.manager, order.id)).toBeNull();
    // On the road: the phone's fix (Chromium dates an emulated fix when it is set, so after the pick-up).
    await context.setGeolocation({ latitude: 55.7601, longitude: 37.6186, accuracy: 12 });

    // "Agree and share" for a courier who never agreed, "Share" for one who did (the demo courier may have).
    await page
      .getByRole('button', { name: /показывать моё местоположение/i })
      .first()
      .click();
    await expect
      .poll(() => courierPositionOf(order.manager, order.id), eventually)
      .toEqual({ latitude: 55.7601, longitude: 37.6186 });
    await expect
      .poll(() => page.getByRole('status').last().textContent(), eventually)
      .toContain('Местоположение передано');
    await page.getByRole('button', { name: 'Перестать показывать' }).click();
  });
});

describe('the pool', () => {
  it('lists the deliveries nobody has, and one taken moves into the courier’s day', async () => {
    const { page } = browser.current();
    const first = await deliveryForCourier(server, 'From the pool');
    const second = await deliveryForCourier(server, 'Also in the pool');
    const courierApi = await apiSession(server, courier);
    // Both given back to the pool over the API, and the shop lets couriers take from it.
    for (const order of [first, second]) {
      const { order: read } = (
        await courierApi<{ order: { version: number } }>('query ($id: ID!) { order(id: $id) { version } }', {
          id: order.id,
        })
      ).data!;
      const released = await courierApi<{ releaseDelivery: { __typename: string } }>(
        'mutation ($orderId: ID!, $version: Int!) { releaseDelivery(orderId: $orderId, version: $version) { __typename } }',
        { orderId: order.id, version: read.version },
      );
      expect(released.data?.releaseDelivery.__typename).toBe('MutationReleaseDeliverySuccess');
    }
    const mode = (to: string) =>
      first.manager<{ setCourierAssignment: { courierAssignment: string } }>(
        'mutation ($mode: CourierAssignment!) { setCourierAssignment(mode: $mode) { courierAssignment } }',
        { mode: to },
      );
    expect((await mode('COURIERS_TAKE_FROM_POOL')).data?.setCourierAssignment.courierAssignment).toBe(
      'COURIERS_TAKE_FROM_POOL',
    );
    try {
      await openCourierDay(page);
      const pool = page.locator('.section', { has: page.getByRole('heading', { name: 'Можно взять' }) });
      const pooled = (order: { number: number }) =>
        pool.locator('.courier-card', { hasText: `Доставка №${order.number}` });
      await expect.poll(() => pooled(first).count(), eventually).toBe(1);
      expect(await pooled(second).count()).toBe(1);
      await page.screenshot({ path: path.join(artifactsDir, 'courier--pool.png'), fullPage: true });

      await pooled(first).getByRole('button', { name: 'Взять' }).click();
      // Now theirs: in the day above the pool, out of the pool, and assigned to them as the shop reads it.
      await page.getByRole('link', { name: `Доставка №${first.number}` }).waitFor();
      await expect.poll(() => pooled(first).count(), eventually).toBe(0);
      expect(await pooled(second).count()).toBe(1);
      expect((await deliveryHistory(first.manager, first.id)).delivery?.status).toBe('ASSIGNED');
      const { data } = await first.manager<{ deliveryPool: { orderId: string }[] }>(
        'query { deliveryPool { orderId } }',
      );
      expect(data?.deliveryPool.map((entry) => entry.orderId)).toEqual(expect.arrayContaining([second.id]));
      expect(data?.deliveryPool.map((entry) => entry.orderId)).not.toContain(first.id);
    } finally {
      await mode('MANAGER_ASSIGNS');
    }
  });
});
