import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const ORDERS = /* GraphQL */ `
  query Orders($first: Int, $after: String, $filter: OrdersFilter) {
    orders(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id number status customer { name } items { product { name } quantity } total { amountMinor currency } } }
    }
  }
`;

type OrdersData = {
  orders: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: {
      node: {
        id: string;
        number: number;
        status: string;
        customer: { name: string };
        items: { product: { name: string } }[];
        total: { amountMinor: number; currency: string };
      };
    }[];
  };
};

describe('orders board', () => {
  test('lists the seeded orders newest first, with customers and items', async () => {
    const result = await app.gql<OrdersData>(ORDERS, { first: 10 }, app.demoKey);
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.orders.edges.map((e) => e.node);
    expect(result.data!.orders.totalCount).toBe(9);
    expect(nodes.map((n) => n.number)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(new Set(nodes.map((n) => n.status))).toEqual(
      new Set(['NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED']),
    );
    expect(nodes[8]!.customer.name).toBe('Chris Customer');
    expect(nodes[8]!.items[0]!.product.name).toBe('15 red roses');
    // Order 1: two bouquets of 3 500 ₽ plus 500 ₽ delivery, in kopecks.
    expect(nodes[8]!.total).toEqual({ amountMinor: 750_000, currency: 'RUB' });
  });

  test('pages with cursors without gaps or repeats', async () => {
    const seen: number[] = [];
    let after: string | undefined;
    for (let page = 0; page < 4; page += 1) {
      const result = await app.gql<OrdersData>(ORDERS, { first: 4, after }, app.demoKey);
      seen.push(...result.data!.orders.edges.map((e) => e.node.number));
      if (!result.data!.orders.pageInfo.hasNextPage) break;
      after = result.data!.orders.pageInfo.endCursor;
    }
    expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  test.each([
    [{ status: ['DELIVERED'] }, [8, 7]],
    [{ status: ['NEW', 'CANCELLED'] }, [9, 2, 1]],
    [{ search: '#5' }, [5]],
    [{ search: '7' }, [7]],
    [{ search: 'volkova' }, [9, 7, 5, 3, 1]],
    [{ search: '0001122' }, [9, 7, 5, 3, 1]],
    [{ search: 'olga' }, [7, 2]],
    [{ search: 'nobody-by-this-name' }, []],
  ])('filter %j finds orders %j', async (filter, numbers) => {
    const result = await app.gql<OrdersData>(ORDERS, { first: 20, filter }, app.demoKey);
    expect(result.errors).toBeUndefined();
    expect(result.data!.orders.edges.map((e) => e.node.number)).toEqual(numbers);
    expect(result.data!.orders.totalCount).toBe(numbers.length);
  });

  test('a date range selects by delivery window', async () => {
    const all = await app.prisma.order.findMany({ select: { number: true, windowStart: true } });
    const from = new Date(Math.min(...all.map((o) => o.windowStart!.getTime())));
    const to = new Date(from.getTime() + 1);
    const expected = all.filter((o) => o.windowStart!.getTime() === from.getTime()).map((o) => o.number);
    const result = await app.gql<OrdersData>(
      ORDERS,
      { filter: { windowFrom: from, windowTo: to } },
      app.demoKey,
    );
    expect(result.data!.orders.edges.map((e) => e.node.number).sort()).toEqual(expected.sort());
  });

  test.each([
    [
      { windowFrom: '2026-01-02T00:00:00Z', windowTo: '2026-01-01T00:00:00Z' },
      'windowFrom must be before windowTo',
    ],
    [{ search: 'x'.repeat(101) }, 'Search is limited to 100 characters'],
  ])('a bad filter %j is a BAD_USER_INPUT error', async (filter, message) => {
    const result = await app.gql(ORDERS, { filter }, app.demoKey);
    expect(result.data?.orders ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(message);
  });

  test('a malformed date is refused by the scalar', async () => {
    const result = await app.gql(ORDERS, { filter: { windowFrom: 'yesterday' } }, app.demoKey);
    expect(result.errors?.[0]?.message).toMatch(/DateTime/);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeUndefined();
  });
});

describe('one order', () => {
  const ORDER = /* GraphQL */ `
    query Order($id: ID!) {
      order(id: $id) {
        number status cardText recipientName fulfillment version
        customer { name phone }
        items { productName quantity unitPrice { amountMinor } total { amountMinor } }
        events { fromStatus toStatus actor { name } note }
        subtotal { amountMinor } deliveryFee { amountMinor } total { amountMinor }
      }
    }
  `;

  async function idOf(number: number) {
    const result = await app.gql<OrdersData>(ORDERS, { filter: { search: `#${number}` } }, app.demoKey);
    return result.data!.orders.edges[0]!.node.id;
  }

  test('has its items, full history and customer', async () => {
    const result = await app.gql(ORDER, { id: await idOf(6) }, app.demoKey);
    expect(result.errors).toBeUndefined();
    const order = result.data!.order;
    expect(order.status).toBe('OUT_FOR_DELIVERY');
    expect(order.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'NEW',
      'CONFIRMED',
      'IN_PRODUCTION',
      'READY',
      'OUT_FOR_DELIVERY',
    ]);
    expect(order.events[0].fromStatus).toBeNull();
    expect(order.events[1].fromStatus).toBe('NEW');
    expect(order.version).toBe(5);
    expect(order.total.amountMinor).toBe(order.subtotal.amountMinor + order.deliveryFee.amountMinor);
    expect(order.items[0].total.amountMinor).toBe(
      order.items[0].unitPrice.amountMinor * order.items[0].quantity,
    );
  });

  test('the cancelled order carries its reason in history', async () => {
    const result = await app.gql(ORDER, { id: await idOf(9) }, app.demoKey);
    expect(result.data!.order.status).toBe('CANCELLED');
    expect(result.data!.order.events.at(-1)).toMatchObject({
      toStatus: 'CANCELLED',
      note: 'Customer changed their mind',
    });
  });

  test('is reachable through node(id) too', async () => {
    const id = await idOf(3);
    const result = await app.gql(
      `query($id: ID!) { node(id: $id) { id ... on Order { number } } }`,
      { id },
      app.demoKey,
    );
    expect(result.data!.node).toEqual({ id, number: 3 });
  });

  test.each([
    ['garbage', 'not-a-global-id'],
    ['a global id of another type', encodeGlobalId('Product', '0195f2a4-0000-7000-8000-000000000000')],
    ['a global id with a non-uuid', encodeGlobalId('Order', '42')],
  ])('%s is a BAD_USER_INPUT error', async (_label, id) => {
    const result = await app.gql(ORDER, { id }, app.demoKey);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('an id that does not exist is null, not an error', async () => {
    const id = encodeGlobalId('Order', '0195f2a4-0000-7000-8000-000000000000');
    const result = await app.gql(ORDER, { id }, app.demoKey);
    expect(result.errors).toBeUndefined();
    expect(result.data!.order).toBeNull();
  });
});
