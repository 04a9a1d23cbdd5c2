/**
 * relationJoins checked for row blow-up: the selections Pothos builds for the board, for an order of 50
 * items and for a customer's page of 100 orders (of 500) with their items, each loaded with
 * `relationLoadStrategy: 'join'` (one statement, LATERAL joins with JSON aggregation) and `'query'` (one
 * statement per relation level), in turns, on the app's own client. Answers p50 ms per list and strategy.
 */
import type { createPrismaClient } from '@posy/prisma/client';

type Prisma = ReturnType<typeof createPrismaClient<never>>;
type Strategy = 'join' | 'query';

export async function compareJoinStrategies(
  prisma: Prisma,
  ids: { shopId: string; orderWith50Items: string; customerWith500Orders: string },
  iterations: number,
) {
  const lists: Record<string, (strategy: Strategy) => Promise<unknown>> = {
    'board (50 orders)': (relationLoadStrategy) =>
      prisma.order.findMany({
        relationLoadStrategy,
        where: { shopId: ids.shopId },
        orderBy: { id: 'desc' },
        take: 51,
        select: {
          id: true,
          number: true,
          status: true,
          totalMinor: true,
          currency: true,
          anonymousSender: true,
          customer: { select: { id: true, name: true } },
          items: {
            orderBy: { id: 'asc' },
            select: { id: true, quantity: true, product: { select: { id: true, name: true } } },
          },
        },
      }),
    'order of 50 items': (relationLoadStrategy) =>
      prisma.order.findUnique({
        relationLoadStrategy,
        where: { id: ids.orderWith50Items },
        select: {
          id: true,
          number: true,
          items: {
            orderBy: { id: 'asc' },
            select: {
              id: true,
              quantity: true,
              productName: true,
              product: { select: { id: true, name: true } },
            },
          },
        },
      }),
    'customer of 500 orders': (relationLoadStrategy) =>
      prisma.customer.findUnique({
        relationLoadStrategy,
        where: { id: ids.customerWith500Orders },
        select: {
          id: true,
          name: true,
          orders: {
            orderBy: { id: 'desc' },
            take: 101,
            select: { id: true, number: true, items: { select: { id: true, quantity: true } } },
          },
        },
      }),
  };
  const figures: Record<string, number> = {};
  for (const [name, load] of Object.entries(lists)) {
    const times: Record<Strategy, number[]> = { join: [], query: [] };
    for (let i = 0; i < iterations + 10; i++) {
      for (const strategy of ['join', 'query'] as const) {
        const started = performance.now();
        await load(strategy);
        if (i >= 10) times[strategy].push(performance.now() - started);
      }
    }
    for (const strategy of ['join', 'query'] as const) {
      const sorted = times[strategy].sort((a, b) => a - b);
      figures[`${name} ${strategy} p50 ms`] = Math.round(sorted[Math.floor(sorted.length / 2)]! * 100) / 100;
    }
  }
  return figures;
}
