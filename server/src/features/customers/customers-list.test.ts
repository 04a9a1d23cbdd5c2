import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { customerGid, demoPeople, type People } from './customers-test-fixtures.js';

let app: TestApp;
let shopId: string;
let who: People;
/** Where the query listener records statements; null while not counting (Prisma has no $off). */
let recording: string[] | null = null;

beforeAll(async () => {
  app = await startTestApp();
  app.prisma.$on('query', (event) => recording?.push(event.query));
  ({ shopId, who } = await demoPeople(app));
  // Enough customers for a page of nine; the seeded five have orders, these addresses and dates.
  for (let i = 0; i < 6; i += 1)
    await app.prisma.customer.create({
      data: {
        shopId,
        name: `Listed ${i}`,
        email: `listed${i}@example.org`,
        addresses: { create: { address: `Listed street ${i}`, isDefault: true } },
        importantDates: { create: { title: 'Birthday', month: 1, day: i + 1 } },
      },
    });
});
afterAll(() => app?.stop());

const LIST = /* GraphQL */ `
  query List($first: Int, $search: String) {
    customers(first: $first, search: $search) {
      edges {
        node {
          id
          name
          addresses { address }
          importantDates { title kind }
          totals { orderCount spent { amountMinor currency } lastOrderAt }
          orders(first: 3) { totalCount edges { node { number } } }
        }
      }
    }
  }
`;

describe('the customers list', () => {
  test('search finds customers by email as well as by name and phone', async () => {
    const search = async (term: string) => {
      const answer = await app.gql(LIST, { first: 20, search: term }, who.manager);
      expect(answer.errors).toBeUndefined();
      return answer.data!.customers.edges.map((e: { node: { name: string } }) => e.node.name);
    };
    expect(await search('LISTED3@example')).toEqual(['Listed 3']);
    expect(await search('example.org')).toHaveLength(6);
    expect(await search('Olga')).toEqual(['Olga Smirnova']);
    expect(await search('+7 916 123')).toEqual(['Olga Smirnova']);
  });

  test('totals count the orders not cancelled, add up the paid ones and name the latest', async () => {
    const answer = await app.gql(LIST, { first: 20 }, who.manager);
    expect(answer.errors).toBeUndefined();
    const customers = await app.prisma.customer.findMany({
      where: { shopId },
      include: { orders: true, shop: { select: { currency: true } } },
    });
    const expected = Object.fromEntries(
      customers.map((c) => {
        const live = c.orders.filter((o) => o.status !== 'CANCELLED');
        const latest = live.map((o) => o.createdAt.getTime()).sort((x, y) => y - x)[0];
        return [
          customerGid(c.id),
          {
            orderCount: live.length,
            spent: {
              amountMinor: live
                .filter((o) => o.paymentStatus === 'PAID')
                .reduce((sum, o) => sum + o.totalMinor, 0),
              currency: c.shop.currency,
            },
            lastOrderAt: latest === undefined ? null : new Date(latest).toISOString(),
          },
        ];
      }),
    );
    const got = Object.fromEntries(
      answer.data!.customers.edges.map((e: { node: { id: string; totals: unknown } }) => [
        e.node.id,
        e.node.totals,
      ]),
    );
    expect(got).toEqual(expected);
    // The seed gives Chris paid and cancelled orders: the figures are not all zero.
    const chris = customers.find((c) => c.name === 'Chris Customer')!;
    expect(got[customerGid(chris.id)].orderCount).toBeGreaterThan(0);
    expect(
      Object.values(got).some((t) => (t as { spent: { amountMinor: number } }).spent.amountMinor > 0),
    ).toBe(true);
  });

  test('totals follow the orders rule: a customers:read key without orders:read is refused them', async () => {
    const key = await app.insertApiKey({ scopes: ['customers:read'] });
    const answer = await app.gql(
      '{ customers(first: 2) { edges { node { name totals { orderCount } } } } }',
      {},
      key.headers,
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(answer.errors?.[0]?.path).toEqual(['customers', 'edges', 0, 'node', 'totals']);
  });

  test('a page runs a fixed number of SQL statements, whatever its size (no N+1 for totals)', async () => {
    const count = async (first: number) => {
      const statements: string[] = [];
      recording = statements;
      const answer = await app.gql(LIST, { first }, who.manager);
      recording = null;
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.customers.edges).toHaveLength(first);
      return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim()));
    };
    await count(1);
    const two = await count(2);
    const nine = await count(9);
    expect(nine.length).toBe(two.length);
    // The session (3), customers with their order counts, addresses, dates, orders, shops, the totals' one
    // grouped query.
    expect(two.length).toBeLessThanOrEqual(9);
    expect(nine.filter((sql) => sql.includes('SUM("public"."Order"."totalMinor")'))).toHaveLength(1);
  });
});
