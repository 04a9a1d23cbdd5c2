import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { apiSession, manager, signInWithPassword } from './journeys.js';
import { type E2eServer, e2eBotToken, startServer } from './server.js';
import { emulateTelegramClient, miniAppUrl } from './telegram.js';

// Long lists load a page at a time (issue 13, "lists are single-page"): more rows than one page holds are
// all reachable, through "Load more", and a new search starts again from one page.

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('lists-paging');

/** Rows per page of the customers list (webapp/src/pages/CustomersPage/customers-variables.ts). */
const customersPageSize = 30;
/** Bouquets per page of the Mini App catalog (webapp/src/pages/ShopPage/shop-variables.ts). */
const shopPageSize = 24;
/** The demo shop's customer as Telegram knows them (prisma/src/seed.ts). */
const demoCustomer = { id: 100000005, first_name: 'Chris', username: 'customer', language_code: 'en' };

describe('the customers list', () => {
  it('shows a page, loads the rest on "Load more", and starts again from one page for a new search', async () => {
    const gql = await apiSession(server, manager);
    // More customers named alike than one page holds, made as a manager would, over the API.
    const created = customersPageSize + 5;
    for (let index = 1; index <= created; index++) {
      const answer = await gql<{ createCustomer: { __typename: string } }>(
        'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { __typename } }',
        { input: { name: `Paging Fern ${String(index).padStart(2, '0')}` } },
      );
      expect(answer.data?.createCustomer.__typename, JSON.stringify(answer.errors)).toBe(
        'MutationCreateCustomerSuccess',
      );
    }
    const listed = await gql<{ customers: { totalCount: number } }>('{ customers(first: 1) { totalCount } }');
    const everyone = listed.data?.customers.totalCount ?? 0;
    expect(everyone).toBeGreaterThan(customersPageSize);

    const { page } = browser.current();
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await page.goto(`${server.url}/customers`);
    const rows = page.locator('.customer-row');
    const loadMore = page.getByRole('button', { name: 'Load more' });

    // The whole shop: the first page, the count of all, and the rest a click away.
    await expect.poll(() => rows.count()).toBe(customersPageSize);
    expect(await page.locator('.list-summary').textContent()).toBe(`${everyone} customers`);
    await loadMore.click();
    await expect.poll(() => rows.count()).toBe(Math.min(everyone, 2 * customersPageSize));

    // A search drops the loaded pages: its own first page, then its rest, and no more to load.
    await page.getByRole('searchbox', { name: 'Search by name, phone or email' }).fill('Paging Fern');
    await expect.poll(() => page.locator('.list-summary').textContent()).toBe(`${created} customers`);
    await expect.poll(() => rows.count()).toBe(customersPageSize);
    await loadMore.click();
    await expect.poll(() => rows.count()).toBe(created);
    expect(await loadMore.count()).toBe(0);
    const names = await page.locator('.customer-row .list__title').allTextContents();
    expect(new Set(names).size).toBe(created);
    expect(names.every((name) => name.startsWith('Paging Fern '))).toBe(true);
  });
});

describe('the Mini App catalog', () => {
  it('shows a shelf a page at a time, the rest of it on "Load more"', async () => {
    const gql = await apiSession(server, manager);
    const shelf = await gql<{ createCategory: { id: string } }>(
      'mutation { createCategory(input: { name: "Paging vases" }) { id } }',
    );
    const categoryId = shelf.data?.createCategory.id;
    expect(categoryId, JSON.stringify(shelf.errors)).toBeTruthy();
    const created = shopPageSize + 3;
    for (let index = 1; index <= created; index++) {
      const answer = await gql<{ createProduct: { id: string } }>(
        'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
        {
          input: {
            name: `Paging vase ${String(index).padStart(2, '0')}`,
            priceMinor: 1500,
            leadTimeMinutes: 30,
            categoryId,
            components: [],
          },
        },
      );
      expect(answer.data?.createProduct.id, JSON.stringify(answer.errors)).toBeTruthy();
    }

    const { page } = browser.current();
    await emulateTelegramClient(page);
    await page.goto(
      await miniAppUrl(server.url, { user: demoCustomer, botToken: e2eBotToken, startParam: 'shop-demo' }),
    );
    await page.waitForURL((url) => url.pathname === '/shop');
    const items = page.locator('.catalog__item');
    const loadMore = page.getByRole('button', { name: 'Load more' });
    // Every shelf together: one page, and more to load (the seed's bouquets and these).
    await expect.poll(() => items.count()).toBe(shopPageSize);
    expect(await loadMore.count()).toBe(1);

    await page.getByRole('button', { name: 'Paging vases', exact: true }).click();
    await expect
      .poll(async () => (await items.allTextContents()).every((text) => text.includes('Paging vase ')))
      .toBe(true);
    expect(await items.count()).toBe(shopPageSize);
    await loadMore.click();
    await expect.poll(() => items.count()).toBe(created);
    expect(await loadMore.count()).toBe(0);
  });
});
