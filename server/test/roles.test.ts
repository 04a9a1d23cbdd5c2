import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateApiKey } from '../src/auth/api-keys.js';
import { encodeGlobalId } from '../src/graphql/global-id.js';
import { startTestApp, type TestApp } from './harness.js';

/**
 * What each way in may see, over real HTTP against the seeded demo shop: every staff role, the
 * customer, API keys by scope, and the choice of shop. Expectations are counted from the database,
 * so they follow the seed rather than repeat it.
 */

let app: TestApp;
let shopId: string;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};

const EMAILS = {
  ADMIN: 'admin@posy.demo',
  MANAGER: 'manager@posy.demo',
  FLORIST: 'florist@posy.demo',
  COURIER: 'courier@posy.demo',
  CUSTOMER: 'customer@posy.demo',
} as const;
type Who = keyof typeof EMAILS;

const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!) {
    loginWithPassword(email: $email, password: $password) { accessToken user { id } }
  }
`;
const ORDERS = /* GraphQL */ `
  query { orders(first: 100) { totalCount edges { node { id number } } } }
`;
const ORDER = /* GraphQL */ `
  query Order($id: ID!) { order(id: $id) { id number } }
`;
const NODE = /* GraphQL */ `
  query Node($id: ID!) { node(id: $id) { id ... on Order { number } } }
`;

type OrdersData = { orders: { totalCount: number; edges: { node: { id: string; number: number } }[] } };

const as = (who: Who) => ({ authorization: `Bearer ${tokens[who]}` });

async function login(email: string) {
  const result = await app.gql<{ loginWithPassword: { accessToken: string; user: { id: string } } }>(LOGIN, {
    email,
    password: 'posy-demo',
  });
  expect(result.errors).toBeUndefined();
  return result.data!.loginWithPassword;
}

async function orderNumbers(headers: Record<string, string>) {
  const result = await app.gql<OrdersData>(ORDERS, {}, headers);
  expect(result.errors).toBeUndefined();
  const numbers = result.data!.orders.edges.map((e) => e.node.number).sort((a, b) => a - b);
  expect(result.data!.orders.totalCount).toBe(numbers.length);
  return numbers;
}

async function dbOrderNumbers(where: Record<string, unknown>) {
  const rows = await app.prisma.order.findMany({
    where,
    select: { number: true },
    orderBy: { number: 'asc' },
  });
  return rows.map((r) => r.number);
}

async function orderIdOf(number: number) {
  const order = await app.prisma.order.findFirstOrThrow({ where: { shopId, number } });
  return encodeGlobalId('Order', order.id);
}

/** A shop with a customer, a product and one order (number 1), straight into the database. */
async function createShop(slug: string, order: { courierId?: string } = {}) {
  const shop = await app.prisma.shop.create({ data: { name: `Shop ${slug}`, slug } });
  const customer = await app.prisma.customer.create({
    data: { shopId: shop.id, name: `Buyer of ${slug}`, note: `Note of ${slug}` },
  });
  await app.prisma.product.create({ data: { shopId: shop.id, name: `Bouquet of ${slug}`, priceMinor: 100 } });
  await app.prisma.order.create({
    data: {
      shopId: shop.id,
      number: 1,
      customerId: customer.id,
      currency: 'RUB',
      subtotalMinor: 100,
      totalMinor: 100,
      status: 'OUT_FOR_DELIVERY',
      ...order,
    },
  });
  return shop.id;
}

let secondShopId: string;
let foreignShopId: string;

beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  for (const [who, email] of Object.entries(EMAILS)) {
    const session = await login(email);
    tokens[who] = session.accessToken;
    userIds[who] = session.user.id;
  }
  // Other tenants in the same database, so "everything" can be told from "everything of this shop".
  // The foreign shop's order is even delivered by the demo courier: still not theirs to see here.
  secondShopId = await createShop('second');
  foreignShopId = await createShop('foreign', { courierId: userIds.COURIER });
});
afterAll(() => app?.stop());

describe('orders by role', () => {
  test.each(['ADMIN', 'MANAGER', 'FLORIST'] as const)(
    '%s sees every order of the shop, and no other shop’s',
    async (who) => {
      const all = await dbOrderNumbers({ shopId });
      expect(all.length).toBeGreaterThan(1);
      expect(await app.prisma.order.count()).toBeGreaterThan(all.length);
      const result = await app.gql<OrdersData>(ORDERS, {}, as(who));
      expect(result.errors).toBeUndefined();
      const ids = result.data!.orders.edges.map((e) => e.node.id).sort();
      const expected = await app.prisma.order.findMany({ where: { shopId }, select: { id: true } });
      expect(ids).toEqual(expected.map((o) => encodeGlobalId('Order', o.id)).sort());
      expect(result.data!.orders.totalCount).toBe(expected.length);
    },
  );

  test('another shop’s order is null for every role of this one', async () => {
    const foreign = await app.prisma.order.findFirstOrThrow({ where: { shopId: foreignShopId } });
    const id = encodeGlobalId('Order', foreign.id);
    for (const who of Object.keys(EMAILS) as Who[]) {
      expect((await app.gql(ORDER, { id }, as(who))).data, who).toEqual({ order: null });
      expect((await app.gql(NODE, { id }, as(who))).data, who).toEqual({ node: null });
    }
    expect((await app.gql(ORDER, { id }, app.demoKey)).data).toEqual({ order: null });
  });

  test('COURIER sees only the orders they deliver in this shop', async () => {
    const theirs = await dbOrderNumbers({ shopId, courierId: userIds.COURIER });
    expect(await app.prisma.order.count({ where: { courierId: userIds.COURIER } })).toBeGreaterThan(
      theirs.length,
    );
    // Meaningful only if the courier has some orders and not all of them.
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.length).toBeLessThan(await app.prisma.order.count({ where: { shopId } }));
    expect(await orderNumbers(as('COURIER'))).toEqual(theirs);
  });

  test('COURIER gets null for an order they do not deliver, by id and as a node', async () => {
    const other = await app.prisma.order.findFirstOrThrow({
      where: { shopId, OR: [{ courierId: null }, { courierId: { not: userIds.COURIER } }] },
    });
    const id = encodeGlobalId('Order', other.id);
    const byId = await app.gql(ORDER, { id }, as('COURIER'));
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toEqual({ order: null });
    const node = await app.gql(NODE, { id }, as('COURIER'));
    expect(node.errors).toBeUndefined();
    expect(node.data).toEqual({ node: null });

    const mine = await app.prisma.order.findFirstOrThrow({ where: { courierId: userIds.COURIER } });
    const own = await app.gql(ORDER, { id: encodeGlobalId('Order', mine.id) }, as('COURIER'));
    expect(own.data).toEqual({ order: { id: encodeGlobalId('Order', mine.id), number: mine.number } });
  });

  test('staff see the internal order note; the customer is refused it', async () => {
    const theirs = await app.prisma.order.findFirstOrThrow({
      where: { customer: { userId: userIds.CUSTOMER } },
    });
    await app.prisma.order.update({ where: { id: theirs.id }, data: { note: 'Difficult client' } });
    const query = 'query Order($id: ID!) { order(id: $id) { number note } }';
    const id = encodeGlobalId('Order', theirs.id);
    const staff = await app.gql(query, { id }, as('FLORIST'));
    expect(staff.errors).toBeUndefined();
    expect(staff.data!.order.note).toBe('Difficult client');
    const customer = await app.gql(query, { id }, as('CUSTOMER'));
    expect(customer.data!.order).toEqual({ number: theirs.number, note: null });
    expect(customer.errors).toHaveLength(1);
    expect(customer.errors![0]!.extensions?.code).toBe('FORBIDDEN');
    expect(customer.errors![0]!.path).toEqual(['order', 'note']);
  });
});

describe('the customer', () => {
  let customerId: string;

  beforeAll(async () => {
    customerId = (
      await app.prisma.customer.findUniqueOrThrow({
        where: { shopId_userId: { shopId, userId: userIds.CUSTOMER! } },
      })
    ).id;
  });

  test('sees only their own orders', async () => {
    const theirs = await dbOrderNumbers({ shopId, customerId });
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.length).toBeLessThan(await app.prisma.order.count({ where: { shopId } }));
    expect(await orderNumbers(as('CUSTOMER'))).toEqual(theirs);
  });

  test('gets null for another customer’s order, by id and as a node', async () => {
    const other = await app.prisma.order.findFirstOrThrow({
      where: { shopId, customerId: { not: customerId } },
    });
    const id = encodeGlobalId('Order', other.id);
    expect((await app.gql(ORDER, { id }, as('CUSTOMER'))).data).toEqual({ order: null });
    expect((await app.gql(NODE, { id }, as('CUSTOMER'))).data).toEqual({ node: null });
    // …while staff do see that very order, so the null is the rule and not a bad id.
    expect((await app.gql(ORDER, { id }, as('MANAGER'))).data).toEqual({
      order: { id, number: other.number },
    });
  });

  test('sees only themself among customers, and not the shop’s note about them', async () => {
    await app.prisma.customer.update({ where: { id: customerId }, data: { note: 'Pays late' } });
    const result = await app.gql(
      '{ customers(first: 50) { totalCount edges { node { id name note } } } }',
      {},
      as('CUSTOMER'),
    );
    expect(result.data!.customers.totalCount).toBe(1);
    expect(result.data!.customers.edges).toEqual([
      { node: { id: encodeGlobalId('Customer', customerId), name: 'Chris Customer', note: null } },
    ]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors![0]!.path).toEqual(['customers', 'edges', 0, 'node', 'note']);

    const manager = await app.gql(
      'query C($id: ID!) { node(id: $id) { ... on Customer { note } } }',
      { id: encodeGlobalId('Customer', customerId) },
      as('MANAGER'),
    );
    expect(manager.errors).toBeUndefined();
    expect(manager.data).toEqual({ node: { note: 'Pays late' } });
  });

  test('gets null for another customer by id', async () => {
    const other = await app.prisma.customer.findFirstOrThrow({ where: { shopId, id: { not: customerId } } });
    const result = await app.gql(
      'query C($id: ID!) { node(id: $id) { id ... on Customer { name phone } } }',
      { id: encodeGlobalId('Customer', other.id) },
      as('CUSTOMER'),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ node: null });
  });
});

describe('customer lists', () => {
  test.each([
    ['ADMIN', () => as('ADMIN')],
    ['MANAGER', () => as('MANAGER')],
    ['the demo key (customers:read)', () => app.demoKey],
  ])('%s lists every customer of the shop, and no other shop’s', async (_who, headers) => {
    const result = await app.gql(
      '{ customers(first: 100) { totalCount edges { node { id } } } }',
      {},
      headers(),
    );
    expect(result.errors).toBeUndefined();
    const expected = await app.prisma.customer.findMany({ where: { shopId }, select: { id: true } });
    expect(await app.prisma.customer.count()).toBeGreaterThan(expected.length);
    expect(result.data!.customers.totalCount).toBe(expected.length);
    expect(result.data!.customers.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
      expected.map((c) => encodeGlobalId('Customer', c.id)).sort(),
    );
  });

  test('florists and couriers may not list customers', async () => {
    for (const who of ['FLORIST', 'COURIER'] as const) {
      const result = await app.gql('{ customers(first: 5) { totalCount } }', {}, as(who));
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('users', () => {
  test('me is null for anonymous callers and for API keys, without errors', async () => {
    expect(await app.gql('{ me { id } }')).toMatchObject({ data: { me: null } });
    expect((await app.gql('{ me { id } }')).errors).toBeUndefined();
    const byKey = await app.gql('{ me { id } }', {}, app.demoKey);
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data).toEqual({ me: null });
  });

  test('me shows the user their own email and memberships', async () => {
    const result = await app.gql('{ me { id email memberships { role } } }', {}, as('COURIER'));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      me: { id: userIds.COURIER, email: 'courier@posy.demo', memberships: [{ role: 'COURIER' }] },
    });
  });

  test('another user’s email and phone are refused; their name is not', async () => {
    await app.prisma.user.update({ where: { id: userIds.COURIER }, data: { phone: '+79990000004' } });
    const delivered = await app.prisma.order.findFirstOrThrow({ where: { courierId: userIds.COURIER } });
    const result = await app.gql(
      'query O($id: ID!) { order(id: $id) { courier { name email phone } } }',
      { id: encodeGlobalId('Order', delivered.id) },
      as('MANAGER'),
    );
    expect(result.data!.order.courier).toEqual({ name: 'Kirill Courier', email: null, phone: null });
    expect(result.errors?.map((e) => [e.extensions?.code, e.path?.at(-1)])).toEqual([
      ['FORBIDDEN', 'email'],
      ['FORBIDDEN', 'phone'],
    ]);
  });
});

describe('API keys', () => {
  test('the demo key (orders:read) sees every order of its shop', async () => {
    expect(await orderNumbers(app.demoKey)).toEqual(await dbOrderNumbers({ shopId }));
  });

  test('the key works as a Bearer token too', async () => {
    const key = app.demoKey['x-api-key'];
    expect(await orderNumbers({ authorization: `Bearer ${key}` })).toEqual(await dbOrderNumbers({ shopId }));
  });

  test('a catalog:read key reads products but is FORBIDDEN orders and customers', async () => {
    const { headers } = await app.insertApiKey({ scopes: ['catalog:read'] });
    const products = await app.gql('{ products(first: 50) { totalCount } }', {}, headers);
    expect(products.errors).toBeUndefined();
    expect(products.data!.products.totalCount).toBe(await app.prisma.product.count({ where: { shopId } }));

    const orders = await app.gql(ORDERS, {}, headers);
    expect(orders.data).toBeNull();
    expect(orders.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(orders.errors?.[0]?.message).toBe('This API key lacks the orders:read scope');
    const order = await app.gql(ORDER, { id: await orderIdOf(1) }, headers);
    expect(order.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const customers = await app.gql('{ customers(first: 5) { totalCount } }', {}, headers);
    expect(customers.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(customers.errors?.[0]?.message).toBe('This API key lacks the customers:read scope');
  });

  test('an orders:read key may not read the catalog', async () => {
    const { headers } = await app.insertApiKey({ scopes: ['orders:read'] });
    const products = await app.gql('{ products(first: 5) { totalCount } }', {}, headers);
    expect(products.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(products.errors?.[0]?.message).toBe('This API key lacks the catalog:read scope');
  });

  test.each([
    ['a revoked key', { revokedAt: new Date(Date.now() - 1000) }],
    ['an expired key', { expiresAt: new Date(Date.now() - 1000) }],
  ])('%s is UNAUTHENTICATED and its use is not recorded', async (_name, state) => {
    const { headers, id } = await app.insertApiKey({ scopes: ['orders:read'], ...state });
    const result = await app.gql(ORDERS, {}, headers);
    // Refused while building the context: nothing ran, so there is no data at all.
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toBe('Unknown, revoked or expired API key');
    expect((await app.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
  });

  test('a key that expires later works, and its use is recorded', async () => {
    const { headers, id } = await app.insertApiKey({
      scopes: ['orders:read'],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    expect((await orderNumbers(headers)).length).toBeGreaterThan(0);
    expect((await app.prisma.apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  test.each([
    ['an unknown key', () => generateApiKey().key],
    ['a key with the right prefix and a wrong secret', () => `posy_demo000001_${'A'.repeat(43)}`],
    ['a malformed key', () => 'posy_short'],
  ])('%s is UNAUTHENTICATED', async (_name, key) => {
    const result = await app.gql(ORDERS, {}, { 'x-api-key': key() });
    // Refused while building the context: nothing ran, so there is no data at all.
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toBe('Unknown, revoked or expired API key');
  });

  test('a key asking for another shop is FORBIDDEN', async () => {
    const result = await app.gql(ORDERS, {}, { ...app.demoKey, 'x-shop-id': foreignShopId });
    // Refused while building the context: nothing ran, so there is no data at all.
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.message).toBe('This API key belongs to another shop');
  });

  test('the demo key’s stored secret is only a hash', async () => {
    const row = await app.prisma.apiKey.findUniqueOrThrow({ where: { prefix: 'demo000001' } });
    const secret = app.demoKey['x-api-key'].slice('posy_demo000001_'.length);
    expect(row.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
  });
});

describe('choosing a shop', () => {
  let twoShops: Record<string, string>;
  const secondShopOrder = 1;

  beforeAll(async () => {
    const admin = await app.prisma.user.findUniqueOrThrow({ where: { email: EMAILS.ADMIN } });
    const revoked = await app.prisma.shop.create({ data: { name: 'Left', slug: 'left' } });
    const user = await app.prisma.user.create({
      data: {
        email: 'two-shops@posy.test',
        name: 'Tess Two-Shops',
        passwordHash: admin.passwordHash,
        memberships: {
          create: [
            { shopId, role: 'FLORIST' },
            { shopId: secondShopId, role: 'ADMIN' },
            { shopId: revoked.id, role: 'ADMIN', revokedAt: new Date() },
          ],
        },
      },
    });
    const session = await login(user.email!);
    twoShops = { authorization: `Bearer ${session.accessToken}` };
  });

  test('a user with two shops must pick one: BAD_USER_INPUT without X-Shop-Id', async () => {
    const result = await app.gql(ORDERS, {}, twoShops);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('X-Shop-Id');
    expect(result.errors?.[0]?.message).toBe(
      'Choose a shop: send the X-Shop-Id header with one of your shops',
    );
  });

  test('with X-Shop-Id (uuid, upper-case uuid or global id) they see that shop’s orders only', async () => {
    expect(await orderNumbers({ ...twoShops, 'x-shop-id': shopId })).toEqual(
      await dbOrderNumbers({ shopId }),
    );
    expect(await orderNumbers({ ...twoShops, 'x-shop-id': secondShopId.toUpperCase() })).toEqual([
      secondShopOrder,
    ]);
    expect(await orderNumbers({ ...twoShops, 'x-shop-id': encodeGlobalId('Shop', secondShopId) })).toEqual([
      secondShopOrder,
    ]);
    const shop = await app.gql('{ shop { slug } }', {}, { ...twoShops, 'x-shop-id': secondShopId });
    expect(shop.data).toEqual({ shop: { slug: 'second' } });
  });

  test('a shop they do not belong to, or have left, is FORBIDDEN', async () => {
    const left = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'left' } });
    for (const id of [foreignShopId, left.id]) {
      const result = await app.gql(ORDERS, {}, { ...twoShops, 'x-shop-id': id });
      // Refused while building the context: nothing ran, so there is no data at all.
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.errors?.[0]?.message).toBe('You are not a member or customer of this shop');
    }
    // A one-shop member asking for another shop is refused the same way.
    const courier = await app.gql(ORDERS, {}, { ...as('COURIER'), 'x-shop-id': secondShopId });
    expect(courier.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test.each([
    ['not-a-shop'],
    ['1234'],
    [encodeGlobalId('Order', '0190f0f0-0000-7000-8000-000000000000')],
    [`${'0'.repeat(36)}`],
  ])('a garbage X-Shop-Id %j is BAD_USER_INPUT', async (value) => {
    const result = await app.gql(ORDERS, {}, { ...twoShops, 'x-shop-id': value });
    // Refused while building the context: nothing ran, so there is no data at all.
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe('X-Shop-Id is not a shop id');
  });

  test('the customer picks their shop implicitly, and a foreign shop is FORBIDDEN', async () => {
    const result = await app.gql('{ shop { slug } }', {}, as('CUSTOMER'));
    expect(result.data).toEqual({ shop: { slug: 'demo' } });
    const foreign = await app.gql(ORDERS, {}, { ...as('CUSTOMER'), 'x-shop-id': foreignShopId });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  test('anonymous callers are told to sign in, whatever shop they name', async () => {
    for (const headers of [{}, { 'x-shop-id': shopId }] as Record<string, string>[]) {
      const result = await app.gql(ORDERS, {}, headers);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors?.[0]?.message).toBe('Sign in to continue');
    }
  });
});
