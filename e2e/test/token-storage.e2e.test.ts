import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { manager, refreshCookie, signInWithPassword } from './journeys.js';
import { type E2eServer, e2eBotToken, startServer } from './server.js';
import { emulateTelegramClient, miniAppUrl } from './telegram.js';

/** The demo customer (prisma/src/seed.ts), known to the e2e bot. */
const demoCustomer = { id: 100000005, first_name: 'Chris', username: 'customer', language_code: 'en' };

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('token-storage');

/**
 * Every access and refresh token the server hands this page: in /graphql answers (any field named
 * so, at any depth), and the refresh cookie as the browser holds it.
 */
function captureTokens(page: Page, context: BrowserContext) {
  const answers: Promise<void>[] = [];
  const tokens = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'accessToken' || key === 'refreshToken') && typeof inner === 'string') tokens.add(inner);
        else collect(inner);
      }
    }
  };
  page.on('response', (response) => {
    if (new URL(response.url()).pathname !== '/graphql' || response.request().method() !== 'POST') return;
    answers.push(response.json().then(collect, () => {}));
  });
  return async () => {
    await Promise.all(answers);
    const cookie = await refreshCookie(context);
    if (cookie) tokens.add(cookie.value);
    return [...tokens];
  };
}

/** Everything page script can read that could hold a token: both storages, cookies, IndexedDB and cache names. */
function readableByScript(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const entries = (storage: Storage) =>
      Array.from({ length: storage.length }, (_, index) => {
        const key = storage.key(index) ?? '';
        return `${key}=${storage.getItem(key)}`;
      });
    const databases = (await indexedDB.databases()).map((database) => database.name);
    const caches = await window.caches.keys();
    return JSON.stringify({
      localStorage: entries(localStorage),
      sessionStorage: entries(sessionStorage),
      cookie: document.cookie,
      databases,
      caches,
    });
  });
}

function expectNoToken(readable: string, tokens: string[]) {
  for (const token of tokens) expect(readable).not.toContain(token);
}

describe('tokens in the browser', () => {
  it('after a password sign-in and a reload, page script can read neither the access nor the refresh token', async () => {
    const { context, page } = browser.current();
    const tokens = captureTokens(page, context);
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await page.locator('.order-card').first().waitFor();

    const signedIn = await tokens();
    // An access token from the answer and the refresh token from the cookie; the answer has no refresh token.
    expect(signedIn).toHaveLength(2);
    const readable = await readableByScript(page);
    expectNoToken(readable, signedIn);
    // What is stored is the session without its tokens (the user, the shop), so a reload stays signed in.
    expect(readable).toContain('posy.session.v2');

    // After a reload the app has traded the cookie for new tokens: none of those is readable either.
    await page.reload();
    await page.locator('.order-card').first().waitFor();
    const renewed = await tokens();
    expect(renewed.length).toBeGreaterThan(signedIn.length);
    expectNoToken(await readableByScript(page), renewed);
  });

  it('after a Telegram sign-in page script can read no token, and the next launch signs in again', async () => {
    const { context, page } = browser.current();
    await emulateTelegramClient(page);
    const tokens = captureTokens(page, context);
    const launch = await miniAppUrl(server.url, {
      user: demoCustomer,
      botToken: e2eBotToken,
      startParam: 'shop-demo',
    });
    const signIns: string[] = [];
    page.on('request', (request) => {
      if (request.postData()?.includes('loginWithTelegram')) signIns.push(request.url());
    });

    await page.goto(launch);
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().waitFor();
    const signedIn = await tokens();
    // The access and refresh tokens of the answer: inside Telegram no cookie is set.
    expect(signedIn).toHaveLength(2);
    expect(await refreshCookie(context)).toBeUndefined();
    expectNoToken(await readableByScript(page), signedIn);

    await page.goto(launch);
    await page.waitForURL((url) => url.pathname === '/shop');
    await page.locator('.catalog__item').first().waitFor();
    expect(signIns).toHaveLength(2);
    expectNoToken(await readableByScript(page), await tokens());
  });
});
