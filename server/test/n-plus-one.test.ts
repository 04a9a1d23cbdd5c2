import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
/** Where the query listener records statements; null while not counting (Prisma has no $off). */
let recording: string[] | null = null;
beforeAll(async () => {
  app = await startTestApp();
  app.prisma.$on('query', (event) => recording?.push(event.query));
});
afterAll(() => app?.stop());

const NESTED = /* GraphQL */ `
  query Board($first: Int) {
    orders(first: $first) {
      edges {
        node {
          number
          customer { name addresses { address } }
          items { quantity product { name price { amountMinor } components { quantity stockItem { name } } } }
          events { toStatus actor { name } }
          courier { name }
          florist { name }
          total { amountMinor }
        }
      }
    }
  }
`;

async function countStatements(first: number) {
  const statements: string[] = [];
  recording = statements;
  const result = await app.gql(NESTED, { first }, app.demoKey);
  recording = null;
  expect(result.errors).toBeUndefined();
  expect(result.data!.orders.edges).toHaveLength(first);
  return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim()));
}

test('a nested list query runs a fixed number of SQL statements, whatever the page size', async () => {
  await countStatements(1); // warm-up: the API key's first use records lastUsedAt
  const two = await countStatements(2);
  const nine = await countStatements(9);
  expect(nine.length).toBe(two.length);
  // One statement per relation level (orders, customers, addresses, items, products, …), not per row.
  expect(two.length).toBeLessThanOrEqual(14);
});
