/**
 * The write side of the bench: createOrder by the demo API key over real HTTP (the client's path: socket,
 * body parsing, auth, the mutation's transaction with its slot lock, stock check, numbering and audit
 * entry). Every order takes a place in a slot roomy enough for all of them, on dates spread over a year.
 */

import type { createPrismaClient } from '@posy/prisma/client';
import { DEMO_API_KEY } from '@posy/prisma/seed';

type Prisma = ReturnType<typeof createPrismaClient<never>>;

const CREATE = `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
  __typename ... on MutationCreateOrderSuccess { data { id number } } ... on DomainError { message } } }`;

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

/** Slots and stock for every order the bench makes; answers a function that creates one more. */
export async function prepareCreateOrders(prisma: Prisma, url: string) {
  const shop = await prisma.shop.findUniqueOrThrow({ where: { slug: 'demo' } });
  const slots = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
      prisma.deliverySlot.create({
        data: { shopId: shop.id, weekday, startMinutes: 7 * 60, endMinutes: 8 * 60, capacity: 100_000 },
      }),
    ),
  );
  // The stock check refuses what the shelf cannot make: a shelf no bench run empties.
  await prisma.stockItem.updateMany({
    where: { shopId: shop.id },
    data: { onHand: { increment: 10_000_000 } },
  });
  const customer = await prisma.customer.findFirstOrThrow({
    where: { shopId: shop.id, name: 'Olga Smirnova' },
  });
  const product = await prisma.product.findFirstOrThrow({
    where: { shopId: shop.id, name: 'Spring tulips' },
  });
  let made = 0;
  return async function createOne() {
    made += 1;
    // Dates from 10 days ahead, one of 365: never past, never the seeded closure.
    const date = new Date(Date.now() + (10 + (made % 365)) * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
    const slot = slots.find((s) => s.weekday === weekday)!;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': DEMO_API_KEY },
      body: JSON.stringify({
        query: CREATE,
        variables: {
          input: {
            customerId: globalId('Customer', customer.id),
            items: [{ productId: globalId('Product', product.id), quantity: 1 }],
            fulfillment: 'DELIVERY',
            deliveryAddress: 'Moscow, Tverskaya 1',
            slot: { slotId: globalId('DeliverySlot', slot.id), date },
          },
        },
      }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data?: { createOrder: { __typename: string } };
    };
    if (body.errors || body.data?.createOrder.__typename !== 'MutationCreateOrderSuccess')
      throw new Error(JSON.stringify(body));
  };
}

/** Orders per second with `inFlight` requests at once: they queue on the shop's order-number row. */
export async function concurrentThroughput(run: () => Promise<void>, total: number, inFlight: number) {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < total) {
        next += 1;
        await run();
      }
    }),
  );
  return Math.round((total / (performance.now() - started)) * 1000 * 100) / 100;
}
