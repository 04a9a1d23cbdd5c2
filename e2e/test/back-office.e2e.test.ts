import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './browser.js';
import { type ContrastViolation, contrastViolations } from './contrast.js';
import { apiSession, manager, signInWithPassword } from './journeys.js';
import { type E2eServer, startServer } from './server.js';

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('back-office');

/** Signs the manager in and opens a back-office page by its path, waiting for its heading. */
async function openAsManager(page: Page, path: string, heading: string) {
  await signInWithPassword(page, server, manager);
  await page.waitForURL(`${server.url}/orders`);
  await page.goto(`${server.url}${path}`);
  await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
}

/** At 360 px nothing may stick out sideways: the page itself never scrolls horizontally. */
async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 360, height: 780 });
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
}

function stockRow(page: Page, name: string) {
  return page.locator(`.stock-item[data-stock-item="${name}"]`);
}

async function onHandOf(name: string) {
  const item = await server.prisma.stockItem.findFirstOrThrow({ where: { name }, select: { onHand: true } });
  return item.onHand;
}

describe('stock', () => {
  it('receives a supply and shows the new level, writes off with a reason, and refuses more than is left beside the field', async () => {
    const { page } = browser.current();
    await openAsManager(page, '/stock', 'Stock');
    const before = await onHandOf('Tulip');
    await expect
      .poll(() => stockRow(page, 'Tulip').locator('.stock-item__on-hand').textContent())
      .toBe(String(before));
    // The seed's peonies expire in 30 hours: listed as expiring soon.
    await expect.poll(() => page.locator('.expiring-batch', { hasText: 'Peony' }).count()).toBe(1);

    await page.getByRole('button', { name: 'Receive a supply' }).click();
    const supply = page.getByRole('form', { name: 'Receive a supply' });
    await supply.getByLabel('Supplier').fill('Dutch Flowers');
    await supply.getByLabel('Stock item').selectOption({ label: 'Tulip' });
    await supply.getByLabel('Quantity').fill('30');
    await supply.getByLabel('Unit cost, RUB').fill('45,50');
    await supply.getByRole('button', { name: 'Receive' }).click();
    await expect.poll(() => supply.getByRole('status').textContent()).toBe('Received 30 of Tulip.');
    await expect
      .poll(() => stockRow(page, 'Tulip').locator('.stock-item__on-hand').textContent())
      .toBe(String(before + 30));
    expect(await onHandOf('Tulip')).toBe(before + 30);
    const batch = await server.prisma.stockBatch.findFirstOrThrow({
      where: { stockItem: { name: 'Tulip' }, supply: { supplierName: 'Dutch Flowers' } },
      select: { unitCostMinor: true, quantityRemaining: true },
    });
    expect(batch).toEqual({ unitCostMinor: 4550, quantityRemaining: 30 });

    await page.getByRole('button', { name: 'Write off' }).click();
    const writeOff = page.getByRole('form', { name: 'Write off' });
    await writeOff.getByLabel('Stock item').selectOption({ label: 'Tulip' });
    await writeOff.getByLabel('Quantity').fill('5');
    await writeOff.getByLabel('Reason').selectOption({ label: 'Damaged' });
    await writeOff.getByLabel('Note (optional)').fill('Crushed in the van');
    await writeOff.getByRole('button', { name: 'Write off' }).click();
    await expect
      .poll(() => writeOff.getByRole('status').textContent())
      .toBe(`Written off. Tulip: ${before + 25} on hand.`);
    await expect
      .poll(() => stockRow(page, 'Tulip').locator('.stock-item__on-hand').textContent())
      .toBe(String(before + 25));
    const gql = await apiSession(server, manager);
    const ledger = await gql<{
      stockMovements: { edges: { node: { quantity: number; reason: string; note: string } }[] };
    }>('{ stockMovements(first: 1) { edges { node { quantity reason note } } } }');
    expect(ledger.data?.stockMovements.edges[0]?.node).toEqual({
      quantity: -5,
      reason: 'DAMAGED',
      note: 'Crushed in the van',
    });

    // More than is there: the server's words beside the quantity, nothing written off.
    await writeOff.getByLabel('Quantity').fill('100000');
    await writeOff.getByRole('button', { name: 'Write off' }).click();
    const quantityError = writeOff.locator('#write-off-quantity-error');
    await expect.poll(() => quantityError.textContent()).toMatch(/^Only \d+ left to write off$/);
    expect(await writeOff.getByLabel('Quantity').getAttribute('aria-describedby')).toBe(
      'write-off-quantity-error',
    );
    expect(await onHandOf('Tulip')).toBe(before + 25);

    await expectNoSidewaysScroll(page);
  });
});

describe('stock items', () => {
  it('creates a stock item, refusing a name the shop has and one of spaces beside the field, then receives a supply of it', async () => {
    const { page } = browser.current();
    const gql = await apiSession(server, manager);
    type Item = {
      name: string;
      unit: string;
      onHand: number;
      unitCost: { amountMinor: number };
      reorderLevel: number | null;
      needsReorder: boolean;
    };
    const items = async () =>
      (
        await gql<{ stockItems: Item[] }>(
          '{ stockItems { name unit onHand unitCost { amountMinor } reorderLevel needsReorder } }',
        )
      ).data?.stockItems ?? [];
    const countBefore = (await items()).length;
    await openAsManager(page, '/stock', 'Stock');

    await page.getByRole('button', { name: 'New stock item' }).click();
    const form = page.getByRole('form', { name: 'New stock item' });
    const nameError = form.locator('#stock-item-name-error');
    await form.getByLabel('Name').fill('Tulip');
    await form.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => nameError.textContent()).toBe('A stock item with this name exists');
    expect(await form.getByLabel('Name').getAttribute('aria-describedby')).toBe('stock-item-name-error');
    await form.getByLabel('Name').fill('   ');
    await form.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => nameError.textContent()).not.toBe('A stock item with this name exists');
    expect(await nameError.textContent()).toMatch(/\S/);
    expect((await items()).length).toBe(countBefore);

    await form.getByLabel('Name').fill('Ruscus');
    await form.getByLabel('Counted in').selectOption({ label: 'Bunches' });
    await form.getByLabel('Reorder at (optional)').fill('5');
    await form.getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toBe('Ruscus created: receive a supply of it to have it on hand.');
    expect(await nameError.count()).toBe(0);
    await expect.poll(() => stockRow(page, 'Ruscus').locator('.stock-item__on-hand').textContent()).toBe('0');
    expect(await stockRow(page, 'Ruscus').locator('.stock-item__unit').textContent()).toBe('bunches');
    expect((await items()).find((item) => item.name === 'Ruscus')).toMatchObject({
      unit: 'BUNCH',
      onHand: 0,
    });
    expect((await items()).length).toBe(countBefore + 1);
    // Nothing on hand yet: at or below its reorder level, as the row says and the API reads it.
    expect((await items()).find((item) => item.name === 'Ruscus')).toMatchObject({
      reorderLevel: 5,
      needsReorder: true,
    });
    expect(await stockRow(page, 'Ruscus').locator('.stock-item__reorder').textContent()).toBe(
      'reorder: at or below 5',
    );

    await page.getByRole('button', { name: 'Receive a supply' }).click();
    const supply = page.getByRole('form', { name: 'Receive a supply' });
    await supply.getByLabel('Supplier').fill('Green Farm');
    await supply.getByLabel('Stock item').selectOption({ label: 'Ruscus' });
    await supply.getByLabel('Quantity').fill('12');
    await supply.getByLabel('Unit cost, RUB').fill('80');
    await supply.getByRole('button', { name: 'Receive' }).click();
    await expect.poll(() => supply.getByRole('status').textContent()).toBe('Received 12 of Ruscus.');
    await expect
      .poll(() => stockRow(page, 'Ruscus').locator('.stock-item__on-hand').textContent())
      .toBe('12');
    expect((await items()).find((item) => item.name === 'Ruscus')).toEqual({
      name: 'Ruscus',
      unit: 'BUNCH',
      onHand: 12,
      unitCost: { amountMinor: 8000 },
      reorderLevel: 5,
      needsReorder: false,
    });
    expect(await stockRow(page, 'Ruscus').locator('.list__subtitle').first().textContent()).toContain(
      'reorder at 5',
    );

    await expectNoSidewaysScroll(page);
  });
});

/** An 8 × 8 red PNG (made once with sharp), so the test needs no image library. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4IWeDFTEMLQkAd2xIgdTVI7QAAAAASUVORK5CYII=',
  'base64',
);

describe('catalog', () => {
  it('edits a composition and shows the server’s new cost and margin, and adds a photo', async () => {
    const { page } = browser.current();
    await openAsManager(page, '/catalog', 'Catalog');
    await page.locator('.catalog-product', { hasText: '15 red roses' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('15 red roses');
    const costBefore = await page.locator('.product-figures__cost').textContent();

    const line = page.locator('.composition__line').filter({ has: page.getByLabel('Quantity of Red rose') });
    await line.getByLabel('Quantity of Red rose').fill('10');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Saved. Cost and margin are updated.');

    const gql = await apiSession(server, manager);
    const product = await server.prisma.product.findFirstOrThrow({
      where: { name: '15 red roses' },
      select: { id: true },
    });
    const components = await server.prisma.productComponent.findMany({
      where: { productId: product.id, stockItem: { name: 'Red rose' } },
      select: { quantity: true },
    });
    expect(components).toEqual([{ quantity: 10 }]);
    const catalog = await gql<{
      products: { edges: { node: { name: string; cost: { amountMinor: number }; margin: number } }[] };
    }>(
      '{ products(search: "15 red roses", first: 1) { edges { node { name cost { amountMinor } margin } } } }',
    );
    const saved = catalog.data?.products.edges[0]?.node;
    expect(saved?.name).toBe('15 red roses');
    const expectedCost = new Intl.NumberFormat('en', { style: 'currency', currency: 'RUB' }).format(
      (saved?.cost.amountMinor ?? 0) / 100,
    );
    await expect.poll(() => page.locator('.product-figures__cost').textContent()).toBe(expectedCost);
    expect(expectedCost).not.toBe(costBefore);
    expect(await page.locator('.product-figures__margin').textContent()).toContain(
      `${Math.round((saved?.margin ?? 0) * 100)}%`,
    );

    await page.getByLabel('Add a photo').setInputFiles({
      name: 'bouquet.png',
      mimeType: 'image/png',
      buffer: tinyPng,
    });
    await expect.poll(() => page.locator('.photo-grid__image').count()).toBe(1);
    expect(await server.prisma.productPhoto.count({ where: { productId: product.id } })).toBe(1);

    await expectNoSidewaysScroll(page);
  });

  it('creates a product off sale and opens its page', async () => {
    const { page } = browser.current();
    await openAsManager(page, '/catalog', 'Catalog');
    await page.getByRole('button', { name: 'New product' }).click();
    const form = page.getByRole('form', { name: 'New product' });
    await form.getByLabel('Name').fill('Autumn basket');
    await form.getByLabel('Price, RUB').fill('2 750');
    await form.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Autumn basket');
    expect(new URL(page.url()).pathname).toMatch(/^\/catalog\/.+/);
    const created = await server.prisma.product.findFirstOrThrow({
      where: { name: 'Autumn basket' },
      select: { priceMinor: true, active: true },
    });
    expect(created).toEqual({ priceMinor: 275_000, active: false });
  });
});

describe('checkout settings', () => {
  it('sets the cut-off, adds a slot, a closure day and a zone, and shows a bad slot beside its field', async () => {
    const { page } = browser.current();
    await openAsManager(page, '/settings/checkout', 'Checkout settings');
    const shop = await server.prisma.shop.findFirstOrThrow({ where: { slug: 'demo' }, select: { id: true } });

    const rules = page.getByRole('form', { name: 'Rules' });
    await rules.getByLabel('Same-day orders until (empty: no cut-off)').fill('14:30');
    await rules.getByLabel('Card text, characters at most').fill('180');
    await rules.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => rules.getByRole('status').textContent()).toBe('Saved.');
    expect(
      await server.prisma.shop.findUniqueOrThrow({
        where: { id: shop.id },
        select: { sameDayCutoffMinutes: true, cardTextMaxLength: true },
      }),
    ).toEqual({ sameDayCutoffMinutes: 14 * 60 + 30, cardTextMaxLength: 180 });

    const slots = page.getByRole('form', { name: 'Add a slot' });
    const slotsBefore = await page.locator('.delivery-slot').count();
    await slots.getByLabel('Day').selectOption({ label: 'Saturday' });
    await slots.getByLabel('Orders per slot').fill('3');
    await slots.getByLabel('From').fill('18:00');
    await slots.getByLabel('To').fill('20:00');
    await slots.getByRole('button', { name: 'Add a slot' }).click();
    await expect.poll(() => page.locator('.delivery-slot').count()).toBe(slotsBefore + 1);
    expect(await page.locator('.delivery-slot', { hasText: 'Saturday 18:00–20:00' }).textContent()).toContain(
      'Up to 3 orders',
    );

    // Ends before it starts: the server's words beside "To", no slot added.
    await slots.getByLabel('From').fill('20:00');
    await slots.getByLabel('To').fill('19:00');
    await slots.getByRole('button', { name: 'Add a slot' }).click();
    await expect
      .poll(() => slots.locator('#slot-end-error').textContent())
      .toBe('The slot must start before it ends');
    expect(await page.locator('.delivery-slot').count()).toBe(slotsBefore + 1);

    // Edited in place: longer, fewer orders, and paused (it stops taking orders but stays).
    const saturday = page.locator('.delivery-slot', { hasText: 'Saturday 18:00–20:00' });
    const slotId = (
      await server.prisma.deliverySlot.findFirstOrThrow({
        where: { shopId: shop.id, weekday: 6, startMinutes: 18 * 60, endMinutes: 20 * 60 },
        select: { id: true },
      })
    ).id;
    await saturday.getByRole('button', { name: 'Edit' }).click();
    const editing = page.getByRole('form', { name: 'Edit the slot' });
    expect(await editing.getByLabel('From').inputValue()).toBe('18:00');
    await editing.getByLabel('To').fill('21:00');
    await editing.getByLabel('Orders per slot').fill('4');
    await editing.getByLabel('Takes orders').uncheck();
    await editing.getByRole('button', { name: 'Save the slot' }).click();
    await expect
      .poll(() => page.locator('.delivery-slot', { hasText: 'Saturday 18:00–21:00' }).textContent())
      .toContain('Up to 4 orders · inactive');
    expect(await page.locator('.delivery-slot').count()).toBe(slotsBefore + 1);
    expect(
      await server.prisma.deliverySlot.findUniqueOrThrow({
        where: { id: slotId },
        select: { endMinutes: true, capacity: true, active: true },
      }),
    ).toEqual({ endMinutes: 21 * 60, capacity: 4, active: false });
    // Back to adding: the form is the new slot's again.
    await page.getByRole('form', { name: 'Add a slot' }).waitFor();

    const closures = page.getByRole('form', { name: 'Add a closure day' });
    const closureDay = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await closures.getByLabel('Date').fill(closureDay);
    await closures.getByLabel('Reason (optional)').fill('Stocktaking');
    await closures.getByRole('button', { name: 'Add a closure day' }).click();
    await expect
      .poll(() => page.locator('.shop-closure', { hasText: closureDay }).textContent())
      .toContain('Stocktaking');

    const zones = page.getByRole('form', { name: 'Add a zone' });
    await zones.getByLabel('Zone').fill('Suburbs');
    await zones.getByLabel('Delivery fee, RUB').fill('1200');
    await zones.getByRole('button', { name: 'Add a zone' }).click();
    await expect.poll(() => page.locator('.delivery-zone', { hasText: 'Suburbs' }).count()).toBe(1);
    const zone = await server.prisma.deliveryZone.findFirstOrThrow({
      where: { shopId: shop.id, name: 'Suburbs' },
      select: { feeMinor: true },
    });
    expect(zone.feeMinor).toBe(120_000);

    await expectNoSidewaysScroll(page);
  });
});

describe('dashboard', () => {
  it('shows today’s figures and the charts, and downloads the orders as CSV', async () => {
    const { page } = browser.current();
    await openAsManager(page, '/dashboard', 'Dashboard');
    const gql = await apiSession(server, manager);
    const today = await gql<{
      dashboard: { bookedOrders: number; lateDeliveries: number; date: string; timeZone: string };
    }>('{ dashboard { bookedOrders lateDeliveries date timeZone } }');
    await expect
      .poll(() => page.locator('[data-figure="bookedOrders"]').textContent())
      .toBe(String(today.data?.dashboard.bookedOrders));
    expect(await page.locator('[data-figure="lateDeliveries"]').textContent()).toBe(
      String(today.data?.dashboard.lateDeliveries),
    );
    // Three charts of fourteen days each (orders, revenue, late deliveries), days without any drawn as zero.
    expect(await page.locator('.bar-chart').count()).toBe(3);
    expect(await page.locator('.bar-chart__bar').count()).toBe(42);
    // The late deliveries chart says today what the delivery report says of today.
    const report = await gql<{ deliveryReport: { byDay: { day: string; due: number; late: number }[] } }>(
      'query ($period: ReportPeriodInput!) { deliveryReport(period: $period) { byDay { day due late } } }',
      { period: { from: today.data!.dashboard.date, to: nextDay(today.data!.dashboard.date) } },
    );
    const { due = 0, late = 0 } = report.data?.deliveryReport.byDay[0] ?? {};
    const lateChart = page.locator('.bar-chart', { hasText: 'Late deliveries by day' });
    await expect
      .poll(() => lateChart.locator('tr').last().locator('td').textContent())
      .toBe(`${late} of ${due} late`);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download orders (CSV)' }).click(),
    ]);
    const [, from, to] =
      /^orders-(\d{4}-\d{2}-\d{2})-(\d{4}-\d{2}-\d{2})\.csv$/.exec(download.suggestedFilename()) ?? [];
    expect(from && to).toBeTruthy();
    const downloaded = await readFile((await download.path()) ?? '');
    // The same bytes the export sends another client for the same days.
    const signedIn = await server.gql<{ loginWithPassword: { accessToken: string } }>(
      'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken } }',
      manager,
    );
    const shop = await server.prisma.shop.findFirstOrThrow({ where: { slug: 'demo' }, select: { id: true } });
    const direct = await fetch(`${server.url}/reports/orders.csv?from=${from}&to=${to}`, {
      headers: {
        Authorization: `Bearer ${signedIn.data?.loginWithPassword.accessToken}`,
        'X-Shop-Id': shop.id,
      },
    });
    expect(direct.status).toBe(200);
    expect(downloaded.equals(Buffer.from(await direct.arrayBuffer()))).toBe(true);
    expect(downloaded.toString('utf8').split('\r\n').filter(Boolean).length).toBeGreaterThan(1);

    // Live: another manager starts production of a confirmed order; its new task shows up as waiting
    // in the production figure, without a reload (dashboardTick).
    const production = () => page.locator('[data-figure="production"]').textContent();
    const before = await production();
    const orders = await gql<{
      orders: { edges: { node: { id: string; version: number; status: string } }[] };
    }>('{ orders(first: 50) { edges { node { id version status } } } }');
    const confirmed = orders.data?.orders.edges.find((edge) => edge.node.status === 'CONFIRMED')?.node;
    if (!confirmed) throw new Error('The seed has no confirmed order');
    const moved = await gql<{ changeOrderStatus: { __typename: string } }>(
      'mutation ($id: ID!, $version: Int!) { changeOrderStatus(id: $id, to: IN_PRODUCTION, version: $version) { __typename } }',
      { id: confirmed.id, version: confirmed.version },
    );
    expect(moved.data?.changeOrderStatus.__typename).toBe('MutationChangeOrderStatusSuccess');
    const after = await gql<{ dashboard: { productionWaiting: number; productionInProgress: number } }>(
      '{ dashboard { productionWaiting productionInProgress } }',
    );
    const expected = `${after.data?.dashboard.productionWaiting} waiting · ${after.data?.dashboard.productionInProgress} in work`;
    expect(expected).not.toBe(before);
    await expect.poll(production).toBe(expected);

    await expectNoSidewaysScroll(page);
  });

  it('keeps the bottom bar inside 360 px, scrolling sideways to the last section', async () => {
    const { page } = browser.current();
    await page.setViewportSize({ width: 360, height: 780 });
    await openAsManager(page, '/dashboard', 'Dashboard');
    const nav = page.getByRole('navigation');
    // Every section's name fits its tab: none squeezed under its text or over its neighbour.
    const tabs = await nav.getByRole('link').evaluateAll((links) =>
      links.map((link) => {
        const box = link.getBoundingClientRect();
        return {
          text: link.textContent,
          fits: link.scrollWidth <= link.clientWidth,
          left: box.left,
          right: box.right,
        };
      }),
    );
    expect(tabs.length).toBe(10);
    for (const tab of tabs) expect(tab, `${tab.text} fits its tab`).toMatchObject({ fits: true });
    for (const [index, tab] of tabs.slice(1).entries()) {
      expect(tab.left, `${tab.text} starts after the tab before it`).toBeGreaterThanOrEqual(
        tabs[index]?.right ?? 0,
      );
    }
    const last = nav.getByRole('link', { name: 'Checkout' });
    await last.scrollIntoViewIfNeeded();
    const box = await last.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    await last.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Checkout settings');
    await expectNoSidewaysScroll(page);
  });
});

describe('customers and subscriptions', () => {
  it('finds a customer, shows their orders, and adds and removes an important date', async () => {
    const { page } = browser.current();
    await openAsManager(page, '/customers', 'Customers');
    await page.getByRole('searchbox', { name: 'Search by name, phone or email' }).fill('Olga');
    await expect.poll(() => page.locator('.customer-row').allTextContents()).toHaveLength(1);
    await page.locator('.customer-row', { hasText: 'Olga Smirnova' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Olga Smirnova');
    const olga = await server.prisma.customer.findFirstOrThrow({
      where: { name: 'Olga Smirnova' },
      select: { id: true, _count: { select: { orders: true } } },
    });
    await expect.poll(() => page.locator('.customer-order').count()).toBe(Math.min(olga._count.orders, 20));

    const form = page.getByRole('form', { name: 'Add a date' });
    await form.getByLabel('Whose date or what it is').fill('Olga’s birthday');
    await form.getByLabel('Kind').selectOption({ label: 'Birthday' });
    await form.getByLabel('Date', { exact: true }).fill('1990-05-14');
    await form.getByRole('button', { name: 'Add a date' }).click();
    const added = page.locator('.important-date', { hasText: 'Olga’s birthday' });
    await expect.poll(() => added.locator('.list__subtitle').textContent()).toBe('Birthday · 14.05.1990');
    expect(
      await server.prisma.importantDate.findFirst({
        where: { customerId: olga.id, title: 'Olga’s birthday' },
        select: { day: true, month: true, year: true, kind: true },
      }),
    ).toEqual({ day: 14, month: 5, year: 1990, kind: 'BIRTHDAY' });

    await added.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => added.count()).toBe(0);
    expect(
      await server.prisma.importantDate.count({ where: { customerId: olga.id, title: 'Olga’s birthday' } }),
    ).toBe(0);

    await expectNoSidewaysScroll(page);
  });

  it('pauses and resumes a subscription', async () => {
    const { page } = browser.current();
    await openAsManager(page, '/subscriptions', 'Subscriptions');
    const pausedCount = () => server.prisma.subscription.count({ where: { status: 'PAUSED' } });
    const pausedBefore = await pausedCount();
    const total = await server.prisma.subscription.count();
    await expect.poll(() => page.locator('.subscription-row').count()).toBe(Math.min(total, 50));
    const row = page
      .locator('.subscription-row')
      .filter({ has: page.getByRole('button', { name: 'Pause' }) })
      .first();
    const rowId = await row.getAttribute('data-subscription');
    await row.getByRole('button', { name: 'Pause' }).click();
    const paused = page.locator(`.subscription-row[data-subscription="${rowId}"]`);
    await paused.getByRole('button', { name: 'Resume' }).waitFor();
    expect(await paused.locator('.list__subtitle').first().textContent()).toMatch(/^Paused · /);
    expect(await pausedCount()).toBe(pausedBefore + 1);

    await paused.getByRole('button', { name: 'Resume' }).click();
    await paused.getByRole('button', { name: 'Pause' }).waitFor();
    expect(await paused.locator('.list__subtitle').first().textContent()).toMatch(/^Active · /);
    expect(await pausedCount()).toBe(pausedBefore);

    await expectNoSidewaysScroll(page);
  });
  it('renews a subscription by one more term and cancels another with its reason, refusing a stale change and a bad day in place', async () => {
    const { page } = browser.current();
    const gql = await apiSession(server, manager);
    const ids = await gql<{
      customers: { edges: { node: { id: string } }[] };
      products: { edges: { node: { id: string } }[] };
      shop: { timezone: string };
    }>(
      '{ customers(search: "Olga", first: 1) { edges { node { id } } } products(activeOnly: true, first: 1) { edges { node { id } } } shop { timezone } }',
    );
    const customerId = ids.data?.customers.edges[0]?.node.id;
    const productId = ids.data?.products.edges[0]?.node.id;
    const timeZone = ids.data?.shop.timezone ?? '';
    const day = 86_400_000;
    const now = Date.now();
    /** A thirty-day subscription made over the API, for this test alone. */
    async function subscribe(plan: string) {
      const made = await gql<{ createSubscription: { id: string; validFrom: string; validUntil: string } }>(
        `mutation ($input: CreateSubscriptionInput!) {
          createSubscription(input: $input) { id validFrom validUntil }
        }`,
        {
          input: {
            customerId,
            productId,
            plan,
            frequency: 'WEEKLY',
            firstDeliveryAt: new Date(now + 2 * day).toISOString(),
            deliveryAddress: 'Moscow, Arbat 11, apt 2',
            validFrom: new Date(now).toISOString(),
            validUntil: new Date(now + 30 * day).toISOString(),
          },
        },
      );
      const subscription = made.data?.createSubscription;
      if (!subscription) throw new Error(`createSubscription failed: ${JSON.stringify(made.errors)}`);
      return subscription;
    }
    const read = async (id: string) =>
      (
        await gql<{
          node: { status: string; version: number; validUntil: string; cancelReason: string | null };
        }>(
          'query ($id: ID!) { node(id: $id) { ... on CustomerSubscription { status version validUntil cancelReason } } }',
          { id },
        )
      ).data?.node;
    /** A day on the shop's clock, as a date input holds it. */
    const shopDay = (instant: number) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(instant);

    const renewing = await subscribe('Renewal test');
    const cancelling = await subscribe('Cancellation test');
    await openAsManager(page, '/subscriptions', 'Subscriptions');
    const row = (id: string) => page.locator(`.subscription-row[data-subscription="${id}"]`);

    // Renew: one more term (thirty days) after the current end is proposed.
    await row(renewing.id).locator('summary', { hasText: 'Renew' }).click();
    const lastDay = row(renewing.id).getByLabel('New last day');
    const proposed = shopDay(now + 60 * day);
    expect(await lastDay.inputValue()).toBe(proposed);
    // A day before the current end: the server's words beside the field, nothing changed.
    await lastDay.fill(shopDay(now + 10 * day));
    await row(renewing.id).getByRole('button', { name: 'Renew the subscription' }).click();
    await expect
      .poll(() => row(renewing.id).locator(`[id="renew-until-${renewing.id}-error"]`).textContent())
      .toBe('A renewal must end later than now and than the subscription does');
    expect(await read(renewing.id)).toMatchObject({ version: 1, validUntil: renewing.validUntil });

    await lastDay.fill(proposed);
    await row(renewing.id).getByRole('button', { name: 'Renew the subscription' }).click();
    const renewedUntil = new Intl.DateTimeFormat('en', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone,
    }).format(now + 60 * day);
    await expect
      .poll(() => row(renewing.id).getByRole('status').textContent())
      .toBe(`Renewed until ${renewedUntil}.`);
    await expect
      .poll(() => row(renewing.id).locator('.subscription-row__until').textContent())
      .toBe(`Until ${renewedUntil}`);
    const renewed = await read(renewing.id);
    expect(renewed).toMatchObject({ status: 'ACTIVE', version: 2 });
    // The end of the chosen day on the shop's clock.
    expect(shopDay(Date.parse(renewed?.validUntil ?? ''))).toBe(proposed);
    expect(shopDay(Date.parse(renewed?.validUntil ?? '') + 1000)).not.toBe(proposed);

    // Cancel, after a colleague paused it meanwhile: refused as stale, said in the row, nothing cancelled.
    const paused = await gql<{ pauseSubscription: { __typename: string } }>(
      'mutation ($id: ID!) { pauseSubscription(id: $id, version: 1) { __typename } }',
      { id: cancelling.id },
    );
    expect(paused.data?.pauseSubscription.__typename).toBe('MutationPauseSubscriptionSuccess');
    const cancelRow = row(cancelling.id);
    expect(await cancelRow.locator('.list__subtitle').first().textContent()).toMatch(/^Active · /);
    await cancelRow.locator('summary', { hasText: 'Cancel' }).click();
    const cancelButton = cancelRow.getByRole('button', { name: 'Cancel the subscription' });
    expect(await cancelButton.isDisabled()).toBe(true);
    await cancelRow.getByLabel('Why it is cancelled').fill('Moving abroad');
    await cancelButton.click();
    await expect
      .poll(() => cancelRow.getByRole('alert').textContent())
      .toBe('Someone changed this subscription meanwhile; the list shows it now.');
    await expect.poll(() => cancelRow.locator('.list__subtitle').first().textContent()).toMatch(/^Paused · /);
    expect(await read(cancelling.id)).toMatchObject({ status: 'PAUSED', cancelReason: null });

    await cancelButton.click();
    await expect.poll(() => cancelRow.getByRole('status').textContent()).toBe('Subscription cancelled.');
    await expect
      .poll(() => cancelRow.locator('.list__subtitle').first().textContent())
      .toMatch(/^Cancelled · /);
    expect(await cancelRow.getByRole('alert').count()).toBe(0);
    // Cancelled is final: neither cancel nor renew is offered any more.
    expect(await cancelRow.locator('summary').count()).toBe(0);
    expect(await read(cancelling.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'Moving abroad' });

    await expectNoSidewaysScroll(page);
  });
});

describe('back-office text contrast of at least 4.5:1', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`on stock, catalog, a product, checkout settings, customers, subscriptions and the dashboard, ${colorScheme}`, async () => {
      const { page } = browser.current();
      await page.emulateMedia({ colorScheme });
      await signInWithPassword(page, server, manager);
      await page.waitForURL(`${server.url}/orders`);
      const pages = [
        ['/stock', '.stock-item'],
        ['/catalog', '.catalog-product'],
        ['/settings/checkout', '.delivery-slot'],
        ['/customers', '.customer-row'],
        ['/subscriptions', '.subscription-row'],
        ['/dashboard', '.bar-chart'],
      ] as const;
      const violations: Record<string, ContrastViolation[]> = {};
      for (const [path, content] of pages) {
        await page.goto(`${server.url}${path}`);
        await page.locator(content).first().waitFor();
        violations[path] = await contrastViolations(page);
      }
      await page.locator('.shop-nav__item', { hasText: 'Catalog' }).click();
      await page.locator('.catalog-product').first().click();
      await page.locator('.product-figures').waitFor();
      violations['a product'] = await contrastViolations(page);
      expect(violations).toEqual(Object.fromEntries(Object.keys(violations).map((key) => [key, []])));
    });
  }
});

/** The local date after `day` (YYYY-MM-DD). */
function nextDay(day: string) {
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
