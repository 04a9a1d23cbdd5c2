import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { apiSession, manager, signInWithPassword } from './journeys.js';
import { type E2eServer, startServer } from './server.js';

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
