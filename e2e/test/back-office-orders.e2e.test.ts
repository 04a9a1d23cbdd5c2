import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir, useBrowser } from './browser.js';
import { apiSession, manager, orderCard, signInWithPassword, watchSubscriptions } from './journeys.js';
import { type E2eServer, startServer } from './server.js';

/** The demo shop's florist (prisma/src/seed.ts): speaks Russian, so the app does after they sign in. */
const florist = { email: 'florist@posy.demo', password: manager.password };

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server: E2eServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const browser = useBrowser('back-office-orders');

/** axe-core's rules that need no design judgement: labels, names, contrast, roles. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, {
      runOnly: ['color-contrast', 'label', 'button-name', 'select-name', 'aria-valid-attr-value', 'list'],
    });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`),
    );
  });
}

/** Elements whose text is cut (overflowing their box) or that stick out of the page, at the current width. */
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width) problems.push(`page scrolls sideways (${width}px)`);
    for (const element of document.querySelectorAll<HTMLElement>('main *')) {
      const box = element.getBoundingClientRect();
      // Screen-reader-only text is clipped on purpose; the chips row scrolls sideways by design.
      if (box.width === 0 || element.closest('.chips, .visually-hidden')) continue;
      if (box.right > width + 1)
        problems.push(`${element.tagName}.${element.className} ends at ${box.right}`);
      const style = getComputedStyle(element);
      if (style.overflowX === 'hidden' && element.scrollWidth > element.clientWidth + 1)
        problems.push(`${element.tagName}.${element.className} cuts its text`);
    }
    // Numbers (phones, amounts) that wrap onto a second line.
    for (const element of document.querySelectorAll<HTMLElement>(
      'main a[href^="tel:"], .items__total, .totals dd',
    )) {
      const range = document.createRange();
      range.selectNodeContents(element);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      if (lines.size > 1) problems.push(`“${element.textContent}” wraps mid-number`);
    }
    return problems;
  });
}

/** Each screen of the journeys as its own artifact, at 360 px (the final screen is saved by useBrowser). */
let shots = 0;

async function checkAtPhoneWidth(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: size?.height ?? 800 });
  shots += 1;
  const screen = new URL(page.url()).pathname.replace(/[^\w-]+/g, '-').slice(0, 40);
  await page.screenshot({
    path: path.join(artifactsDir, `back-office-orders--screen-${shots}${screen}.png`),
    fullPage: true,
  });
  expect(await cutOff(page)).toEqual([]);
  expect(await accessibilityViolations(page)).toEqual([]);
  if (size) await page.setViewportSize(size);
}

/** A real photo, drawn in the page (a PNG the server re-encodes), for the file input. */
async function bouquetPhoto(page: Page) {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const context = canvas.getContext('2d');
    if (context) {
      context.fillStyle = '#c0406a';
      context.fillRect(0, 0, 64, 48);
    }
    return canvas.toDataURL('image/png');
  });
  return {
    name: 'bouquet.png',
    mimeType: 'image/png',
    buffer: Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'),
  };
}

type ManagerApi = Awaited<ReturnType<typeof apiSession>>;

/** A pickup of one bouquet of Spring tulips for a seeded customer, made by the manager's real createOrder. */
async function pickupOverApi(managerApi: ManagerApi, customerName: string) {
  const found = await managerApi<{
    products: { edges: { node: { id: string; name: string } }[] };
    customers: { edges: { node: { id: string } }[] };
  }>(
    `query ($customer: String!) {
      products(activeOnly: true, first: 20) { edges { node { id name } } }
      customers(search: $customer, first: 1) { edges { node { id } } }
    }`,
    { customer: customerName },
  );
  const tulips = found.data?.products.edges.find((edge) => edge.node.name === 'Spring tulips')?.node;
  const made = await managerApi<{
    createOrder: { data?: { id: string; number: number; version: number } };
  }>(
    `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
      ... on MutationCreateOrderSuccess { data { id number version } } } }`,
    {
      input: {
        customerId: found.data?.customers.edges[0]?.node.id,
        fulfillment: 'PICKUP',
        items: [{ productId: tulips?.id, quantity: 1 }],
      },
    },
  );
  const order = made.data?.createOrder.data;
  if (!order) throw new Error(`createOrder failed: ${JSON.stringify(made)}`);
  return order;
}

interface OrderOverApi {
  status: string;
  version: number;
  paymentStatus: string;
  paymentMethod: string | null;
  paymentReference: string | null;
  paidAt: string | null;
  cancelReason: string | null;
  cancelledAt: string | null;
  events: {
    fromStatus: string | null;
    toStatus: string;
    note: string | null;
    actor: { name: string } | null;
  }[];
}

/** The order as another client reads it over the API: status, payment and history. */
async function readOrder(managerApi: ManagerApi, id: string): Promise<OrderOverApi | undefined> {
  const read = await managerApi<{ order: OrderOverApi | null }>(
    `query ($id: ID!) { order(id: $id) {
      status version paymentStatus paymentMethod paymentReference paidAt cancelReason cancelledAt
      events { fromStatus toStatus note actor { name } }
    } }`,
    { id },
  );
  return read.data?.order ?? undefined;
}

/** Signs the manager in and opens the order from the board, following it live. */
async function openOrderAsManager(page: Page, number: number) {
  const subscriptions = watchSubscriptions(page);
  await signInWithPassword(page, server, manager);
  await page.waitForURL(`${server.url}/orders`);
  const subscribed = subscriptions.next('orderUpdated');
  await orderCard(page, number).click();
  await subscribed;
  await expect.poll(() => page.locator('h1').textContent()).toBe(`Order #${number}`);
}

describe('the back office: orders and production', () => {
  it('a manager creates an order, confirms it and assigns a courier; a second manager’s board follows live', async () => {
    const { page } = browser.current();
    const colleague = await browser.another();
    const colleagueSubscriptions = watchSubscriptions(colleague.page);
    await signInWithPassword(colleague.page, server, manager);
    await colleague.page.waitForURL(`${server.url}/orders`);
    await colleagueSubscriptions.next('shopOrderChanged');

    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    await page.getByRole('link', { name: 'New order' }).click();
    await page.waitForURL(`${server.url}/orders/new`);

    // Bad input shows beside its field and creates nothing.
    const ordersBefore = await server.prisma.order.count();
    await page.getByRole('button', { name: 'Create order' }).click();
    await expect
      .poll(() => page.locator('#customer-error').textContent())
      .toBe('Choose or add the customer.');

    await page.getByLabel('Find a customer by name or phone').fill('Olga');
    await page.getByRole('button', { name: /Olga Smirnova/ }).click();
    await page.getByRole('button', { name: 'Create order' }).click();
    await expect.poll(() => page.locator('#items-error').textContent()).toBe('Add at least one item.');
    await page.getByLabel(/^Spring tulips/).fill('2');
    await page.getByRole('button', { name: 'Create order' }).click();
    await expect
      .poll(() => page.locator('#deliveryAddress-error').textContent())
      .toBe('Enter the delivery address.');
    expect(await server.prisma.order.count()).toBe(ordersBefore);

    await page.getByLabel('Address').fill('Moscow, Tverskaya 7, flat 12');
    await page.getByLabel('Recipient’s name').fill('Vera Smirnova');
    await page.getByLabel('Recipient’s phone').fill('+79160000001');
    await page.getByLabel('Card text').fill('Happy birthday, Vera!');
    await checkAtPhoneWidth(page);
    await page.getByRole('button', { name: 'Create order' }).click();
    await page.waitForURL(/\/orders\/(?!new).+/);

    const created = await server.prisma.order.findFirstOrThrow({
      orderBy: { number: 'desc' },
      select: {
        number: true,
        cardText: true,
        recipientName: true,
        items: { select: { quantity: true, productName: true } },
      },
    });
    expect(created).toMatchObject({
      cardText: 'Happy birthday, Vera!',
      recipientName: 'Vera Smirnova',
      items: [{ quantity: 2, productName: 'Spring tulips' }],
    });
    await expect.poll(() => page.locator('h1').textContent()).toBe(`Order #${created.number}`);

    // The colleague's board shows the new order without a reload, then its confirmation.
    const colleagueCard = orderCard(colleague.page, created.number);
    await expect.poll(() => colleagueCard.locator('.badge').textContent(), { timeout: 15_000 }).toBe('New');

    await page.getByRole('button', { name: 'Move to “Confirmed”' }).click();
    await expect.poll(() => page.locator('.order-status-row .badge').textContent()).toBe('Confirmed');
    await expect
      .poll(() => colleagueCard.locator('.badge').textContent(), { timeout: 15_000 })
      .toBe('Confirmed');

    await page.getByLabel('Courier').selectOption({ label: 'Kirill Courier' });
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Courier saved.');
    await expect
      .poll(() => page.locator('.row', { hasText: 'Courier' }).last().locator('.row__value').textContent())
      .toBe('Kirill Courier');
    const assigned = await server.prisma.order.findFirstOrThrow({
      where: { number: created.number },
      select: { courier: { select: { name: true } }, status: true },
    });
    expect(assigned).toEqual({ courier: { name: 'Kirill Courier' }, status: 'CONFIRMED' });
    await checkAtPhoneWidth(page);
  });

  it('a florist takes the task and finishes it with a photo; the manager’s open order follows live', async () => {
    // The order comes from the manager's real mutations over the API: created, then confirmed (the task).
    const managerApi = await apiSession(server, manager);
    const products = await managerApi<{ products: { edges: { node: { id: string; name: string } }[] } }>(
      '{ products(activeOnly: true, first: 20) { edges { node { id name } } } }',
    );
    const tulips = products.data?.products.edges.find((edge) => edge.node.name === 'Spring tulips')?.node;
    const customers = await managerApi<{ customers: { edges: { node: { id: string } }[] } }>(
      '{ customers(search: "Ivan Petrov", first: 1) { edges { node { id } } } }',
    );
    const made = await managerApi<{
      createOrder: { data?: { id: string; number: number; version: number } };
    }>(
      `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
        ... on MutationCreateOrderSuccess { data { id number version } } } }`,
      {
        input: {
          customerId: customers.data?.customers.edges[0]?.node.id,
          fulfillment: 'PICKUP',
          items: [{ productId: tulips?.id, quantity: 1 }],
        },
      },
    );
    const order = made.data?.createOrder.data;
    if (!order) throw new Error(`createOrder failed: ${JSON.stringify(made)}`);
    // The manager watches the order's page on their phone.
    const watcher = await browser.another();
    const watcherSubscriptions = watchSubscriptions(watcher.page);
    await signInWithPassword(watcher.page, server, manager);
    await watcher.page.waitForURL(`${server.url}/orders`);
    const subscribed = watcherSubscriptions.next('orderUpdated');
    await orderCard(watcher.page, order.number).click();
    await subscribed;

    const { page } = browser.current();
    const floristSubscriptions = watchSubscriptions(page);
    await signInWithPassword(page, server, florist);
    // A florist's home is the production queue (homePath); the board is one tab away.
    await page.waitForURL(`${server.url}/production`);
    await page.getByRole('navigation').getByRole('link', { name: 'Заказы' }).click();
    await page.waitForURL(`${server.url}/orders`);
    const queueSubscribed = floristSubscriptions.next('productionTaskChanged');
    await page.getByRole('link', { name: 'Букеты' }).click();
    await page.waitForURL(`${server.url}/production`);
    await queueSubscribed;
    const card = page.locator('.task-card', { hasText: `#${order.number}` });
    expect(await card.count()).toBe(0);

    // The manager confirms the order (the task is made): the florist's open queue shows it live.
    const confirmed = await managerApi<{ changeOrderStatus: { __typename: string } }>(
      'mutation ($id: ID!, $version: Int!) { changeOrderStatus(id: $id, version: $version, to: CONFIRMED) { __typename } }',
      { id: order.id, version: order.version },
    );
    expect(confirmed.data?.changeOrderStatus.__typename).toBe('MutationChangeOrderStatusSuccess');
    await expect.poll(() => card.locator('.badge').textContent(), { timeout: 15_000 }).toBe('Ждёт');
    await checkAtPhoneWidth(page);
    await card.click();

    await page.getByRole('button', { name: 'Взять задачу' }).click();
    await expect.poll(() => page.locator('.order-status-row .badge').textContent()).toBe('В работе');
    await expect
      .poll(() => watcher.page.locator('.order-status-row .badge').textContent(), { timeout: 15_000 })
      .toBe('In production');
    // The composition and the batches to take the stems from.
    expect(await page.locator('.production-line__title').allTextContents()).toEqual(['Spring tulips × 1']);
    expect(await page.locator('.items__name').allTextContents()).toContain('Tulip');

    await page.getByLabel('Фото букета').setInputFiles(await bouquetPhoto(page));
    await page.locator('img.task-photo').waitFor();
    await checkAtPhoneWidth(page);
    await page.getByRole('button', { name: 'Завершить с этим фото' }).click();
    await expect.poll(() => page.locator('.order-status-row .badge').textContent()).toBe('Готово');

    await expect
      .poll(() => watcher.page.locator('.order-status-row .badge').textContent(), { timeout: 15_000 })
      .toBe('Ready');
    await watcher.page.locator('img.task-photo').waitFor();
    const task = await server.prisma.productionTask.findFirstOrThrow({
      where: { order: { number: order.number } },
      select: { status: true, photoFileId: true, florist: { select: { name: true } } },
    });
    expect(task).toMatchObject({ status: 'DONE', florist: { name: 'Fiona Florist' } });
    expect(task.photoFileId).toBeTruthy();
  });

  it('an edit over a colleague’s change is refused and shows the change; a florist is given from the order page', async () => {
    const managerApi = await apiSession(server, manager);
    const products = await managerApi<{ products: { edges: { node: { id: string; name: string } }[] } }>(
      '{ products(activeOnly: true, first: 20) { edges { node { id name } } } }',
    );
    const tulips = products.data?.products.edges.find((edge) => edge.node.name === 'Spring tulips')?.node;
    const customers = await managerApi<{ customers: { edges: { node: { id: string } }[] } }>(
      '{ customers(search: "Maria Ivanova", first: 1) { edges { node { id } } } }',
    );
    const made = await managerApi<{
      createOrder: { data?: { id: string; number: number; version: number } };
    }>(
      `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
        ... on MutationCreateOrderSuccess { data { id number version } } } }`,
      {
        input: {
          customerId: customers.data?.customers.edges[0]?.node.id,
          fulfillment: 'DELIVERY',
          deliveryAddress: 'Moscow, Arbat 10',
          cardText: 'First words',
          items: [{ productId: tulips?.id, quantity: 1 }],
        },
      },
    );
    const order = made.data?.createOrder.data;
    if (!order) throw new Error(`createOrder failed: ${JSON.stringify(made)}`);

    const { page } = browser.current();
    const subscriptions = watchSubscriptions(page);
    await signInWithPassword(page, server, manager);
    await page.waitForURL(`${server.url}/orders`);
    const subscribed = subscriptions.next('orderUpdated');
    await orderCard(page, order.number).click();
    await subscribed;
    await page.getByText('Edit order').click();
    await page.getByLabel('Card text').fill('The manager’s words');

    // Meanwhile a colleague changes the card (a real updateOrder); the page shows it live.
    const colleague = await managerApi<{ updateOrder: { __typename: string } }>(
      'mutation ($id: ID!, $version: Int!) { updateOrder(id: $id, version: $version, patch: { cardText: "The colleague’s words" }) { __typename } }',
      { id: order.id, version: order.version },
    );
    expect(colleague.data?.updateOrder.__typename).toBe('MutationUpdateOrderSuccess');
    await expect
      .poll(() => page.locator('.card-text').textContent(), { timeout: 15_000 })
      .toBe('The colleague’s words');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => page.locator('.order-manage .error-message').textContent())
      .toBe('Someone changed this order meanwhile; it now shows what they did. Try again if still needed.');
    await expect.poll(() => page.getByLabel('Card text').inputValue()).toBe('The colleague’s words');
    expect(
      (
        await server.prisma.order.findFirstOrThrow({
          where: { number: order.number },
          select: { cardText: true },
        })
      ).cardText,
    ).toBe('The colleague’s words');

    await page.getByLabel('Card text').fill('The manager’s words');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('.card-text').textContent()).toBe('The manager’s words');
    expect(await page.locator('.order-manage .error-message').count()).toBe(0);

    await page.getByRole('button', { name: 'Move to “Confirmed”' }).click();
    await page.getByLabel('Florist').selectOption({ label: 'Fiona Florist' });
    await expect
      .poll(() => page.locator('.order-status-row .badge').textContent(), { timeout: 15_000 })
      .toBe('In production');
    await expect
      .poll(() => page.locator('.row', { hasText: 'Florist' }).last().locator('.row__value').textContent())
      .toBe('Fiona Florist');
    const task = await server.prisma.productionTask.findFirstOrThrow({
      where: { order: { number: order.number } },
      select: { status: true, florist: { select: { name: true } } },
    });
    expect(task).toEqual({ status: 'IN_PROGRESS', florist: { name: 'Fiona Florist' } });
    await checkAtPhoneWidth(page);
  });
  it('a manager cancels an order with its reason; the API reads it cancelled, the reason in its history', async () => {
    const managerApi = await apiSession(server, manager);
    const order = await pickupOverApi(managerApi, 'Ivan Petrov');
    const { page } = browser.current();
    await openOrderAsManager(page, order.number);

    await page.getByText('Cancel order', { exact: true }).click();
    const submit = page.getByRole('button', { name: 'Cancel the order' });
    // No reason, no cancelling.
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel('Cancellation reason').fill('   ');
    expect(await submit.isDisabled()).toBe(true);
    await page.getByLabel('Cancellation reason').fill('The customer changed their mind');
    await submit.click();
    await expect.poll(() => page.locator('.order-manage__done').textContent()).toBe('Order cancelled.');
    await expect.poll(() => page.locator('.order-status-row .badge').textContent()).toBe('Cancelled');
    expect(
      await page.locator('.section', { hasText: 'Cancellation reason' }).locator('p').textContent(),
    ).toBe('The customer changed their mind');
    await expect
      .poll(() => page.locator('.timeline__event').last().locator('.timeline__what').textContent())
      .toBe('“New” → “Cancelled”');
    expect(await page.locator('.timeline__event').last().locator('.timeline__note').textContent()).toBe(
      'The customer changed their mind',
    );
    // A cancelled order has nothing left to manage: neither cancel nor mark paid is offered.
    expect(await page.getByText('Cancel order', { exact: true }).count()).toBe(0);
    expect(await page.getByText('Mark paid', { exact: true }).count()).toBe(0);

    const cancelled = await readOrder(managerApi, order.id);
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      version: order.version + 1,
      paymentStatus: 'UNPAID',
      cancelReason: 'The customer changed their mind',
    });
    expect(cancelled?.cancelledAt).toBeTruthy();
    expect(cancelled?.events.at(-1)).toEqual({
      fromStatus: 'NEW',
      toStatus: 'CANCELLED',
      note: 'The customer changed their mind',
      actor: { name: 'Max Manager' },
    });
    await checkAtPhoneWidth(page);
  });

  it('a manager marks an order paid by card with a reference; the API reads it paid, the payment in its history', async () => {
    const managerApi = await apiSession(server, manager);
    const order = await pickupOverApi(managerApi, 'Maria Ivanova');
    expect(await readOrder(managerApi, order.id)).toMatchObject({ paymentStatus: 'UNPAID', paidAt: null });
    const { page } = browser.current();
    await openOrderAsManager(page, order.number);
    expect(await page.locator('.order-status-row .payment').textContent()).toBe('Unpaid');

    await page.getByText('Mark paid', { exact: true }).click();
    await page.getByLabel('Payment method').selectOption({ label: 'Card' });
    await page.getByLabel('Reference (receipt, transfer number)').fill('RRN 4815162342');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect.poll(() => page.locator('.order-manage__done').textContent()).toBe('Payment recorded.');
    await expect.poll(() => page.locator('.order-status-row .payment').textContent()).toBe('Paid');
    expect(await page.locator('.order-status-row .badge').textContent()).toBe('New');
    await expect
      .poll(() => page.locator('.timeline__event').last().locator('.timeline__note').textContent())
      .toBe('Paid: CARD RRN 4815162342');
    // Paid once: it is not offered again.
    expect(await page.getByText('Mark paid', { exact: true }).count()).toBe(0);
    // The payment section names the method in the page's language, with the reference.
    expect(
      await page
        .locator('.section', { hasText: 'Payment method' })
        .getByText('Card · RRN 4815162342', { exact: true })
        .count(),
    ).toBe(1);

    const paid = await readOrder(managerApi, order.id);
    expect(paid).toMatchObject({
      status: 'NEW',
      version: order.version + 1,
      paymentStatus: 'PAID',
      paymentMethod: 'CARD',
      paymentReference: 'RRN 4815162342',
      cancelReason: null,
    });
    expect(Date.parse(paid?.paidAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(paid?.events.at(-1)).toEqual({
      fromStatus: 'NEW',
      toStatus: 'NEW',
      note: 'Paid: CARD RRN 4815162342',
      actor: { name: 'Max Manager' },
    });
    // Marking it paid again over the API is refused, typed: the payment stands.
    const again = await managerApi<{ markOrderPaid: { __typename: string } }>(
      'mutation ($id: ID!, $version: Int!) { markOrderPaid(id: $id, version: $version, method: "CASH") { __typename } }',
      { id: order.id, version: order.version + 1 },
    );
    expect(again.data?.markOrderPaid.__typename).toBe('InvalidPaymentTransition');
    expect(await readOrder(managerApi, order.id)).toMatchObject({
      paymentMethod: 'CARD',
      version: order.version + 1,
    });
    await checkAtPhoneWidth(page);
  });
});
