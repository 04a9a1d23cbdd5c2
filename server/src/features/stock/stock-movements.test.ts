import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSecondShop, type SecondShop } from '../../../test/fixtures/second-shop.js';
import { startTestApp, type TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

const MOVEMENTS = /* GraphQL */ `
  query ($filter: StockMovementsFilter, $first: Int) {
    stockMovements(filter: $filter, first: $first) {
      totalCount
      edges { node { kind quantity reason note at stockItem { name } batch { id } order { number } actor { name } } }
    }
  }
`;

let app: TestApp;
let shopB: SecondShop;
let shopId: string;
let manager: Record<string, string>;
let rose: { id: string; globalId: string };
let started: Date;
/** Where the query listener records statements; null while not counting (Prisma has no $off). */
let recording: string[] | null = null;

beforeAll(async () => {
  app = await startTestApp();
  app.prisma.$on('query', (event) => recording?.push(event.query));
  shopB = await createSecondShop(app.prisma);
  shopId = (await app.prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } })).id;
  manager = await app.signIn('manager@posy.demo');
  const item = await app.prisma.stockItem.findFirstOrThrow({ where: { shopId }, orderBy: { name: 'asc' } });
  rose = { id: item.id, globalId: encodeGlobalId('StockItem', item.id) };
  started = new Date();
  for (const [quantity, reason, note] of [
    [3, 'DAMAGED', 'Dropped the bucket'],
    [1, 'OTHER', null],
  ] as const) {
    const result = await app.gql(
      'mutation ($id: ID!, $q: Int!, $r: WriteOffReason!, $n: String) { writeOff(stockItemId: $id, quantity: $q, reason: $r, note: $n) { id } }',
      { id: rose.globalId, q: quantity, r: reason, n: note },
      manager,
    );
    expect(result.errors).toBeUndefined();
  }
});
afterAll(() => app?.stop());

describe('stockMovements', () => {
  test('a manager lists a period’s write-offs with their reasons, notes, items and who made them', async () => {
    const result = await app.gql(
      MOVEMENTS,
      { filter: { kinds: ['WRITE_OFF'], from: started.toISOString(), to: new Date(Date.now() + 60_000) } },
      manager,
    );
    expect(result.errors).toBeUndefined();
    const { totalCount, edges } = result.data!.stockMovements;
    expect(totalCount).toBe(edges.length);
    expect(edges.map((e: { node: { quantity: number } }) => e.node)).toMatchObject([
      { kind: 'WRITE_OFF', reason: 'OTHER', note: null, actor: { name: 'Max Manager' }, order: null },
      { kind: 'WRITE_OFF', reason: 'DAMAGED', note: 'Dropped the bucket', actor: { name: 'Max Manager' } },
    ]);
    const total = edges.reduce((sum: number, e: { node: { quantity: number } }) => sum + e.node.quantity, 0);
    expect(total).toBe(-4);
    for (const { node } of edges) {
      expect(node.stockItem.name).toBeTruthy();
      expect(node.batch.id).toBeTruthy();
    }
  });

  test('filters by stock item and period; another shop’s movements never appear', async () => {
    const all = await app.gql(MOVEMENTS, {}, manager);
    const ours = await app.prisma.stockMovement.count({ where: { shopId } });
    expect(all.data?.stockMovements.totalCount).toBe(ours);
    expect(await app.prisma.stockMovement.count({ where: { shopId: shopB.shopId } })).toBeGreaterThan(0);

    const ofRose = await app.gql(MOVEMENTS, { filter: { stockItemId: rose.globalId } }, manager);
    expect(ofRose.data?.stockMovements.totalCount).toBe(
      await app.prisma.stockMovement.count({ where: { stockItemId: rose.id } }),
    );
    const before = await app.gql(MOVEMENTS, { filter: { kinds: ['WRITE_OFF'], to: started } }, manager);
    expect(before.data?.stockMovements.totalCount).toBe(0);

    // Shop B's stock item, named from shop A: nothing, and no error that would tell it exists.
    const foreign = shopB.ids.StockItem![0]!;
    const theirs = await app.gql(
      MOVEMENTS,
      { filter: { stockItemId: encodeGlobalId('StockItem', foreign) } },
      manager,
    );
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.stockMovements).toEqual({ totalCount: 0, edges: [] });
  });

  test('managers, admins and stock:read keys read the ledger; florists, couriers, customers and other keys do not', async () => {
    const allowed = [await app.signIn('admin@posy.demo'), manager, app.demoKey];
    for (const headers of allowed) {
      const result = await app.gql('{ stockMovements(first: 1) { totalCount } }', {}, headers);
      expect(result.errors).toBeUndefined();
    }
    const ordersOnly = await app.insertApiKey({ scopes: ['orders:read'] });
    const refused = [
      await app.signIn('florist@posy.demo'),
      await app.signIn('courier@posy.demo'),
      await app.signIn('customer@posy.demo'),
      ordersOnly.headers,
      {},
    ];
    for (const headers of refused) {
      const result = await app.gql('{ stockMovements(first: 1) { totalCount } }', {}, headers);
      expect(result.data).toBeNull();
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(result.errors?.[0]?.extensions?.code);
    }
  });

  test('a bad filter is a clear BAD_USER_INPUT', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ from: new Date(), to: new Date(Date.now() - 1000) }, 'filter.to'],
      [{ stockItemId: encodeGlobalId('StockItem', 'not-a-uuid') }, 'filter.stockItemId'],
    ];
    for (const [filter] of cases) {
      const result = await app.gql(MOVEMENTS, { filter }, manager);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });

  test('a page of movements takes the same statements whatever its size (no N+1)', async () => {
    const statements = async (first: number) => {
      const seen: string[] = [];
      recording = seen;
      const result = await app.gql(MOVEMENTS, { first }, manager);
      recording = null;
      expect(result.errors).toBeUndefined();
      expect(result.data!.stockMovements.edges).toHaveLength(first);
      return seen.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim())).length;
    };
    expect(await app.prisma.stockMovement.count({ where: { shopId } })).toBeGreaterThanOrEqual(8);
    expect(await statements(8)).toBe(await statements(2));
  });
});
