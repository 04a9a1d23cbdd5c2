import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { manager, orderCard, refreshCookie, sessionStorageKey, signInWithPassword } from './journeys.js';
import { type E2eServer, startServer } from './server.js';

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('staff');

async function storedSession(page: Page): Promise<{ user: { id: string } } | null> {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), sessionStorageKey);
}

describe('staff on the PWA', () => {
  it('signs in with a password, sees the shop’s orders, and opens one with its items and history', async () => {
    const { page } = browser.current();
    await signInWithPassword(page, server, manager);

    await page.waitForURL(`${server.url}/orders`);
    const orders = await server.prisma.order.findMany({
      select: { number: true, recipientName: true, customer: { select: { name: true } } },
    });
    await expect.poll(() => page.locator('.list-summary').textContent()).toBe(`${orders.length} orders`);
    const numbers = await page.locator('.order-card__number').allTextContents();
    expect(numbers.sort()).toEqual(orders.map((order) => `#${order.number}`).sort());
    for (const order of orders) {
      expect(await orderCard(page, order.number).locator('.order-card__customer').textContent()).toBe(
        order.recipientName ?? order.customer.name,
      );
    }

    const first = await server.prisma.order.findFirstOrThrow({
      where: { number: 1 },
      select: {
        items: { select: { productName: true } },
        events: { select: { id: true } },
      },
    });
    await orderCard(page, 1).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Order #1');
    expect(new URL(page.url()).pathname).toMatch(/^\/orders\/.+/);
    expect(await page.locator('.items__name').allTextContents()).toEqual(
      first.items.map((item) => item.productName),
    );
    await expect.poll(() => page.locator('.timeline__event').count()).toBe(first.events.length);
    expect(await page.locator('.timeline__what').first().textContent()).toBe('Created as “New”');
  });

  it('shows the error for a wrong password and stays on the login page', async () => {
    const { page } = browser.current();
    await signInWithPassword(page, server, { email: manager.email, password: 'not-the-password' });

    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong email or password.');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await storedSession(page)).toBeNull();
  });

  it('keeps the session across reloads, refreshing a refused access token with the refresh cookie', async () => {
    const { context, page } = browser.current();
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await page.locator('.order-card').first().waitFor();
    const signedIn = await refreshCookie(context);
    expect(signedIn).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/graphql' });

    // The access token lived in the page's memory: after a reload the app trades the cookie for a new one.
    await page.reload();
    await page.locator('.order-card').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/orders');
    const reloaded = await refreshCookie(context);
    expect(reloaded?.value).not.toBe(signedIn?.value);

    // The server no longer takes the access token (as after a key rotation): the app must trade its
    // refresh cookie for new tokens instead of sending the user back to the login page.
    const sentTokens: string[] = [];
    await page.route('**/graphql', (route) => {
      const authorization = route.request().headers().authorization;
      if (authorization) sentTokens.push(authorization);
      const refuse = authorization && sentTokens.length === 1;
      return route.continue(
        refuse
          ? { headers: { ...route.request().headers(), authorization: 'Bearer refused.access.token' } }
          : {},
      );
    });
    await orderCard(page, 1).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Order #1');
    expect(new URL(page.url()).pathname).toMatch(/^\/orders\/.+/);
    expect(sentTokens.length).toBeGreaterThanOrEqual(2);
    expect(sentTokens.some((token) => token !== sentTokens[0])).toBe(true);
    expect((await refreshCookie(context))?.value).not.toBe(reloaded?.value);
  });

  it('signs in with a code sent to Telegram, saying how long to wait before asking for another', async () => {
    const { page } = browser.current();
    await page.goto(`${server.url}/login`);
    await page.getByRole('tab', { name: 'Code in Telegram' }).click();
    await page.getByLabel('Email').fill(manager.email);
    await page.getByRole('button', { name: 'Get a code' }).click();
    await expect
      .poll(() => page.locator('.form .hint').textContent())
      .toBe(`Code sent to Telegram for ${manager.email}.`);

    // A second code within a minute is refused (RATE_LIMITED), and the page says how long to wait.
    await page.getByRole('button', { name: 'Send the code again' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^Too many attempts\. Try again in (\d+ seconds|1 minute)\.$/);

    // The bot would deliver the code; the e2e server sends nothing, so read it from the outbox.
    const user = await server.prisma.user.findUniqueOrThrow({ where: { email: manager.email } });
    const notification = await server.prisma.notification.findFirstOrThrow({
      where: { userId: user.id, kind: 'LOGIN_CODE' },
      select: { payload: true },
    });
    const code = (notification.payload as { code: string }).code;
    await page.getByLabel('Code from Telegram').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Sign in with code' }).click();
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContain('The code is wrong or has expired.');

    await page.getByLabel('Code from Telegram').fill(code);
    await page.getByRole('button', { name: 'Sign in with code' }).click();
    await page.waitForURL(`${server.url}/orders`);
    await page.locator('.order-card').first().waitFor();
  });
});

describe('a server failure on the PWA', () => {
  it('shows the request id of the failed request, the one in its X-Request-Id response header', async () => {
    const { page } = browser.current();
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await page.locator('.order-card').first().waitFor();

    const failures: string[] = [];
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      const body = await response.text().catch(() => '');
      if (body.includes('INTERNAL_SERVER_ERROR')) failures.push(response.headers()['x-request-id'] ?? '');
    });
    // A real fault: the orders table is taken away under the running server.
    await server.prisma.$executeRawUnsafe('ALTER TABLE "Order" RENAME TO "Order_away"');
    try {
      await page.reload();
      const alert = page.locator('.error-message__request-id');
      await alert.waitFor();
      await expect.poll(() => failures.length).toBeGreaterThan(0);
      const shown = await alert.textContent();
      expect(failures[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(shown).toContain(failures[0]);
      expect(shown).toMatch(/^(Error id|Код ошибки)/);
    } finally {
      await server.prisma.$executeRawUnsafe('ALTER TABLE "Order_away" RENAME TO "Order"');
    }
  });
});
