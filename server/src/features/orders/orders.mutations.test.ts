import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { decodeGlobalId, encodeGlobalId } from '../../graphql/global-id.js';
import { createAppPubSub } from '../../pubsub.js';
import { dateAhead, openSlots } from '../checkout/checkout-test-slots.js';
import { receivePlenty } from './orders-test-stock.js';

let app: TestApp;
/** Where the query listener records statements; null while not counting (Prisma has no $off). */
let recording: string[] | null = null;
let shopId: string;
let customerId: string;
let productIds: string[];
const who: Record<string, Record<string, string>> = {};
/** A slot with room for every order these tests make, on any date (see openSlots). */
let slotOn: Awaited<ReturnType<typeof openSlots>>;

beforeAll(async () => {
  app = await startTestApp();
  app.prisma.$on('query', (event) => recording?.push(event.query));
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  const customer = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } });
  customerId = encodeGlobalId('Customer', customer.id);
  const products = await app.prisma.product.findMany({
    where: { shopId, active: true, archivedAt: null },
    orderBy: { name: 'asc' },
  });
  productIds = products.map((p) => encodeGlobalId('Product', p.id));
  for (const role of ['admin', 'manager', 'florist', 'courier', 'customer'])
    who[role] = await app.signIn(`${role}@posy.demo`);
  // Confirming reserves stock (orders-stock.test.ts): plenty of everything, so these tests are about orders.
  await receivePlenty(app, shopId, who.manager!);
  slotOn = await openSlots(app, shopId);
});
afterAll(() => app?.stop());

const ORDER_FIELDS =
  'id number status version paymentStatus paymentMethod paidAt refundedAt anonymousSender fulfillment total { amountMinor } items { quantity }';
const STALE = '... on StaleVersion { current }';
const INVALID = '... on InvalidTransition { from to allowed }';
const RESULT = (field: string, ...failures: string[]) => /* GraphQL */ `
  __typename
  ... on Mutation${field}Success { data { ${ORDER_FIELDS} } }
  ... on DomainError { message }
  ${failures.join('\n')}
`;

const CREATE = /* GraphQL */ `
  mutation Create($input: CreateOrderInput!) { createOrder(input: $input) { ${RESULT('CreateOrder')} } }
`;
const CHANGE = /* GraphQL */ `
  mutation Change($id: ID!, $version: Int!, $to: OrderStatus!, $note: String) {
    changeOrderStatus(id: $id, version: $version, to: $to, note: $note) { ${RESULT('ChangeOrderStatus', STALE, INVALID)} }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation Cancel($id: ID!, $version: Int!, $reason: String!) {
    cancelOrder(id: $id, version: $version, reason: $reason) { ${RESULT('CancelOrder', STALE, INVALID)} }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ID!, $version: Int!, $patch: OrderPatchInput!) {
    updateOrder(id: $id, version: $version, patch: $patch) { ${RESULT('UpdateOrder', STALE)} }
  }
`;
const PAID = /* GraphQL */ `
  mutation Paid($id: ID!, $version: Int!, $method: String!, $reference: String) {
    markOrderPaid(id: $id, version: $version, method: $method, reference: $reference) { ${RESULT('MarkOrderPaid', STALE)} }
  }
`;
const REFUNDED = /* GraphQL */ `
  mutation Refunded($id: ID!, $version: Int!, $reason: String!) {
    markOrderRefunded(id: $id, version: $version, reason: $reason) { ${RESULT('MarkOrderRefunded', STALE)} }
  }
`;

type Order = { id: string; number: number; status: string; version: number; paymentStatus: string };

const input = (over: Record<string, unknown> = {}) => ({
  customerId,
  items: [{ productId: productIds[0], quantity: 2 }],
  fulfillment: 'DELIVERY',
  deliveryAddress: '1 Flower street',
  slot: slotOn(dateAhead(30)),
  recipient: { name: 'Rita Recipient', phone: '+79990000000' },
  cardText: 'Happy birthday',
  anonymousSender: true,
  ...over,
});

async function create(over: Record<string, unknown> = {}, headers = who.manager!): Promise<Order> {
  const result = await app.gql(CREATE, { input: input(over) }, headers);
  expect(result.errors).toBeUndefined();
  expect(result.data!.createOrder.__typename).toBe('MutationCreateOrderSuccess');
  return result.data!.createOrder.data;
}

async function step(order: Order, to: string, headers = who.manager!, note?: string): Promise<Order> {
  const result = await app.gql(CHANGE, { id: order.id, version: order.version, to, note }, headers);
  expect(result.errors).toBeUndefined();
  expect(result.data!.changeOrderStatus.__typename).toBe('MutationChangeOrderStatusSuccess');
  return result.data!.changeOrderStatus.data;
}

const rowOf = (order: Order) =>
  app.prisma.order.findFirstOrThrow({ where: { number: order.number, shopId }, include: { events: true } });

describe('createOrder', () => {
  test('prices items from the catalog, numbers the order from the shop and writes the NEW event', async () => {
    const shopBefore = await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
    const product = await app.prisma.product.findFirstOrThrow({
      where: { shopId, active: true, archivedAt: null },
      orderBy: { name: 'asc' },
    });
    const order = await create();
    expect(order).toMatchObject({
      status: 'NEW',
      version: 1,
      paymentStatus: 'UNPAID',
      number: shopBefore.lastOrderNumber + 1,
    });
    expect((await app.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).lastOrderNumber).toBe(
      order.number,
    );
    const row = await rowOf(order);
    expect(row).toMatchObject({
      subtotalMinor: product.priceMinor * 2,
      deliveryFeeMinor: shopBefore.deliveryFeeMinor,
      totalMinor: product.priceMinor * 2 + shopBefore.deliveryFeeMinor,
      recipientName: 'Rita Recipient',
      anonymousSender: true,
      cardText: 'Happy birthday',
      source: 'STAFF',
    });
    expect(row.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, 'NEW']]);
  });

  test('a card text over any shop’s ceiling (1000) is BAD_USER_INPUT on input.cardText and creates nothing', async () => {
    const before = await app.prisma.order.count();
    const result = await app.gql(CREATE, { input: input({ cardText: 'x'.repeat(1001) }) }, who.manager);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cardText' });
    expect(await app.prisma.order.count()).toBe(before);
  });

  test('a product off sale is refused and nothing is created', async () => {
    const product = await app.prisma.product.findFirstOrThrow({ where: { shopId } });
    await app.prisma.product.update({ where: { id: product.id }, data: { active: false } });
    const before = await app.prisma.order.count();
    const result = await app.gql(
      CREATE,
      { input: input({ items: [{ productId: encodeGlobalId('Product', product.id), quantity: 1 }] }) },
      who.manager,
    );
    await app.prisma.product.update({ where: { id: product.id }, data: { active: true } });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items.0.productId',
    });
    expect(await app.prisma.order.count()).toBe(before);
  });

  test('a customer orders for themself, and may not name another customer', async () => {
    const { customerId: _staffOnly, ...own } = input();
    const result = await app.gql(CREATE, { input: own }, who.customer);
    expect(result.errors).toBeUndefined();
    const row = await rowOf(result.data!.createOrder.data);
    const me = await app.prisma.customer.findFirstOrThrow({
      where: { shopId, user: { email: 'customer@posy.demo' } },
    });
    expect(row.customerId).toBe(me.id);
    expect(row.source).toBe('WEB'); // signed in with a password, not the Mini App (order-source.test.ts)
    const other = await app.prisma.customer.findFirstOrThrow({ where: { shopId, id: { not: me.id } } });
    const refused = await app.gql(
      CREATE,
      { input: input({ customerId: encodeGlobalId('Customer', other.id) }) },
      who.customer,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('an API key with orders:write creates; one without it is refused', async () => {
    const order = await create({}, app.demoKey);
    expect((await rowOf(order)).source).toBe('API');
    const readOnly = await app.insertApiKey({ scopes: ['orders:read'] });
    const before = await app.prisma.order.count();
    const refused = await app.gql(CREATE, { input: input() }, readOnly.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await app.prisma.order.count()).toBe(before);
  });

  test('florists and couriers may not create orders', async () => {
    for (const role of ['florist', 'courier']) {
      const refused = await app.gql(CREATE, { input: input() }, who[role]);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('idempotency', () => {
  test('a retry with the same key and body answers the same order; another body is IdempotencyKeyReused', async () => {
    const first = await create({ idempotencyKey: 'retry-key-0001' });
    const entries = () => app.prisma.auditLog.count({ where: { action: 'createOrder' } });
    const entriesBefore = await entries();
    const again = await create({ idempotencyKey: 'retry-key-0001' });
    expect(again.id).toBe(first.id);
    // The replay changed nothing, so it leaves no second createOrder entry.
    expect(await entries()).toBe(entriesBefore);
    const changed = await app.gql(
      CREATE,
      { input: input({ idempotencyKey: 'retry-key-0001', cardText: 'Other' }) },
      who.manager,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.createOrder.__typename).toBe('IdempotencyKeyReused');
    expect(await app.prisma.order.count({ where: { idempotencyKey: 'retry-key-0001' } })).toBe(1);
  });

  test('two concurrent requests with one key make one order and both answers name it', async () => {
    const before = await app.prisma.order.count();
    const answers = await Promise.all(
      [1, 2, 3].map(() =>
        app.gql(CREATE, { input: input({ idempotencyKey: 'race-key-0001' }) }, who.manager),
      ),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    const ids = new Set(answers.map((a) => a.data!.createOrder.data.id));
    expect(ids.size).toBe(1);
    expect(await app.prisma.order.count()).toBe(before + 1);
    const [orderId] = ids as Set<string>;
    expect(
      await app.prisma.auditLog.count({
        where: { action: 'createOrder', targetId: decodeGlobalId(orderId!).id },
      }),
    ).toBe(1);
  });
});

describe('status machine', () => {
  test('a delivery goes NEW → … → DELIVERED, a failed delivery back to READY, one event per step', async () => {
    let order = await create();
    for (const to of [
      'CONFIRMED',
      'IN_PRODUCTION',
      'READY',
      'OUT_FOR_DELIVERY',
      'READY',
      'OUT_FOR_DELIVERY',
      'DELIVERED',
    ])
      order = await step(order, to, who.manager, `to ${to}`);
    expect(order).toMatchObject({ status: 'DELIVERED', version: 8 });
    const row = await rowOf(order);
    const events = row.events.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
    expect(events.map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual([
      'null>NEW',
      'NEW>CONFIRMED',
      'CONFIRMED>IN_PRODUCTION',
      'IN_PRODUCTION>READY',
      'READY>OUT_FOR_DELIVERY',
      'OUT_FOR_DELIVERY>READY',
      'READY>OUT_FOR_DELIVERY',
      'OUT_FOR_DELIVERY>DELIVERED',
    ]);
    const manager = await app.prisma.user.findUniqueOrThrow({ where: { email: 'manager@posy.demo' } });
    expect(events.every((e) => e.actorId === manager.id)).toBe(true);
    expect(events[1]!.note).toBe('to CONFIRMED');
  });

  test('a pickup goes READY → PICKED_UP and never out for delivery', async () => {
    let order = await create({ fulfillment: 'PICKUP', deliveryAddress: null });
    for (const to of ['CONFIRMED', 'IN_PRODUCTION', 'READY']) order = await step(order, to);
    const refused = await app.gql(
      CHANGE,
      { id: order.id, version: order.version, to: 'OUT_FOR_DELIVERY' },
      who.manager,
    );
    expect(refused.data!.changeOrderStatus).toMatchObject({
      __typename: 'InvalidTransition',
      from: 'READY',
      to: 'OUT_FOR_DELIVERY',
      allowed: ['PICKED_UP', 'CANCELLED'],
    });
    order = await step(order, 'PICKED_UP');
    expect(order.status).toBe('PICKED_UP');
  });

  test('every illegal step answers InvalidTransition naming the allowed ones and changes nothing', async () => {
    const order = await create();
    for (const to of ['NEW', 'IN_PRODUCTION', 'READY', 'OUT_FOR_DELIVERY', 'DELIVERED', 'PICKED_UP']) {
      const result = await app.gql(CHANGE, { id: order.id, version: 1, to }, who.manager);
      expect(result.data!.changeOrderStatus).toMatchObject({
        __typename: 'InvalidTransition',
        from: 'NEW',
        to,
        allowed: ['CONFIRMED', 'CANCELLED'],
      });
    }
    const cancelled = await app.gql(
      CANCEL,
      { id: order.id, version: 1, reason: 'Customer changed mind' },
      who.manager,
    );
    expect(cancelled.data!.cancelOrder.data).toMatchObject({ status: 'CANCELLED', version: 2 });
    const after = await app.gql(CHANGE, { id: order.id, version: 2, to: 'CONFIRMED' }, who.manager);
    expect(after.data!.changeOrderStatus).toMatchObject({ __typename: 'InvalidTransition', allowed: [] });
    const row = await rowOf(order);
    expect(row).toMatchObject({ status: 'CANCELLED', version: 2, cancelReason: 'Customer changed mind' });
    expect(row.events).toHaveLength(2);
  });

  test('a stale version answers StaleVersion with the current one and changes nothing', async () => {
    const order = await step(await create(), 'CONFIRMED');
    const result = await app.gql(CHANGE, { id: order.id, version: 1, to: 'IN_PRODUCTION' }, who.manager);
    expect(result.data!.changeOrderStatus).toMatchObject({ __typename: 'StaleVersion', current: 2 });
    const row = await rowOf(order);
    expect(row).toMatchObject({ status: 'CONFIRMED', version: 2 });
    expect(row.events).toHaveLength(2);
  });

  test('two managers changing one order with one version at once: one wins, the other is StaleVersion', async () => {
    const order = await create();
    const [a, b] = await Promise.all([
      app.gql(CHANGE, { id: order.id, version: 1, to: 'CONFIRMED' }, who.manager),
      app.gql(CANCEL, { id: order.id, version: 1, reason: 'duplicate' }, who.admin),
    ]);
    const kinds = [a.data!.changeOrderStatus.__typename, b.data!.cancelOrder.__typename];
    expect(kinds.filter((k) => k === 'StaleVersion')).toHaveLength(1);
    expect(kinds.filter((k) => k.endsWith('Success'))).toHaveLength(1);
    const loser = kinds[0] === 'StaleVersion' ? a.data!.changeOrderStatus : b.data!.cancelOrder;
    expect(loser.current).toBe(2);
    const row = await rowOf(order);
    expect(row.version).toBe(2);
    expect(row.events).toHaveLength(2);
  });
});

describe('roles', () => {
  test('a florist makes bouquets but may not confirm; a courier moves only their own orders', async () => {
    const order = await create();
    const florist = await app.gql(CHANGE, { id: order.id, version: 1, to: 'CONFIRMED' }, who.florist);
    expect(florist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    let current = await step(order, 'CONFIRMED');
    current = await step(current, 'IN_PRODUCTION', who.florist);
    current = await step(current, 'READY', who.florist);
    const notTheirs = await app.gql(
      CHANGE,
      { id: current.id, version: current.version, to: 'OUT_FOR_DELIVERY' },
      who.courier,
    );
    expect(notTheirs.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const courier = await app.prisma.user.findUniqueOrThrow({ where: { email: 'courier@posy.demo' } });
    await app.prisma.order.update({
      where: { id: (await rowOf(current)).id },
      data: { courierId: courier.id },
    });
    const cancel = await app.gql(
      CANCEL,
      { id: current.id, version: current.version, reason: 'no' },
      who.courier,
    );
    expect(cancel.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    current = await step(current, 'OUT_FOR_DELIVERY', who.courier);
    current = await step(current, 'DELIVERED', who.courier);
    expect(current.status).toBe('DELIVERED');
  });

  test('a customer cancels their own NEW order, and nothing later', async () => {
    const { customerId: _staffOnly, ...own } = input();
    const mine = (await app.gql(CREATE, { input: own }, who.customer)).data!.createOrder.data as Order;
    const confirm = await app.gql(CHANGE, { id: mine.id, version: 1, to: 'CONFIRMED' }, who.customer);
    expect(confirm.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cancelled = await app.gql(
      CANCEL,
      { id: mine.id, version: 1, reason: 'Changed my mind' },
      who.customer,
    );
    expect(cancelled.data!.cancelOrder.data.status).toBe('CANCELLED');
    const confirmed = await step(await create(), 'CONFIRMED');
    const late = await app.gql(
      CANCEL,
      { id: confirmed.id, version: confirmed.version, reason: 'late' },
      who.customer,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await rowOf(confirmed)).status).toBe('CONFIRMED');
  });
});

describe('updateOrder', () => {
  test('edits items, recipient, slot and card text until production, then OrderNotEditable', async () => {
    const order = await create();
    // Friday 8 March 2030, the 07:00–08:00 Moscow slot: 04:00–05:00 UTC.
    const windowStart = new Date('2030-03-08T04:00:00Z').toISOString();
    const edited = await app.gql(
      UPDATE,
      {
        id: order.id,
        version: 1,
        patch: {
          items: [{ productId: productIds[1], quantity: 3 }],
          recipient: { name: 'Nina', phone: '+79991112233' },
          cardText: 'With love',
          slot: slotOn('2030-03-08'),
        },
      },
      who.manager,
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateOrder.data).toMatchObject({ version: 2, items: [{ quantity: 3 }] });
    const row = await rowOf(order);
    expect(row).toMatchObject({
      recipientName: 'Nina',
      cardText: 'With love',
      windowStart: new Date(windowStart),
    });
    let current = await step(edited.data!.updateOrder.data, 'CONFIRMED');
    current = await step(current, 'IN_PRODUCTION');
    const late = await app.gql(
      UPDATE,
      { id: order.id, version: current.version, patch: { cardText: 'Too late' } },
      who.manager,
    );
    expect(late.data!.updateOrder).toMatchObject({ __typename: 'OrderNotEditable' });
    expect((await rowOf(order)).cardText).toBe('With love');
  });

  test('florists, couriers and customers may not edit an order', async () => {
    const order = await create();
    for (const role of ['florist', 'courier', 'customer']) {
      const refused = await app.gql(
        UPDATE,
        { id: order.id, version: 1, patch: { cardText: 'Mine now' } },
        who[role],
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rowOf(order)).toMatchObject({ cardText: 'Happy birthday', version: 1 });
  });

  test('an empty item list or a quantity of 0 is BAD_USER_INPUT and creates nothing', async () => {
    const before = await app.prisma.order.count();
    const empty = await app.gql(CREATE, { input: input({ items: [] }) }, who.manager);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items' });
    const zero = await app.gql(
      CREATE,
      { input: input({ items: [{ productId: productIds[0], quantity: 0 }] }) },
      who.manager,
    );
    expect(zero.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await app.prisma.order.count()).toBe(before);
  });
});

describe('payments', () => {
  test('staff mark an order paid with method and reference, then refunded; steps out of order are refused', async () => {
    const order = await create();
    const early = await app.gql(REFUNDED, { id: order.id, version: 1, reason: 'x' }, who.manager);
    expect(early.data!.markOrderRefunded.__typename).toBe('InvalidPaymentTransition');
    const florist = await app.gql(PAID, { id: order.id, version: 1, method: 'CASH' }, who.florist);
    expect(florist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const paid = await app.gql(
      PAID,
      { id: order.id, version: 1, method: 'CARD', reference: 'T-42' },
      who.manager,
    );
    expect(paid.data!.markOrderPaid.data).toMatchObject({
      paymentStatus: 'PAID',
      paymentMethod: 'CARD',
      version: 2,
    });
    const twice = await app.gql(PAID, { id: order.id, version: 2, method: 'CARD' }, who.manager);
    expect(twice.data!.markOrderPaid.__typename).toBe('InvalidPaymentTransition');
    const refunded = await app.gql(REFUNDED, { id: order.id, version: 2, reason: 'Wilted' }, who.manager);
    expect(refunded.data!.markOrderRefunded.data).toMatchObject({ paymentStatus: 'REFUNDED', version: 3 });
    const row = await rowOf(order);
    expect(row).toMatchObject({ paymentMethod: 'CARD', paymentReference: 'T-42', refundReason: 'Wilted' });
    expect(row.paidAt).toBeInstanceOf(Date);
    expect(row.refundedAt).toBeInstanceOf(Date);
    expect(row.events).toHaveLength(3);
  });
});

test('createOrder runs as many SQL statements for 10 items as for 1', async () => {
  async function statements(count: number) {
    const seen: string[] = [];
    recording = seen;
    const items = Array.from({ length: count }, (_, i) => ({
      productId: productIds[i % productIds.length],
      quantity: 1,
    }));
    const result = await app.gql(CREATE, { input: input({ items }) }, who.manager);
    recording = null;
    expect(result.data!.createOrder.__typename).toBe('MutationCreateOrderSuccess');
    return seen.length;
  }
  await statements(1); // warm caches (session, membership) so both runs read the same way
  expect(await statements(10)).toBe(await statements(1));
});

// The server's pub/sub is the machine's Redis in tests (REDIS_URL); a second client on it hears what it publishes.
test.skipIf(!process.env.REDIS_URL)(
  'each change publishes order:changed with the new version after commit',
  async () => {
    const pubsub = createAppPubSub(process.env.REDIS_URL);
    const events = pubsub.subscribe('order:changed', shopId)[Symbol.asyncIterator]();
    const probe = { orderId: 'probe', version: 0 };
    try {
      // Listening starts a moment after the first next(): announce a probe until it is heard, then change.
      const first = events.next();
      let listening = false;
      void first.then(() => {
        listening = true;
      });
      while (!listening) {
        pubsub.publish('order:changed', shopId, probe);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await first).value).toEqual(probe);
      const order = await create();
      const confirmed = await step(order, 'CONFIRMED');
      const heard: unknown[] = [];
      while (heard.length < 2) {
        const { value } = await events.next();
        if (value.orderId !== 'probe') heard.push(value);
      }
      const rowId = (await rowOf(order)).id;
      expect(heard).toEqual([
        { orderId: rowId, version: 1 },
        { orderId: rowId, version: confirmed.version },
      ]);
    } finally {
      await events.return?.();
      await pubsub.close();
    }
  },
);
