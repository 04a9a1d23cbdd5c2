import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

// Prisma's `contains` is sent as a bound parameter, yet inside ILIKE: % and _ would still be wildcards
// and \ an escape, so each of these must match only the rows that hold it literally.
const LITERALS = ['%', '_', '\\'];

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' }, select: { id: true } });
  const [first, second, third] = await app.prisma.customer.findMany({
    where: { shopId: shop.id },
    orderBy: { id: 'asc' },
    take: 3,
    select: { id: true },
  });
  await app.prisma.customer.update({ where: { id: first!.id }, data: { name: 'Roses 100% fresh' } });
  await app.prisma.customer.update({ where: { id: second!.id }, data: { name: 'snake_case florist' } });
  await app.prisma.customer.update({ where: { id: third!.id }, data: { name: 'back\\slash' } });
  const products = await app.prisma.product.findMany({
    where: { shopId: shop.id },
    orderBy: { id: 'asc' },
    take: 3,
    select: { id: true },
  });
  const productNames = ['Tulips 50% off', 'Mixed_box', 'Vase with a \\ on it'];
  for (const [i, product] of products.entries()) {
    await app.prisma.product.update({ where: { id: product.id }, data: { name: productNames[i]! } });
  }
});
afterAll(() => app?.stop());

const names = (
  result: { data?: { [k: string]: { edges: { node: { name: string } }[] } } | null },
  field: string,
) => result.data?.[field]?.edges.map((e) => e.node.name).sort();

describe('search takes %, _ and \\ literally', () => {
  test.each(LITERALS)('customers(search: %j)', async (term) => {
    const result = await app.gql(
      'query ($s: String) { customers(first: 50, search: $s) { totalCount edges { node { name } } } }',
      { s: term },
      app.demoKey,
    );
    expect(result.errors).toBeUndefined();
    const all = await app.prisma.customer.findMany({ select: { name: true } });
    const expected = all.filter((c) => c.name.includes(term)).map((c) => c.name);
    expect(expected).toHaveLength(1);
    expect(names(result, 'customers')).toEqual(expected);
    expect(result.data!.customers.totalCount).toBe(1);
  });

  test.each(LITERALS)('orders(filter: {search: %j})', async (term) => {
    const result = await app.gql(
      'query ($f: OrdersFilter) { orders(first: 50, filter: $f) { totalCount edges { node { number } } } }',
      { f: { search: term } },
      app.demoKey,
    );
    expect(result.errors).toBeUndefined();
    const all = await app.prisma.order.findMany({
      select: { number: true, recipientName: true, customer: { select: { name: true } } },
    });
    const expected = all
      .filter((o) => o.customer.name.includes(term) || o.recipientName?.includes(term))
      .map((o) => o.number)
      .sort((a, b) => b - a);
    expect(result.data!.orders.edges.map((e: { node: { number: number } }) => e.node.number)).toEqual(
      expected,
    );
    expect(result.data!.orders.totalCount).toBe(expected.length);
    expect(expected.length).toBeLessThan(all.length);
  });

  test.each(LITERALS)('products(search: %j)', async (term) => {
    const result = await app.gql(
      'query ($s: String) { products(first: 50, search: $s) { totalCount edges { node { name } } } }',
      { s: term },
      app.demoKey,
    );
    expect(result.errors).toBeUndefined();
    const all = await app.prisma.product.findMany({ select: { name: true } });
    const expected = all
      .filter((p) => p.name.includes(term))
      .map((p) => p.name)
      .sort();
    expect(expected).toHaveLength(1);
    expect(names(result, 'products')).toEqual(expected);
  });
});
