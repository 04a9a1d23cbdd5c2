/**
 * SQL statements per request for the operations screens use most, each at a small and a large page: a
 * count that grows with the page is an N+1. Counted from Prisma's query events on the app's own client.
 */
import type { buildApp } from '../src/app.js';

type Running = Awaited<ReturnType<ReturnType<typeof buildApp>['start']>>;

/** One operation as a screen sends it; `$first` is the page size where the operation lists. */
export interface Operation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Who sends it: `key` (the demo API key) or `manager` (a signed-in manager). */
  as: 'key' | 'manager';
}

export const SMALL_PAGE = 5;
export const LARGE_PAGE = 50;

/** The ten operations the board, order page, catalog, production and stock screens lean on. */
export function mostUsedOperations(orderId: string): Operation[] {
  return [
    { name: 'board', as: 'key', query: BOARD_QUERY },
    {
      name: 'order',
      as: 'key',
      variables: { id: orderId },
      query: `query ($id: ID!, $first: Int) { order(id: $id) { number status events { toStatus at }
        items { productName quantity product { name } } customer { name orders(first: $first) { edges { node { number } } } } } }`,
    },
    {
      name: 'customers',
      as: 'key',
      query: `query ($first: Int) { customers(first: $first) { totalCount edges { node { name phone
        addresses { address } } } } }`,
    },
    {
      name: 'products',
      as: 'key',
      query: `query ($first: Int) { products(first: $first) { totalCount edges { node { name active
        price { amountMinor currency } components { quantity stockItem { name } } } } } }`,
    },
    {
      name: 'productionQueue',
      as: 'manager',
      query: `query ($first: Int) { productionQueue { status dueAt order { number items { productName quantity }
        customer { name orders(first: $first) { edges { node { number } } } } } } }`,
    },
    {
      name: 'stockItems',
      as: 'manager',
      query: `{ stockItems { name onHand available unit value { amountMinor } } }`,
    },
    {
      name: 'stockMovements',
      as: 'key',
      query: `query ($first: Int) { stockMovements(first: $first) { totalCount edges { node { kind quantity
        stockItem { name } } } } }`,
    },
    {
      name: 'subscriptions',
      as: 'manager',
      query: `query ($first: Int) { subscriptions(first: $first) { totalCount edges { node { status
        customer { name } product { name } } } } }`,
    },
    {
      name: 'me',
      as: 'manager',
      query: `{ me { name email memberships { role shop { name } } } }`,
    },
    {
      name: 'shop',
      as: 'manager',
      query: `{ shop { name slug currency } }`,
    },
  ];
}

/** The orders board: what the bench measures and the raw handler (raw-board.ts) answers too. */
export const BOARD_QUERY = `query ($first: Int) { orders(first: $first) { totalCount edges { node { number status
  total { amountMinor } customer { name } items { quantity product { name } } } } } }`;

/**
 * Statements each operation runs at the small and at the large page (transaction brackets left out),
 * counted over real HTTP with the headers of who sends it.
 */
export async function countStatements(
  running: Running,
  operations: Operation[],
  headers: Record<Operation['as'], Record<string, string>>,
) {
  let recording: string[] | null = null;
  running.prisma.$on('query', (event) => recording?.push(event.query));
  const counts: Record<string, { small: number; large: number }> = {};
  for (const operation of operations) {
    const run = async (first: number) => {
      const statements: string[] = [];
      recording = statements;
      const response = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers[operation.as] },
        body: JSON.stringify({ query: operation.query, variables: { ...operation.variables, first } }),
      });
      const body = (await response.json()) as { errors?: unknown };
      recording = null;
      if (body.errors) throw new Error(`${operation.name}: ${JSON.stringify(body.errors)}`);
      return statements.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(sql.trim())).length;
    };
    await run(SMALL_PAGE); // warm-up: a first use may write (an API key's lastUsedAt)
    counts[operation.name] = { small: await run(SMALL_PAGE), large: await run(LARGE_PAGE) };
  }
  return counts;
}
