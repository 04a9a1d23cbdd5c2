import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

/** What the orders board sends (webapp's board and the bench's BOARD_QUERY). */
const BOARD = /* GraphQL */ `
  query Board($first: Int) {
    orders(first: $first) {
      totalCount
      edges { node { number status total { amountMinor } customer { name } items { quantity product { name } } } }
    }
  }
`;

let app: TestApp;
/** Where the query listener records statements; null while not recording (Prisma has no $off). */
let recording: string[] | null = null;
beforeAll(async () => {
  app = await startTestApp();
  app.prisma.$on('query', (event) => recording?.push(event.query));
  await app.gql(BOARD, { first: 1 }, app.demoKey); // the API key's first use records lastUsedAt
});
afterAll(() => app?.stop());

async function statementsOf(query: string, variables: Record<string, unknown> = {}) {
  const statements: string[] = [];
  recording = statements;
  const result = await app.gql(query, variables, app.demoKey);
  recording = null;
  expect(result.errors).toBeUndefined();
  return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim()));
}

test('the board reads the columns it shows, not every column of orders, customers and products', async () => {
  const statements = await statementsOf(BOARD, { first: 20 });
  const page = statements.find((sql) => /FROM "public"\."Order"/.test(sql) && !/COUNT\(/.test(sql));
  expect(page).toBeDefined();
  for (const unasked of ['cardText', 'idempotencyHash', 'paymentReference', 'phone', 'description'])
    expect(page).not.toContain(`"${unasked}"`);
});

test('the board is two statements: the page with its relations, and its count (the key is cached)', async () => {
  const statements = await statementsOf(BOARD, { first: 20 });
  // The API key was looked up by beforeAll's request and is served from the credential cache now.
  expect(statements.some((sql) => /"ApiKey"/.test(sql))).toBe(false);
  expect(statements).toHaveLength(2);
  expect(statements.filter((sql) => /COUNT\(/.test(sql))).toHaveLength(1);
});

test('a board that does not ask for totalCount counts nothing', async () => {
  const statements = await statementsOf(`{ orders(first: 5) { edges { node { number } } } }`);
  expect(statements.filter((sql) => /COUNT\(/.test(sql))).toHaveLength(0);
  // Through a fragment it is asked all the same.
  const viaFragment = await statementsOf(
    `{ orders(first: 5) { ...Counted edges { node { number } } } } fragment Counted on QueryOrdersConnection { totalCount }`,
  );
  expect(viaFragment.filter((sql) => /COUNT\(/.test(sql))).toHaveLength(1);
});

test('totalCount is counted beside the page, not on a round trip after it', async () => {
  // Hold the orders table: the page and, if it is sent at once, the count both wait on the lock.
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holding = app.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe('LOCK TABLE "Order" IN ACCESS EXCLUSIVE MODE');
      locked();
      await released;
    },
    { timeout: 20_000 },
  );
  await isLocked;
  const board = app.gql(BOARD, { first: 5 }, app.demoKey);
  let waiting = 0;
  const deadline = Date.now() + 3_000;
  while (waiting < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [row] = await app.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"Order"%'`;
    waiting = row?.n ?? 0;
  }
  release();
  await holding;
  const result = await board;
  expect(result.errors).toBeUndefined();
  expect(waiting).toBe(2);
});
