import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeGlobalId } from '../src/graphql/global-id.js';
import { startTestApp, type TestApp } from './harness.js';

/*
 * Nested paths answer as the root fields do (the rules of common/access.ts), over real HTTP: an API key
 * reads through `customers { orders }` or `orders { customer items { product } }` only what its scopes
 * give at the root, a courier only their deliveries, a customer only their own.
 */

let app: TestApp;
let shopId: string;
beforeAll(async () => {
  app = await startTestApp();
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
});
afterAll(() => app?.stop());

const CUSTOMERS_ORDERS = /* GraphQL */ `
  { customers(first: 10) { edges { node { id name orders(first: 20) { totalCount edges { node { id } } } } } } }
`;

type Edges<T> = { edges: { node: T }[] };
const nodes = <T>(connection: Edges<T>) => connection.edges.map((e) => e.node);
const globalOrderIds = async (where: object) =>
  (await app.prisma.order.findMany({ where: { shopId, ...where }, select: { id: true } }))
    .map((o) => encodeGlobalId('Order', o.id))
    .sort();

describe('API keys through nested paths', () => {
  test('a customers:read key is refused customers { orders } and reads no order through it', async () => {
    const { headers } = await app.insertApiKey({ scopes: ['customers:read'] });
    const result = await app.gql(CUSTOMERS_ORDERS, {}, headers);
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors!) {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(error.message).toBe('This API key lacks the orders:read scope');
      expect(error.path?.at(-1)).toBe('orders');
    }
    const text = JSON.stringify(result.data);
    for (const id of await globalOrderIds({})) expect(text).not.toContain(id);
    // The customers themselves are the key's to read.
    const customers = await app.gql('{ customers(first: 100) { totalCount } }', {}, headers);
    expect(customers.errors).toBeUndefined();
    expect(customers.data!.customers.totalCount).toBe(await app.prisma.customer.count({ where: { shopId } }));
  });

  test('a key with orders:read too reads each customer’s orders, as many as the root gives', async () => {
    const { headers } = await app.insertApiKey({ scopes: ['customers:read', 'orders:read'] });
    const result = await app.gql(CUSTOMERS_ORDERS, {}, headers);
    expect(result.errors).toBeUndefined();
    const customers = nodes<{ orders: Edges<{ id: string }> & { totalCount: number } }>(
      result.data!.customers,
    );
    const nested = customers.flatMap((c) => nodes(c.orders).map((o) => o.id)).sort();
    expect(nested).toEqual(await globalOrderIds({}));
    expect(customers.reduce((sum, c) => sum + c.orders.totalCount, 0)).toBe(nested.length);
  });

  test('an orders:read key is refused the customer and the catalog product of an order', async () => {
    const { headers } = await app.insertApiKey({ scopes: ['orders:read'] });
    const names = [
      ...(await app.prisma.customer.findMany({ where: { shopId } })),
      ...(await app.prisma.product.findMany({ where: { shopId } })),
    ].map((row) => row.name);
    for (const field of ['customer', 'product'] as const) {
      const selection = field === 'customer' ? 'customer { name }' : 'items { product { name } }';
      const result = await app.gql(
        `{ orders(first: 5) { edges { node { number ${selection} } } } }`,
        {},
        headers,
      );
      const refused = new Set(
        result.errors?.map((e) => `${e.extensions?.code} ${e.path?.at(-1)}: ${e.message}`),
      );
      const scope = field === 'customer' ? 'customers:read' : 'catalog:read';
      expect(refused).toEqual(new Set([`FORBIDDEN ${field}: This API key lacks the ${scope} scope`]));
      const text = JSON.stringify(result.data);
      for (const name of names) expect(text).not.toContain(name);
    }
  });
});

describe('staff and customers through nested paths', () => {
  test('a courier sees, through an order’s customer, only the orders they deliver', async () => {
    const courier = await app.prisma.user.findUniqueOrThrow({ where: { email: 'courier@posy.demo' } });
    // A customer with a delivery of this courier and an order they do not deliver: the case that matters.
    const customer = await app.prisma.customer.findFirstOrThrow({
      where: {
        shopId,
        AND: [
          { orders: { some: { courierId: courier.id } } },
          { orders: { some: { OR: [{ courierId: null }, { courierId: { not: courier.id } }] } } },
        ],
      },
    });
    const result = await app.gql(
      'query C($id: ID!) { node(id: $id) { ... on Customer { name orders(first: 100) { totalCount edges { node { id } } } } } }',
      { id: encodeGlobalId('Customer', customer.id) },
      await app.signIn('courier@posy.demo'),
    );
    expect(result.errors).toBeUndefined();
    const delivered = await globalOrderIds({ customerId: customer.id, courierId: courier.id });
    expect(
      nodes<{ id: string }>(result.data!.node.orders)
        .map((o) => o.id)
        .sort(),
    ).toEqual(delivered);
    expect(result.data!.node.orders.totalCount).toBe(delivered.length);
  });

  test('a customer sees the product of their order off sale, which the catalog no longer lists', async () => {
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email: 'customer@posy.demo' } });
    const item = await app.prisma.orderItem.findFirstOrThrow({
      where: { order: { customer: { userId: user.id } } },
    });
    await app.prisma.product.update({ where: { id: item.productId }, data: { active: false } });
    const bought = encodeGlobalId('Product', item.productId);
    const customer = await app.signIn('customer@posy.demo');
    const byId = await app.gql('query P($id: ID!) { node(id: $id) { id } }', { id: bought }, customer);
    expect(byId).toMatchObject({ data: { node: { id: bought } } });
    expect(byId.errors).toBeUndefined();
    const catalog = await app.gql('{ products(first: 100) { edges { node { id } } } }', {}, customer);
    expect(catalog.errors).toBeUndefined();
    expect(nodes<{ id: string }>(catalog.data!.products).map((p) => p.id)).not.toContain(bought);
    // Another product off sale, which they never bought, stays out of their reach.
    const other = await app.prisma.product.findFirstOrThrow({
      where: { shopId, orderItems: { none: { order: { customer: { userId: user.id } } } } },
    });
    await app.prisma.product.update({ where: { id: other.id }, data: { active: false } });
    const otherById = await app.gql(
      'query P($id: ID!) { node(id: $id) { id } }',
      { id: encodeGlobalId('Product', other.id) },
      customer,
    );
    expect(otherById.data).toEqual({ node: null });
  });
});
