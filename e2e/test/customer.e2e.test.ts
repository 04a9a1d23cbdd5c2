import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type FakeBotApi, startFakeBotApi } from '@posy/bot/test/fake-bot-api';
import { preCheckoutQuery, successfulPayment, telegramUser } from '@posy/bot/test/updates';
import { DEMO_PASSWORD } from '@posy/prisma/seed';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, useBrowser } from './browser.js';
import { apiSession, manager, orderCard, signInWithPassword } from './journeys.js';
import { type E2eServer, e2eBotToken, startServer } from './server.js';
import { emulateTelegramClient, miniAppUrl } from './telegram.js';

// The customer's Mini App (issue 12), end to end: a Telegram user the shop has never seen opens its link,
// browses, orders for someone else in a free slot, pays through Telegram's invoice flow as the fake Bot API
// and the real bot process play it, and watches a manager on another phone move the order, live.

const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));
/** The demo shop's florist (prisma/src/seed.ts): makes the bouquet and asks the customer about its photo. */
const florist = { email: 'florist@posy.demo', password: DEMO_PASSWORD };
const newcomer = { id: 700000777, first_name: 'Nina', language_code: 'en' };

let telegram: FakeBotApi;
let server: E2eServer;
let bot: ChildProcess | undefined;
const botOutput: string[] = [];

beforeAll(async () => {
  if (!process.env.REDIS_URL)
    throw new Error('REDIS_URL is required: the bot process marks the order paid through Redis pub/sub');
  telegram = await startFakeBotApi({ token: e2eBotToken });
  server = await startServer({
    BOT_API_ROOT: telegram.apiRoot,
    TELEGRAM_PAYMENT_PROVIDER_TOKEN: '381764678:TEST:e2e',
    // The seeded order on its way has today's 12:00–14:00 window; a day's grace keeps its courier's
    // position shown whatever the hour the suite runs (the sharing rule itself is tested in the server).
    COURIER_POSITION_GRACE_MINUTES: String(24 * 60),
  });
  // The production bot process (src/telegram-bot.ts): it long-polls the fake Bot API, answers the
  // pre-checkout query and records the payment, as it does beside the server in production.
  bot = spawn(process.execPath, ['--import', 'tsx', 'src/telegram-bot.ts'], {
    cwd: serverDir,
    env: {
      PATH: process.env.PATH,
      ...server.env,
      WEBAPP_URL: server.url,
      PUBLIC_URL: server.url,
      BOT_USERNAME: telegram.botInfo.username,
      BOT_HEARTBEAT_KEY: `posy-e2e:bot:${randomUUID()}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bot.stdout?.on('data', (chunk) => botOutput.push(String(chunk)));
  bot.stderr?.on('data', (chunk) => botOutput.push(String(chunk)));
  await until('the bot polling Telegram', 30_000, () =>
    telegram.calls.some((call) => call.method === 'getUpdates'),
  );
}, 60_000);

afterAll(async () => {
  if (bot && bot.exitCode === null) {
    const exited = new Promise((resolve) => bot?.once('exit', resolve));
    bot.kill('SIGTERM');
    await exited;
  }
  await server?.stop();
  await telegram?.stop();
});

const browser = useBrowser('customer');

/** Resolves once `done()` holds, checking every 50 ms; fails naming `what` (and the bot's output) after `ms`. */
async function until(what: string, ms: number, done: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}\n${botOutput.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Plays Telegram's payment form: when the app opens an invoice (web_app_open_invoice), Telegram asks the
 * bot (pre_checkout_query), takes the money, tells the bot (successful_payment) and closes the form with
 * `invoice_closed: paid`. Install after emulateTelegramClient, whose bridge this wraps.
 */
async function payInvoicesLikeTelegram(page: Page, user: typeof newcomer) {
  const opened: string[] = [];
  await page.exposeBinding('posyTestInvoiceOpened', async ({ page: source }, slug: string) => {
    opened.push(slug);
    const link = telegram.calls.filter((call) => call.method === 'createInvoiceLink').at(-1)?.payload;
    if (!link) throw new Error('The app opened an invoice the bot never made');
    const prices = link.prices as { amount: number }[];
    const invoice = {
      payload: String(link.payload),
      currency: String(link.currency),
      totalAmount: prices.reduce((sum, price) => sum + price.amount, 0),
    };
    const from = telegramUser({ id: user.id, first_name: user.first_name, language_code: 'en' });
    telegram.pushUpdate(preCheckoutQuery(invoice, from));
    await until('the bot’s answer to the pre-checkout query', 15_000, () =>
      telegram.calls.some((call) => call.method === 'answerPreCheckoutQuery' && call.payload.ok === true),
    );
    telegram.pushUpdate(successfulPayment({ ...invoice, telegramChargeId: `charge-${slug}` }, from));
    await source.evaluate((closedSlug) => {
      const target = window as unknown as {
        Telegram?: { WebView?: { receiveEvent?(name: string, data: unknown): void } };
      };
      target.Telegram?.WebView?.receiveEvent?.('invoice_closed', { slug: closedSlug, status: 'paid' });
    }, slug);
  });
  await page.addInitScript(() => {
    const target = window as unknown as {
      TelegramWebviewProxy: { postEvent(name: string, data: string | undefined): void };
      posyTestInvoiceOpened(slug: string): Promise<void>;
    };
    const postEvent = target.TelegramWebviewProxy.postEvent.bind(target.TelegramWebviewProxy);
    target.TelegramWebviewProxy.postEvent = (name, data) => {
      postEvent(name, data);
      if (name === 'web_app_open_invoice') void target.posyTestInvoiceOpened(JSON.parse(data ?? '{}').slug);
    };
  });
  return opened;
}

/** A YYYY-MM-DD `days` ahead of today in Moscow (the demo shop's zone). */
function moscowDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** A small PNG, sent through uploadImage over HTTP multipart as `who` would from their phone; its Image id. */
async function uploadBouquetPhoto(on: E2eServer, who: { email: string; password: string }): Promise<string> {
  const signedIn = await on.gql<{ loginWithPassword: { accessToken: string } }>(
    'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken } }',
    who,
  );
  const shop = await on.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' }, select: { id: true } });
  const png =
    'iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAIElEQVQ4jWM4YZNCFcQwatCJ0TA6MZqObEaziA356QAAwsAcH5aW+4gAAAAASUVORK5CYII=';
  const form = new FormData();
  form.set(
    'operations',
    JSON.stringify({
      query:
        'mutation ($file: Upload!) { uploadImage(file: $file, purpose: BOUQUET_PHOTO) { ... on MutationUploadImageSuccess { data { id } } } }',
      variables: { file: null },
    }),
  );
  form.set('map', JSON.stringify({ 0: ['variables.file'] }));
  form.set('0', new Blob([Buffer.from(png, 'base64')], { type: 'image/png' }), 'bouquet.png');
  const response = await fetch(`${on.url}/graphql`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${signedIn.data?.loginWithPassword.accessToken}`,
      'X-Shop-Id': shop.id,
    },
    body: form,
  });
  const body = (await response.json()) as { data?: { uploadImage?: { data?: { id: string } } } };
  const id = body.data?.uploadImage?.data?.id;
  if (!id) throw new Error(`uploadImage failed: ${JSON.stringify(body)}`);
  return id;
}

const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `${artifactsDir}customer--${name}.png`, fullPage: true });

describe('a new customer in the Mini App', () => {
  it('browses, orders for a recipient in a free slot, pays in Telegram and follows the order live', async () => {
    const { page } = browser.current();
    const posted = await emulateTelegramClient(page);
    const invoices = await payInvoicesLikeTelegram(page, newcomer);
    expect(await server.prisma.user.count({ where: { telegramId: BigInt(newcomer.id) } })).toBe(0);

    await page.goto(
      await miniAppUrl(server.url, { user: newcomer, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );
    // Lands in the shop's catalog, not on a staff board.
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().waitFor();
    expect(await page.locator('.order-card').count()).toBe(0);
    await screenshot(page, '1-catalog');

    // A product's page: its composition in words, then into the cart twice.
    const product = await server.prisma.product.findFirstOrThrow({
      where: { shop: { slug: 'demo' }, active: true, components: { some: {} } },
      select: { name: true, components: { select: { stockItem: { select: { name: true } } } } },
      orderBy: { name: 'asc' },
    });
    await page.locator('.catalog__link', { hasText: product.name }).first().click();
    await page.waitForURL((url) => url.pathname.startsWith('/shop/products/'));
    await page.getByRole('heading', { name: 'What is in it' }).waitFor();
    const composition = await page.locator('.product__composition li').allTextContents();
    expect(composition.join('\n')).toContain(product.components[0]?.stockItem.name);
    await page.getByRole('button', { name: 'One more' }).click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added to the cart.').waitFor();
    await screenshot(page, '2-product');
    // Inside Telegram the back button is Telegram's own, and closing asks first while the cart holds something.
    await expect.poll(posted).toEqual(expect.arrayContaining(['web_app_setup_back_button']));
    await expect.poll(posted).toContain('web_app_setup_closing_behavior');

    await page.getByRole('link', { name: 'Go to the cart' }).click();
    await page.waitForURL((url) => url.pathname === '/shop/cart');
    expect(await page.getByLabel(`Quantity of ${product.name}`).textContent()).toBe('2');
    await screenshot(page, '3-cart');
    // Telegram's Main button is the primary action: the page draws none of its own.
    expect(await page.getByRole('link', { name: 'Checkout' }).count()).toBe(0);
    await expect.poll(posted).toContain('web_app_setup_main_button');
    await page.goto(`${server.url}/shop/checkout`);

    // Checkout: for someone else, delivered, the day after tomorrow in its first free slot.
    await page.getByLabel('Recipient’s name').fill('Mum');
    await page.getByLabel('Recipient’s phone').fill('+7 900 444-55-66');
    await page.getByLabel('Your phone').fill('+7 900 111-22-33');
    await page.getByLabel('Address').fill('Tverskaya 1, flat 5');
    await page.getByLabel('Date').fill(moscowDate(2));
    const freeSlot = page.locator('.slot:not(.slot--unavailable) input[type="radio"]').first();
    await freeSlot.waitFor();
    await freeSlot.check();
    await page.getByLabel('Card text').fill('Happy birthday, Mum!');
    expect(await page.getByText('20 of').textContent()).toMatch(/^20 of \d+ characters$/);
    await page.getByLabel('Don’t tell the recipient who sent it').check();
    await screenshot(page, '4-checkout');
    // The Main button (drawn by Telegram, not the page) sends the order: press it as Telegram reports it.
    await page.evaluate(() => {
      const target = window as unknown as {
        Telegram?: { WebView?: { receiveEvent?(name: string, data: unknown): void } };
      };
      target.Telegram?.WebView?.receiveEvent?.('main_button_pressed', {});
    });

    // Placed, paid in Telegram's form, and the order page says so.
    await page.waitForURL((url) => url.pathname.startsWith('/my/orders/'), { timeout: 20_000 });
    await page.getByText('Thank you! Your order is placed.').waitFor();
    expect(invoices).toHaveLength(1);
    await page.getByText('Paid. Thank you!').waitFor({ timeout: 20_000 });
    // The bot recorded the payment (a process of its own, through the database) ...
    await expect
      .poll(
        async () =>
          (
            await server.prisma.order.findFirst({
              where: { customer: { user: { telegramId: BigInt(newcomer.id) } } },
              select: { paymentStatus: true },
            })
          )?.paymentStatus,
        { timeout: 20_000 },
      )
      .toBe('PAID')
      .catch((error) => {
        throw new Error(
          `${error}\n${botOutput.join('')}\n${JSON.stringify(telegram.calls.map((c) => c.method))}`,
        );
      });
    // ... and the order page heard it live (orderUpdated), without a reload.
    await expect.poll(() => page.locator('.payment').textContent(), { timeout: 20_000 }).toBe('Paid');
    const order = await server.prisma.order.findFirstOrThrow({
      where: { customer: { user: { telegramId: BigInt(newcomer.id) } } },
      select: {
        number: true,
        status: true,
        paymentStatus: true,
        recipientName: true,
        cardText: true,
        anonymousSender: true,
        windowStart: true,
        items: { select: { quantity: true, productName: true } },
      },
    });
    expect(order).toMatchObject({
      status: 'NEW',
      paymentStatus: 'PAID',
      recipientName: 'Mum',
      cardText: 'Happy birthday, Mum!',
      anonymousSender: true,
      items: [{ quantity: 2, productName: product.name }],
    });
    expect(await page.locator('.badge').textContent()).toBe('New');
    await screenshot(page, '5-paid');

    // A manager on another phone moves the order on; each step shows here without a reload.
    const { page: colleague } = await browser.another();
    await signInWithPassword(colleague, server, manager);
    await colleague.waitForURL(`${server.url}/orders`);
    await orderCard(colleague, order.number).click();
    await colleague.getByRole('button', { name: 'Move to “Confirmed”' }).click();
    await expect.poll(() => page.locator('.badge').textContent(), { timeout: 15_000 }).toBe('Confirmed');
    await page.getByText('The shop confirmed your order.').waitFor();
    await screenshot(page, '6-live');

    // The florist makes it and asks the customer to approve the photo (their own phone: over the API).
    const asFlorist = await apiSession(server, florist);
    const task = await server.prisma.productionTask.findFirstOrThrow({
      where: { order: { number: order.number, shop: { slug: 'demo' } } },
      select: { id: true },
    });
    const taskId = Buffer.from(`ProductionTask:${task.id}`).toString('base64url');
    const took = await asFlorist<{ takeProductionTask: { __typename: string } }>(
      'mutation ($id: ID!) { takeProductionTask(id: $id) { __typename } }',
      { id: taskId },
    );
    expect(took.data?.takeProductionTask.__typename, JSON.stringify(took)).toBe(
      'MutationTakeProductionTaskSuccess',
    );
    await expect.poll(() => page.locator('.badge').textContent(), { timeout: 15_000 }).toBe('In production');
    await page.getByText('A florist is making your bouquet.').waitFor();
    const photoId = await uploadBouquetPhoto(server, florist);
    const finished = await asFlorist<{ finishProductionTask: { __typename: string } }>(
      'mutation ($id: ID!, $photoId: ID!) { finishProductionTask(id: $id, photoId: $photoId) { __typename } }',
      { id: taskId, photoId },
    );
    expect(finished.data?.finishProductionTask.__typename, JSON.stringify(finished)).toBe(
      'MutationFinishProductionTaskSuccess',
    );
    await expect.poll(() => page.locator('.badge').textContent(), { timeout: 15_000 }).toBe('Ready');
    const asked = await asFlorist<{ requestBouquetApproval: { __typename: string } }>(
      'mutation ($taskId: ID!) { requestBouquetApproval(taskId: $taskId) { __typename } }',
      { taskId },
    );
    expect(asked.data?.requestBouquetApproval.__typename, JSON.stringify(asked)).toBe(
      'MutationRequestBouquetApprovalSuccess',
    );
    await page.getByText('The florist asks whether you like it.').waitFor({ timeout: 15_000 });
    await page.getByRole('img', { name: 'Photo of your bouquet' }).waitFor();
    await screenshot(page, '6b-approval');
    await page.getByRole('button', { name: 'I like it' }).click();
    await page.getByText('You approved the bouquet.').waitFor();
    const approval = await server.prisma.productionTask.findUniqueOrThrow({
      where: { id: task.id },
      select: { approvalStatus: true },
    });
    expect(approval.approvalStatus).toBe('APPROVED');

    // Their list shows it too, without the staff's filters.
    await page.getByRole('link', { name: 'My orders' }).click();
    await page.waitForURL((url) => url.pathname === '/my/orders');
    await orderCard(page, order.number).waitFor();
    expect(await page.locator('.chip').count()).toBe(0);
    await screenshot(page, '7-my-orders');
  });

  it('is told in place when the chosen slot fills up before the order is sent, and nothing is ordered', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    const late = { id: 700000779, first_name: 'Vera', language_code: 'en' };
    await page.goto(
      await miniAppUrl(server.url, { user: late, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().getByRole('button', { name: /^Add / }).click();
    await page.goto(`${server.url}/shop/checkout`);
    await page.getByLabel('It’s for me').check();
    await page.getByLabel('Your phone').fill('+7 900 777-88-99');
    await page.getByLabel('Address').fill('Arbat 10');
    await page.getByLabel('Date').fill(moscowDate(3));
    const freeSlot = page.locator('.slot:not(.slot--unavailable) input[type="radio"]').first();
    await freeSlot.waitFor();
    await freeSlot.check();
    const slotGlobalId = await freeSlot.getAttribute('value');
    const slotId =
      Buffer.from(slotGlobalId ?? '', 'base64url')
        .toString()
        .split(':')[1] ?? '';

    // Meanwhile the shop stops taking orders in that slot, through the API as its manager.
    const slot = await server.prisma.deliverySlot.findUniqueOrThrow({ where: { id: slotId } });
    const asManager = await apiSession(server, manager);
    const closed = await asManager(
      'mutation ($input: DeliverySlotInput!) { upsertDeliverySlot(input: $input) { capacity } }',
      {
        input: {
          id: slotGlobalId,
          weekday: slot.weekday,
          startMinutes: slot.startMinutes,
          endMinutes: slot.endMinutes,
          capacity: 0,
        },
      },
    );
    expect(closed.errors).toBeUndefined();

    await page.evaluate(() => {
      const target = window as unknown as {
        Telegram?: { WebView?: { receiveEvent?(name: string, data: unknown): void } };
      };
      target.Telegram?.WebView?.receiveEvent?.('main_button_pressed', {});
    });
    await page
      .getByRole('alert')
      .getByText(/^This time cannot be chosen any more/)
      .waitFor();
    // The list is asked for again: the slot now says why it cannot be chosen, and none is chosen.
    await expect
      .poll(() => page.locator(`.slot:has(input[value="${slotGlobalId}"])`).getAttribute('class'))
      .toContain('slot--unavailable');
    expect(await page.locator('.slot input:checked').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/shop/checkout');
    expect(
      await server.prisma.order.count({ where: { customer: { user: { telegramId: BigInt(late.id) } } } }),
    ).toBe(0);
    await screenshot(page, '8-slot-taken');
  });

  it('is told in place when the stock runs short before the order is sent, and nothing is ordered', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    const short = { id: 700000780, first_name: 'Lev', language_code: 'en' };
    const product = await server.prisma.product.findFirstOrThrow({
      where: { shop: { slug: 'demo' }, active: true, components: { some: {} } },
      select: { name: true, components: { select: { quantity: true, stockItemId: true } } },
      orderBy: { name: 'desc' },
    });
    await page.goto(
      await miniAppUrl(server.url, { user: short, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );
    await page.waitForURL((url) => url.pathname === '/shop');
    await page
      .locator('.catalog__item', { hasText: product.name })
      .first()
      .getByRole('button', { name: /^Add / })
      .click();
    await page.goto(`${server.url}/shop/checkout`);
    await page.getByLabel('It’s for me').check();
    await page.getByLabel('Your phone').fill('+7 900 555-66-77');
    await page.getByLabel('Address').fill('Arbat 12');
    await page.getByLabel('Date').fill(moscowDate(3));
    const freeSlot = page.locator('.slot:not(.slot--unavailable) input[type="radio"]').first();
    await freeSlot.waitFor();
    await freeSlot.check();

    // Meanwhile a manager writes off damaged stock (through the API) until one bouquet can no longer be made.
    const asManager = await apiSession(server, manager);
    const component = product.components[0]!;
    const stockItemId = Buffer.from(`StockItem:${component.stockItemId}`).toString('base64url');
    const levels = await asManager<{ stockItems: { id: string; available: number }[] }>(
      '{ stockItems { id available } }',
    );
    const available = levels.data?.stockItems.find((item) => item.id === stockItemId)?.available ?? 0;
    expect(available, JSON.stringify(levels)).toBeGreaterThanOrEqual(component.quantity);
    const writtenOff = await asManager<{ writeOff: { available: number } }>(
      'mutation ($stockItemId: ID!, $quantity: Int!) { writeOff(stockItemId: $stockItemId, quantity: $quantity, reason: DAMAGED) { available } }',
      { stockItemId, quantity: available - component.quantity + 1 },
    );
    expect(writtenOff.data?.writeOff.available, JSON.stringify(writtenOff)).toBe(component.quantity - 1);
    const ordersBefore = await server.prisma.order.count();

    await page.evaluate(() => {
      const target = window as unknown as {
        Telegram?: { WebView?: { receiveEvent?(name: string, data: unknown): void } };
      };
      target.Telegram?.WebView?.receiveEvent?.('main_button_pressed', {});
    });
    const alert = page.getByRole('alert').filter({ hasText: 'does not have enough flowers' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(
      'The shop does not have enough flowers for this order now. Take something out of the cart or choose other bouquets.',
    );
    expect(await alert.getByRole('link', { name: 'Change the cart' }).getAttribute('href')).toBe(
      '/shop/cart',
    );
    // Still the checkout, filled in as it was; no order for anyone, the cart kept for the next try.
    expect(new URL(page.url()).pathname).toBe('/shop/checkout');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Checkout');
    expect(await page.getByLabel('Address').inputValue()).toBe('Arbat 12');
    expect(await server.prisma.order.count()).toBe(ordersBefore);
    expect(
      await server.prisma.order.count({ where: { customer: { user: { telegramId: BigInt(short.id) } } } }),
    ).toBe(0);
    await screenshot(page, '8b-stock-short');
    await alert.getByRole('link', { name: 'Change the cart' }).click();
    await page.waitForURL((url) => url.pathname === '/shop/cart');
    expect(await page.getByLabel(`Quantity of ${product.name}`).textContent()).toBe('1');
  });

  it('is sent from the staff board’s addresses to their own view and sees the courier on the way', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    const chris = { id: 100000005, first_name: 'Chris', language_code: 'en' };
    const own = await server.prisma.order.findFirstOrThrow({
      where: { customer: { user: { telegramId: BigInt(chris.id) } } },
      select: { id: true, number: true },
    });
    await page.goto(
      await miniAppUrl(server.url, { user: chris, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.goto(`${server.url}/orders`);
    await page.waitForURL((url) => url.pathname === '/my/orders');
    await orderCard(page, own.number).click();
    await page.waitForURL((url) => url.pathname.startsWith('/my/orders/'));
    await page.getByRole('heading', { name: `Order #${own.number}` }).waitFor();
    const myOrderPath = new URL(page.url()).pathname;
    await page.goto(`${server.url}${myOrderPath.replace('/my/orders/', '/orders/')}`);
    await page.waitForURL((url) => url.pathname === myOrderPath);
    await page.getByRole('heading', { name: `Order #${own.number}` }).waitFor();

    // The order on its way (seeded with a courier sharing their position): where they are, and how long ago.
    const onTheWay = await server.prisma.order.findFirstOrThrow({
      where: { status: 'OUT_FOR_DELIVERY', customer: { user: { telegramId: BigInt(chris.id) } } },
      select: { number: true },
    });
    await page.goto(`${server.url}/my/orders`);
    await orderCard(page, onTheWay.number).click();
    await page.getByRole('link', { name: 'Where the courier is' }).waitFor();
    expect(await page.getByRole('link', { name: 'Where the courier is' }).getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/\?mlat=/,
    );
    expect(await page.locator('.courier-position .hint').textContent()).toMatch(
      /^updated \d+ (second|minute|hour)s? ago$/,
    );
    await screenshot(page, '9-on-the-way');
  });

  it('renews their subscription by one term, and is told in place when the shop changed it meanwhile', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    // The page is live (subscriptionChanged): a change of the shop's would show before the customer acts. To
    // renew what the page showed though it changed meanwhile, the page's socket is held while the shop acts.
    let held = false;
    const sockets: import('playwright-core').WebSocketRoute[] = [];
    await page.routeWebSocket(/\/graphql/, (socket) => {
      if (held) return void socket.close({ code: 1001, reason: 'held in the test' });
      socket.connectToServer();
      sockets.push(socket);
    });
    const chris = { id: 100000005, first_name: 'Chris', language_code: 'en' };
    await page.goto(
      await miniAppUrl(server.url, { user: chris, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );
    await page.waitForURL((url) => url.pathname === '/shop');
    // Their subscription (seeded: weekly tulips, a 28-day term ending tomorrow): until when, and renewing it.
    await page.goto(`${server.url}/my/orders`);
    await page.getByRole('link', { name: 'Subscription' }).click();
    await page.waitForURL((url) => url.pathname === '/my/subscription');
    const card = page.locator('.section', { has: page.getByRole('heading', { name: 'Weekly tulips' }) });
    await card.waitFor();
    const seeded = await server.prisma.subscription.findFirstOrThrow({
      where: { plan: 'Weekly tulips', customer: { user: { telegramId: BigInt(chris.id) } } },
      select: { id: true, version: true, validUntil: true, status: true, priceMinor: true },
    });
    const shownUntil = await card.locator('.my-subscription__until').textContent();
    await screenshot(page, '10-subscription');

    // Meanwhile the shop pauses it (a manager, through the API): renewing what the page showed is refused
    // in place, nothing changes, and the card shows the subscription as it now is.
    held = true;
    for (const socket of sockets.splice(0)) await socket.close({ code: 1001, reason: 'held in the test' });
    const asManager = await apiSession(server, manager);
    const subscriptionId = Buffer.from(`CustomerSubscription:${seeded.id}`).toString('base64url');
    const paused = await asManager<{ pauseSubscription: { __typename: string } }>(
      'mutation ($id: ID!, $version: Int!) { pauseSubscription(id: $id, version: $version) { __typename } }',
      { id: subscriptionId, version: seeded.version },
    );
    expect(paused.data?.pauseSubscription.__typename, JSON.stringify(paused)).toBe(
      'MutationPauseSubscriptionSuccess',
    );
    await card.getByRole('button', { name: 'Renew' }).click();
    await card.getByText('Renew for 28 more days at').waitFor();
    await card.getByRole('button', { name: 'Renew' }).click();
    await card
      .getByRole('alert')
      .getByText(/^This subscription changed meanwhile/)
      .waitFor();
    await card.getByText('Paused').waitFor();
    held = false;
    const afterRefusal = await server.prisma.subscription.findUniqueOrThrow({ where: { id: seeded.id } });
    expect(afterRefusal).toMatchObject({ version: seeded.version + 1, validUntil: seeded.validUntil });

    // Again, from what it shows now: one more term of the same length from its end, at the same price.
    await card.getByRole('button', { name: 'Renew' }).click();
    await card.getByRole('button', { name: 'Renew' }).click();
    const renewedText = await card.getByRole('status').textContent();
    expect(renewedText).toMatch(/^Renewed: valid until .+\.$/);
    const renewed = await server.prisma.subscription.findUniqueOrThrow({ where: { id: seeded.id } });
    expect(renewed).toMatchObject({
      version: seeded.version + 2,
      status: 'PAUSED',
      priceMinor: seeded.priceMinor,
      validUntil: new Date(seeded.validUntil.getTime() + 28 * 86_400_000),
    });
    // The card shows the new end too (the answer updates the cached subscription).
    await expect.poll(() => card.locator('.my-subscription__until').textContent()).not.toBe(shownUntil);
    const newUntil = await card.locator('.my-subscription__until').textContent();
    expect(renewedText).toBe(`Renewed: valid until ${newUntil}.`);
    expect(await card.getByRole('alert').count()).toBe(0);
    await screenshot(page, '10b-subscription-renewed');
  });

  it('starts and signs in from a launch without `signature`, into the catalog', async () => {
    const { page } = browser.current();
    await emulateTelegramClient(page);
    await page.goto(
      await miniAppUrl(server.url, {
        user: { id: 700000778, first_name: 'Oleg' },
        botToken: e2eBotToken,
        startParam: 'shop-demo',
        signature: false,
      }),
    );
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().waitFor();
  });
});
