import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { deliveryForCourier, deliveryHistory, handoverCode, proofPhoto } from './deliveries.js';
import { courier, signInWithPassword } from './journeys.js';
import { type E2eServer, startServer } from './server.js';

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('courier');

/** The courier signs in on their phone and opens their day from the bottom bar (the demo courier reads Russian). */
async function openCourierDay(page: Page) {
  await signInWithPassword(page, server, courier);
  await page.waitForURL(`${server.url}/orders`);
  await page.getByRole('navigation').getByRole('link', { name: 'Доставки' }).click();
  await page.waitForURL(`${server.url}/courier`);
}

const badge = (page: Page) => page.locator('.order-status-row .courier-badge');
const queueCount = (page: Page) => page.getByTestId('courier-queue-count');

describe("the courier's day", () => {
  it('completes a delivery with a photo of the handover and the code the recipient was sent', async () => {
    const { page } = browser.current();
    const order = await deliveryForCourier(server, 'Happy birthday, Rita!');
    await openCourierDay(page);

    const card = page.locator('.courier-card').filter({ hasText: `Доставка №${order.number}` });
    await expect.poll(() => card.locator('.courier-badge').textContent()).toBe('Забрать');
    expect(await card.getByRole('link', { name: 'Tverskaya 7, Moscow' }).getAttribute('href')).toMatch(
      /^https:\/\//,
    );
    expect(await card.getByRole('link', { name: 'Позвонить: Rita Recipient' }).getAttribute('href')).toBe(
      'tel:+79000000007',
    );
    expect(await card.locator('.card-text').textContent()).toBe('Happy birthday, Rita!');

    await card.getByRole('link', { name: `Доставка №${order.number}` }).click();
    await page.getByRole('button', { name: 'Букет у меня' }).click();
    await expect.poll(() => badge(page).textContent()).toBe('Забран');
    await page.getByRole('button', { name: 'Выехал' }).click();
    await expect.poll(() => badge(page).textContent()).toBe('В пути');
    // The server sent the code at pick-up; the queue waits for nothing now.
    await expect
      .poll(() => deliveryHistory(order.manager, order.id).then((h) => h.delivery?.status))
      .toBe('EN_ROUTE');

    await page.getByLabel('Фото вручения').setInputFiles(proofPhoto);
    await expect
      .poll(() => deliveryHistory(order.manager, order.id).then((h) => h.delivery?.proof !== null))
      .toBe(true);
    await page.getByLabel('Код, отправленный получателю').fill(await handoverCode(server, order.id));
    await page.getByRole('button', { name: 'Вручил' }).click();
    await expect.poll(() => badge(page).textContent()).toBe('Доставлен');
    await expect.poll(() => queueCount(page).count()).toBe(0);

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
    await page.screenshot({ path: `${process.cwd()}/.artifacts/courier--delivery-page-delivered.png` });
  });
});
