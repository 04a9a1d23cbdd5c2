import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSecondShop, type SecondShop } from '../../../test/fixtures/second-shop.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import {
  createThroughApi,
  customerGid,
  customersSnapshot,
  demoPeople,
  MERGE,
  type People,
  rawId,
} from './customers-test-fixtures.js';

let app: TestApp;
let shopId: string;
let who: People;
let productId: string;
let b: SecondShop;

beforeAll(async () => {
  app = await startTestApp();
  ({ shopId, who } = await demoPeople(app));
  const product = await app.prisma.product.findFirstOrThrow({
    where: { shopId, active: true, archivedAt: null },
  });
  productId = encodeGlobalId('Product', product.id);
  b = await createSecondShop(app.prisma);
});
afterAll(() => app?.stop());

const CREATE_ORDER = /* GraphQL */ `
  mutation O($input: CreateOrderInput!) { createOrder(input: $input) { __typename ... on MutationCreateOrderSuccess { data { id } } } }
`;

/** An order of the customer placed through the API, as staff do. */
async function orderFor(customerId: string) {
  const answer = await app.gql(
    CREATE_ORDER,
    {
      input: {
        customerId: customerGid(customerId),
        items: [{ productId, quantity: 1 }],
        fulfillment: 'PICKUP',
      },
    },
    who.manager,
  );
  expect(answer.errors).toBeUndefined();
  return rawId(answer.data!.createOrder.data.id);
}

/** What references a customer: the ids of their orders, addresses, dates and subscriptions. */
async function relationsOf(customerId: string) {
  const [orders, addresses, importantDates, subscriptions] = await Promise.all([
    app.prisma.order.findMany({ where: { customerId }, select: { id: true } }),
    app.prisma.customerAddress.findMany({ where: { customerId }, select: { id: true } }),
    app.prisma.importantDate.findMany({ where: { customerId }, select: { id: true } }),
    app.prisma.subscription.findMany({ where: { customerId }, select: { id: true } }),
  ]);
  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
  return {
    orders: ids(orders),
    addresses: ids(addresses),
    importantDates: ids(importantDates),
    subscriptions: ids(subscriptions),
  };
}

const merge = (keepId: string, mergeId: string, headers = who.manager) =>
  app.gql(MERGE, { keepId: customerGid(keepId), mergeId: customerGid(mergeId) }, headers);

describe('mergeCustomers', () => {
  test('the Telegram customer merged into the one staff typed in: every relation moves, the merged row is gone', async () => {
    const chris = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } });
    const typed = await createThroughApi(app, who.manager, {
      name: 'Christopher (by phone)',
      phone: '+79990001234',
      email: 'chris@example.com',
    });
    const keepId = rawId(typed.id);
    await app.prisma.customerAddress.create({
      data: { customerId: keepId, address: 'Office 1', isDefault: true },
    });
    await app.prisma.importantDate.create({
      data: { customerId: keepId, title: 'Name day', month: 3, day: 1 },
    });
    const keptOrder = await orderFor(keepId);
    const before = { chris: await relationsOf(chris.id), kept: await relationsOf(keepId) };
    expect(before.chris.orders.length).toBeGreaterThan(0);
    expect(before.chris.subscriptions).toHaveLength(1);
    expect(before.chris.addresses.length).toBeGreaterThan(0);
    expect(before.chris.importantDates.length).toBeGreaterThan(0);

    const answer = await merge(keepId, chris.id);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.mergeCustomers).toMatchObject({
      __typename: 'MutationMergeCustomersSuccess',
      data: {
        id: typed.id,
        name: 'Christopher (by phone)',
        phone: '+79990001234',
        email: 'chris@example.com',
      },
    });

    expect(await app.prisma.customer.findUnique({ where: { id: chris.id } })).toBeNull();
    const after = await relationsOf(keepId);
    for (const relation of ['orders', 'addresses', 'importantDates', 'subscriptions'] as const)
      expect(after[relation], relation).toEqual([...before.chris[relation], ...before.kept[relation]].sort());
    expect(after.orders).toContain(keptOrder);
    const kept = await app.prisma.customer.findUniqueOrThrow({
      where: { id: keepId },
      include: { addresses: true },
    });
    expect(kept.userId).toBe(chris.userId);
    expect(kept.addresses.filter((a) => a.isDefault).map((a) => a.address)).toEqual(['Office 1']);

    const audit = await app.prisma.auditLog.findFirstOrThrow({ where: { action: 'mergeCustomers' } });
    expect(audit).toMatchObject({ targetType: 'Customer', targetId: keepId });
    expect(audit.changes).toMatchObject({
      keptId: keepId,
      mergedId: chris.id,
      mergedName: 'Chris Customer',
      moved: { orders: before.chris.orders.length, subscriptions: 1 },
      taken: ['userId'],
    });

    // The Telegram user is now the kept customer: signed in again, they see themself and all their orders.
    const headers = await app.signIn('customer@posy.demo');
    const own = await app.gql(
      '{ customers(first: 5) { edges { node { id orders(first: 50) { totalCount } } } } }',
      {},
      headers,
    );
    expect(own.data!.customers.edges).toEqual([
      { node: { id: typed.id, orders: { totalCount: after.orders.length } } },
    ]);
  });

  test('a customer of another shop is NOT_FOUND, and neither shop changes', async () => {
    const olga = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } });
    const theirs = b.ids.Customer![0]!;
    const before = [await customersSnapshot(app, shopId), await customersSnapshot(app, b.shopId)];
    for (const [keep, gone] of [
      [olga.id, theirs],
      [theirs, olga.id],
    ] as const) {
      const answer = await merge(keep, gone, who.admin);
      expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(answer.data).toBeNull();
    }
    expect([await customersSnapshot(app, shopId), await customersSnapshot(app, b.shopId)]).toEqual(before);
  });

  test('merging a customer into itself is BAD_USER_INPUT and changes nothing', async () => {
    const olga = await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Olga Smirnova' } });
    const before = await customersSnapshot(app, shopId);
    const answer = await merge(olga.id, olga.id);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mergeId' });
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('two customers each linked to a Telegram user answer CustomersBothLinked and stay', async () => {
    const linked = [];
    for (const telegramId of [300000001n, 300000002n]) {
      const user = await app.prisma.user.create({ data: { name: `Tg ${telegramId}`, telegramId } });
      linked.push(await app.prisma.customer.create({ data: { shopId, userId: user.id, name: user.name } }));
    }
    const before = await customersSnapshot(app, shopId);
    const answer = await merge(linked[0]!.id, linked[1]!.id);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.mergeCustomers.__typename).toBe('CustomersBothLinked');
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('florists, couriers, customers and API keys may not merge', async () => {
    const [first, second] = await app.prisma.customer.findMany({ where: { shopId, userId: null }, take: 2 });
    const key = await app.insertApiKey({ scopes: ['customers:read', 'customers:write'] });
    const before = await customersSnapshot(app, shopId);
    for (const headers of [who.florist, who.courier, who.customer, key.headers]) {
      const answer = await merge(first!.id, second!.id, headers);
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await customersSnapshot(app, shopId)).toEqual(before);
  });

  test('two merges at once, A←B and B←A, leave exactly one customer with every order', async () => {
    for (let round = 0; round < 3; round += 1) {
      const a = await app.prisma.customer.create({ data: { shopId, name: `Race A${round}` } });
      const bee = await app.prisma.customer.create({ data: { shopId, name: `Race B${round}` } });
      const orders = [await orderFor(a.id), await orderFor(a.id), await orderFor(bee.id)].sort();
      const answers = await Promise.all([merge(a.id, bee.id), merge(bee.id, a.id, who.admin)]);
      const outcomes = answers
        .map((r) => r.data?.mergeCustomers?.__typename ?? r.errors?.[0]?.extensions?.code)
        .sort();
      expect(outcomes).toEqual(['MutationMergeCustomersSuccess', 'NOT_FOUND']);
      const left = await app.prisma.customer.findMany({ where: { id: { in: [a.id, bee.id] } } });
      expect(left).toHaveLength(1);
      expect((await relationsOf(left[0]!.id)).orders).toEqual(orders);
    }
  });
});
