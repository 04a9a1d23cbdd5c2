import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';
import { receivePlenty } from './orders-test-stock.js';

// The order's status moves its stock (orders.service.ts → features/stock): confirm reserves, finishing
// production consumes earliest-expiry-first, cancelling gives back what was held; short stock refuses.
let app: TestApp;
let manager: Record<string, string>;
let shopId: string;
let customerId: string;
let product: { id: string; components: { stockItemId: string; quantity: number }[] };

beforeAll(async () => {
  app = await startTestApp();
  manager = await app.signIn('manager@posy.demo');
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const customer = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } });
  customerId = encodeGlobalId('Customer', customer.id);
  product = await app.prisma.product.findFirstOrThrow({
    where: { shopId, active: true, archivedAt: null, components: { some: {} } },
    select: { id: true, components: { select: { stockItemId: true, quantity: true } } },
    orderBy: { name: 'asc' },
  });
});
afterAll(() => app?.stop());

const CREATE = `mutation($input: CreateOrderInput!) { createOrder(input: $input) {
  __typename ... on MutationCreateOrderSuccess { data { id version status } } } }`;
const CHANGE = `mutation($id: ID!, $version: Int!, $to: OrderStatus!, $note: String) {
  changeOrderStatus(id: $id, version: $version, to: $to, note: $note) {
    __typename
    ... on MutationChangeOrderStatusSuccess { data { id version status } }
    ... on InsufficientStock { shortages { stockItem { id } needed available } }
  } }`;

type Order = { id: string; version: number; status: string };
async function create(quantity: number): Promise<Order> {
  const result = await app.gql(
    CREATE,
    {
      input: {
        customerId,
        items: [{ productId: encodeGlobalId('Product', product.id), quantity }],
        fulfillment: 'PICKUP',
      },
    },
    manager,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder.data;
}
async function step(order: Order, to: string, note?: string) {
  const result = await app.gql(CHANGE, { id: order.id, version: order.version, to, note }, manager);
  expect(result.errors).toBeUndefined();
  return result.data!.changeOrderStatus;
}
const item = (id: string) =>
  app.prisma.stockItem.findUniqueOrThrow({ where: { id }, select: { onHand: true, reserved: true } });
const firstComponent = () => product.components[0]!;

test('an order another one took the stock of since its creation answers InsufficientStock at confirmation and stays NEW', async () => {
  // Creation only checks the shelf (checkout/stock-availability.service.ts): two orders for all of it are
  // both made, the first confirmed takes it, and the second's confirmation is refused.
  const { stockItemId } = firstComponent();
  const levels = await Promise.all(product.components.map((c) => item(c.stockItemId)));
  const most = Math.min(
    ...product.components.map((c, i) => Math.floor((levels[i]!.onHand - levels[i]!.reserved) / c.quantity)),
  );
  expect(most).toBeGreaterThan(0);
  const first = await create(most);
  const second = await create(most);
  expect((await step(first, 'CONFIRMED')).__typename).toBe('MutationChangeOrderStatusSuccess');
  const before = await item(stockItemId);
  const answer = await step(second, 'CONFIRMED');
  expect(answer.__typename).toBe('InsufficientStock');
  expect(answer.shortages).toContainEqual({
    stockItem: { id: encodeGlobalId('StockItem', stockItemId) },
    needed: most * firstComponent().quantity,
    available: before.onHand - before.reserved,
  });
  const row = await app.prisma.order.findUniqueOrThrow({
    where: { id: decodeGlobalId(second.id).id },
    select: { status: true, version: true, events: { select: { toStatus: true } } },
  });
  expect(row).toMatchObject({ status: 'NEW', version: second.version, events: [{ toStatus: 'NEW' }] });
  expect(await item(stockItemId)).toEqual(before);
  // Give the stock back for the tests below.
  const confirmed = await app.prisma.order.findUniqueOrThrow({ where: { id: decodeGlobalId(first.id).id } });
  await step({ ...first, version: confirmed.version }, 'CANCELLED', 'Made room');
});

test('confirming reserves the stock, finishing production consumes it earliest expiry first', async () => {
  await receivePlenty(app, shopId, manager, 50);
  const { stockItemId, quantity } = firstComponent();
  const before = await item(stockItemId);
  const order = await create(2);
  const confirmed = (await step(order, 'CONFIRMED')).data;
  expect(await item(stockItemId)).toEqual({
    onHand: before.onHand,
    reserved: before.reserved + 2 * quantity,
  });
  const inProduction = (await step(confirmed, 'IN_PRODUCTION')).data;
  const ready = (await step(inProduction, 'READY')).data;
  expect(ready.status).toBe('READY');
  expect(await item(stockItemId)).toEqual({
    onHand: before.onHand - 2 * quantity,
    reserved: before.reserved,
  });
  const ofThisOrder = await app.prisma.stockMovement.findMany({
    where: { stockItemId, kind: 'CONSUMPTION', orderId: decodeGlobalId(order.id).id },
    select: { quantity: true, batch: { select: { expiresAt: true } } },
  });
  expect(ofThisOrder.reduce((sum, m) => sum + m.quantity, 0)).toBe(-2 * quantity);
  // FEFO: no live batch of this item expires before the ones consumed.
  const earliestUsed = Math.min(...ofThisOrder.map((m) => m.batch?.expiresAt?.getTime() ?? Infinity));
  const earlierLeft = await app.prisma.stockBatch.count({
    where: {
      stockItemId,
      quantityRemaining: { gt: 0 },
      writtenOffAt: null,
      expiresAt: { gt: new Date(), lt: new Date(earliestUsed) },
    },
  });
  expect(earlierLeft).toBe(0);
});

test('cancelling a confirmed order gives its reserved stock back', async () => {
  const { stockItemId } = firstComponent();
  const before = await item(stockItemId);
  const order = await create(1);
  const confirmed = (await step(order, 'CONFIRMED')).data;
  expect((await item(stockItemId)).reserved).toBeGreaterThan(before.reserved);
  const cancelled = await step(confirmed, 'CANCELLED', 'Customer changed their mind');
  expect(cancelled.data.status).toBe('CANCELLED');
  expect(await item(stockItemId)).toEqual(before);
});
