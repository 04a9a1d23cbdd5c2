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
  it('signs the customer in with the launch’s init data, into the catalog, and shows their own orders only', async () => {
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

    // A customer lands in the shop's catalog (homePath), and their orders are their own list.
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().waitFor();
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.waitForURL((url) => url.pathname === '/my/orders');
    await expect.poll(() => page.locator('.order-card__number').count()).toBe(customer.orders.length);
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

  it('starts and signs in when the client sends no signature (the SDK’s parser would refuse it)', async () => {
    const { page } = browser.current();
    const postedEvents = await emulateTelegramClient(page);
    await page.goto(
      await miniAppUrl(server.url, {
        user: demoCustomer,
        botToken: e2eBotToken,
        startParam: 'shop-demo',
        signature: false,
      }),
    );

    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().waitFor();
    // The SDK runs fully, not just the sign-in: Telegram's theme reaches the page and the app expanded.
    const buttonColor = await page.evaluate(() =>
      document.documentElement.style.getPropertyValue('--tg-theme-button-color'),
    );
    expect(buttonColor).toBe('#c0406a');
    expect(await postedEvents()).toEqual(expect.arrayContaining(['web_app_expand', 'web_app_ready']));
    // The SDK knows the client's version from the launch, so Telegram draws the product page's back button.
    await page.locator('.catalog__link').first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/shop/products/'));
    await expect.poll(postedEvents).toContain('web_app_setup_back_button');
  });

  it('signs out for real: the login page waits to be asked instead of signing straight back in', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    await page.goto(
      await miniAppUrl(server.url, { user: demoCustomer, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );
    await page.waitForURL((url) => url.pathname === '/shop');

    await page.goto(`${server.url}/shops`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByText('You signed out.').waitFor();
    // Still signed out a moment later, with the other ways to sign in on offer.
    await page.getByLabel('Password').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    await page.getByRole('button', { name: 'Sign in with Telegram' }).click();
    await page.waitForURL((url) => url.pathname === '/shop');
  });
});

describe('a Mini App link opened in a plain browser', () => {
  it('offers the PWA sign-in with a clear message, and never loads the Telegram SDK', async () => {
    const { page } = browser.current();
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    // No emulated Telegram client: the launch parameters are in the hash, but nobody answers the bridge.
    await page.goto(
      await miniAppUrl(server.url, { user: demoCustomer, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );

    await page.getByText('This is a Telegram Mini App link, opened outside Telegram.').waitFor();
    await page.getByLabel('Password').waitFor();
    expect(await page.getByText('LaunchParamsRetrieveError').count()).toBe(0);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((path) => /start-sdk/.test(path))).toEqual([]);
  });
});
