// What the live-update tests build: orders created and changed through the real mutations (so each change
// is announced the way production announces it), and the ids the subscriptions answer.
import { DEMO_SHOP_SLUG } from '@posy/prisma/seed';
import { afterEach, expect } from 'vitest';
import type { TestApp } from '../../../test/harness.js';
import { type LiveSubscriber, liveSubscriber, paramsOf } from '../../../test/live-subscriber.js';
import { encodeGlobalId } from '../../graphql/global-id.js';

export const MANAGER = 'manager@posy.demo';
export const FLORIST = 'florist@posy.demo';
export const COURIER = 'courier@posy.demo';

/** The uuid inside an Order's global id. */
export const rowIdOf = (globalId: string) =>
  Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;

/** A pickup order of a seeded product for `customerId` (a uuid), created by `manager`; its global id. */
export async function newOrder(app: TestApp, manager: Record<string, string>, customerId: string) {
  const shop = await app.prisma.shop.findUniqueOrThrow({ where: { slug: DEMO_SHOP_SLUG } });
  const product = await app.prisma.product.findFirstOrThrow({
    where: { shopId: shop.id, active: true, archivedAt: null },
    orderBy: { name: 'asc' },
  });
  const result = await app.gql(
    `mutation ($input: CreateOrderInput!) { createOrder(input: $input) {
      __typename ... on MutationCreateOrderSuccess { data { id } } } }`,
    {
      input: {
        customerId: encodeGlobalId('Customer', customerId),
        items: [{ productId: encodeGlobalId('Product', product.id), quantity: 1 }],
        fulfillment: 'PICKUP',
      },
    },
    manager,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data?.createOrder.__typename).toBe('MutationCreateOrderSuccess');
  return result.data!.createOrder.data.id as string;
}

/**
 * Changes an order through updateOrder as `manager` (its card text, and `patch`); returns the version
 * it now has. The mutation announces the change after its commit.
 */
export async function touchOrder(
  app: TestApp,
  manager: Record<string, string>,
  orderGlobalId: string,
  patch: Record<string, unknown> = {},
) {
  const { version } = await app.prisma.order.findUniqueOrThrow({ where: { id: rowIdOf(orderGlobalId) } });
  const result = await app.gql(
    `mutation ($id: ID!, $version: Int!, $patch: OrderPatchInput!) { updateOrder(id: $id, version: $version, patch: $patch) {
      __typename ... on MutationUpdateOrderSuccess { data { version } } } }`,
    { id: orderGlobalId, version, patch: { cardText: `Changed at version ${version}`, ...patch } },
    manager,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data?.updateOrder.__typename).toBe('MutationUpdateOrderSuccess');
  return result.data!.updateOrder.data.version as number;
}

/**
 * Makes `courierUserId` (or nobody) the order's courier. Straight in the database: assigning couriers is
 * the delivery feature's mutation; what these tests follow is the announcement of the next real change.
 */
export async function setCourier(app: TestApp, orderGlobalId: string, courierUserId: string | null) {
  await app.prisma.order.update({
    where: { id: rowIdOf(orderGlobalId) },
    data: { courierId: courierUserId },
  });
}

export const userIdOf = async (app: TestApp, email: string) =>
  (await app.prisma.user.findUniqueOrThrow({ where: { email } })).id;

/**
 * `listen(headers, query)`: a graphql-ws subscriber on the app `app()` answers, as the webapp connects;
 * every one opened is disposed after each test.
 */
export function liveListeners(app: () => TestApp) {
  const open: LiveSubscriber[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscriber) => subscriber.dispose()));
  });
  return async function listen(headers: Record<string, string>, query: string) {
    const subscriber = await liveSubscriber(app().url, paramsOf(headers), query);
    open.push(subscriber);
    return subscriber;
  };
}

/** The subscription was answered with FORBIDDEN and ended, without a single payload of data. */
export function expectRefused(subscriber: LiveSubscriber) {
  expect(subscriber.received.filter((payload) => payload.data)).toEqual([]);
  expect(JSON.stringify([subscriber.received, subscriber.error])).toContain('FORBIDDEN');
  expect(subscriber.completed || subscriber.error !== undefined).toBe(true);
}
