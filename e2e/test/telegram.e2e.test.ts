import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { type E2eServer, e2eBotToken, startServer } from './server.js';
import { emulateTelegramClient, miniAppUrl } from './telegram.js';

/** The demo customer (prisma/src/seed.ts): Chris Customer, a customer of the demo shop only. */
const demoCustomer = { id: 100000005, first_name: 'Chris', username: 'customer', language_code: 'en' };

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('telegram');

describe('the Telegram Mini App', () => {
  it('signs the customer in with the launch’s init data and shows their own orders only', async () => {
    const { page } = browser.current();
    const postedEvents = await emulateTelegramClient(page);
    const customer = await server.prisma.customer.findFirstOrThrow({
      where: { user: { telegramId: BigInt(demoCustomer.id) } },
      select: { id: true, orders: { select: { number: true } } },
    });
    const othersOrders = await server.prisma.order.count({ where: { customerId: { not: customer.id } } });
    expect(customer.orders.length).toBeGreaterThan(0);
    expect(othersOrders).toBeGreaterThan(0);

    await page.goto(
      await miniAppUrl(server.url, { user: demoCustomer, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );

    await page.waitForURL((url) => url.pathname === '/orders');
    await expect
      .poll(() => page.locator('.list-summary').textContent())
      .toBe(`${customer.orders.length} order${customer.orders.length === 1 ? '' : 's'}`);
    const numbers = await page.locator('.order-card__number').allTextContents();
    expect(numbers.sort()).toEqual(customer.orders.map((order) => `#${order.number}`).sort());
    // Told Telegram it is ready, and never showed the password form.
    expect(await postedEvents()).toContain('web_app_ready');
    expect(await page.getByLabel('Password').count()).toBe(0);
  });

  it('refuses init data signed for another bot, offering the other ways to sign in', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    await page.goto(
      await miniAppUrl(server.url, {
        user: demoCustomer,
        botToken: '1:another-bot',
        startParam: 'shop-demo',
      }),
    );

    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toContain('Telegram could not confirm who you are.');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Password').waitFor();
  });
});
