import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useBrowser } from './browser.js';
import { manager, orderCard, signInWithPassword, submitPasswordForm } from './journeys.js';
import { type E2eServer, startServer } from './server.js';

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('pwa-offline');

/** Waits until the service worker controls the page, so a reload offline opens the cached app shell. */
async function controlledByServiceWorker(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

const banner = (page: Page) => page.locator('.link-status');

describe('offline', () => {
  it('keeps the last board and order page readable, marked as not live', async () => {
    const { context, page } = browser.current();
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await controlledByServiceWorker(page);
    await orderCard(page, 1).waitFor();
    const card = await orderCard(page, 1).textContent();
    // The order page once online, so the normalized cache (IndexedDB) holds it too.
    await orderCard(page, 1).click();
    await page.locator('.order-status-row .badge').waitFor();
    const status = await page.locator('.order-status-row .badge').textContent();
    await page.goBack();
    await orderCard(page, 1).waitFor();
    expect(await banner(page).count()).toBe(0);

    await context.setOffline(true);
    // A restart without a connection: everything comes from the service worker and IndexedDB.
    await page.reload();
    await expect.poll(() => orderCard(page, 1).textContent(), { timeout: 15_000 }).toBe(card);
    await expect.poll(() => banner(page).getAttribute('data-link-problem')).toBe('offline');
    expect(await banner(page).textContent()).toBe('Offline: this is what was loaded last, not live.');

    await orderCard(page, 1).click();
    await expect.poll(() => page.locator('.order-status-row .badge').textContent()).toBe(status);
    expect(await banner(page).isVisible()).toBe(true);

    await context.setOffline(false);
    await expect.poll(() => banner(page).count(), { timeout: 15_000 }).toBe(0);
  });
});

describe('the language', () => {
  it('follows the device until one is chosen, which then wins and stays', async () => {
    const { page } = browser.current();
    await page.goto(`${server.url}/login`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to Posy');
    await page.getByLabel('Language').selectOption('ru');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Вход в Posy');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');

    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Вход в Posy');
    await page.getByLabel('Язык').selectOption('en');
    await submitPasswordForm(page, manager);
    await page.waitForURL(`${server.url}/orders`);
    await page.getByLabel('Language').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('h1').textContent()).toBe('Orders');
  });
});

describe('a new version', () => {
  let distCopy: string;
  let first: E2eServer | undefined;
  let second: E2eServer | undefined;
  beforeAll(async () => {
    distCopy = await mkdtemp(path.join(tmpdir(), 'posy-dist-'));
    await cp(inject('webappDist'), distCopy, { recursive: true });
  });
  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await rm(distCopy, { recursive: true, force: true });
  });

  it('is offered, and never reloads over unsent input without a warning', async () => {
    const { page } = browser.current();
    first = await startServer({ WEBAPP_DIST: distCopy });
    const origin = first.url;
    await page.goto(`${origin}/login`);
    await controlledByServiceWorker(page);

    // "Deploy": the same origin now serves another service worker (a different build's precache list).
    const port = new URL(origin).port;
    await first.stop();
    first = undefined;
    const worker = path.join(distCopy, 'sw.js');
    await writeFile(worker, `${await readFile(worker, 'utf8')}\n// the next version\n`);
    await rm(`${worker}.br`, { force: true });
    await rm(`${worker}.gz`, { force: true });
    second = await startServer({ WEBAPP_DIST: distCopy, PORT: port });
    expect(second.url).toBe(origin);

    await page.getByLabel('Email').fill('typed@but.not.sent');
    await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
    const prompt = page.getByRole('status', { name: 'A new version of Posy is ready.' });
    await prompt.waitFor({ timeout: 20_000 });
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await prompt.getByRole('button', { name: 'Update', exact: true }).click();
    await expect
      .poll(() => prompt.textContent())
      .toContain('Updating reloads the page: what you typed here would be lost.');
    expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
    expect(await page.getByLabel('Email').inputValue()).toBe('typed@but.not.sent');

    await prompt.getByRole('button', { name: 'Update anyway' }).click();
    await expect.poll(() => page.evaluate(() => 'notReloaded' in window), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Sign in to Posy');
    expect(await page.getByRole('status', { name: 'A new version of Posy is ready.' }).count()).toBe(0);
  });
});

describe('a rate limit', () => {
  it('counts its wait down on screen', async () => {
    const { page } = browser.current();
    await page.goto(`${server.url}/login`);
    await page.getByRole('tab', { name: 'Code in Telegram' }).click();
    await page.getByLabel('Email').fill(manager.email);
    await page.getByRole('button', { name: 'Get a code' }).click();
    await page.getByRole('button', { name: 'Send the code again' }).click();
    const secondsLeft = async () => {
      const text = (await page.getByRole('alert').textContent()) ?? '';
      const match = /Try again in (\d+) seconds?\./.exec(text);
      return match ? Number(match[1]) : undefined;
    };
    // A wait of a full minute reads "1 minute" until it is under 60 s: give the countdown that first second.
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeGreaterThan(2);
    const first = (await secondsLeft()) ?? 0;
    await expect.poll(secondsLeft, { timeout: 5_000 }).toBeLessThan(first);
  });
});

/** Records in the normalized caches this browser keeps (graphcache's IndexedDB, `posy-cache:<user>/<shop>`). */
function cachedRecords(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).flatMap(({ name }) =>
      name?.startsWith('posy-cache:') ? [name] : [],
    );
    const counts = await Promise.all(
      names.map(
        (name) =>
          new Promise<number>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              const db = request.result;
              const stores = [...db.objectStoreNames];
              if (stores.length === 0) return resolve(0);
              const transaction = db.transaction(stores, 'readonly');
              const each = stores.map((store) => transaction.objectStore(store).count());
              transaction.oncomplete = () => {
                db.close();
                resolve(each.reduce((sum, counted) => sum + counted.result, 0));
              };
            };
          }),
      ),
    );
    return counts.reduce((sum, count) => sum + count, 0);
  });
}

describe('signing out', () => {
  it('forgets what was kept to read offline, so the next person on the phone reads none of it', async () => {
    const { page } = browser.current();
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await orderCard(page, 1).click();
    await page.locator('.order-status-row .badge').waitFor();
    // The board and the order page reached the persisted cache…
    await expect.poll(() => cachedRecords(page), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.goto(`${server.url}/shops`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    // …and signing out empties it.
    await expect.poll(() => cachedRecords(page)).toBe(0);
  });
});
