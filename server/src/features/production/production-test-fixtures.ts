// What the production tests build: orders confirmed through the real GraphQL (so their tasks come from the
// orders service), bouquets of stock items with batches of known expiry, a second florist, and photos
// uploaded through uploadImage.
import { randomUUID } from 'node:crypto';
import { DEMO_LOGINS, DEMO_SHOP_SLUG } from '@posy/prisma/seed';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.js';
import { uploadTestImage } from '../../../test/uploads-client.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import type { SlotChoice } from '../checkout/checkout-order.service.js';
import { stockItemWith } from '../stock/stock-test-fixtures.js';
import { DELIVERY_HANDOVER_MINUTES } from './production-order-hooks.js';

/** How long before a delivery window its task is due, in ms. */
export const DELIVERY_HANDOVER = DELIVERY_HANDOVER_MINUTES * 60_000;

export const MANAGER = 'manager@posy.demo';
export const FLORIST = 'florist@posy.demo';
export const COURIER = 'courier@posy.demo';
export const CUSTOMER = 'customer@posy.demo';

export const TASK_FIELDS = `id status dueAt takenAt doneAt note photo { id } florist { id name }
  order { id status version florist { id } }
  composition { productName quantity product { id } components { perUnit quantity stockItem { id name } } }
  batches { batch { id expiresAt } stockItem { id } quantity expiresAt }
  approval { status requestedAt decidedAt comment photo { id } }`;

export const demoShopId = async (app: TestApp) =>
  (await app.prisma.shop.findUniqueOrThrow({ where: { slug: DEMO_SHOP_SLUG } })).id;

/** A bouquet photo uploaded through uploadImage (BOUQUET_PHOTO) by `headers`' viewer, for their shop. */
export const bouquetPhoto = (app: TestApp, headers: Record<string, string>) =>
  uploadTestImage(app, headers, 'BOUQUET_PHOTO');

/**
 * A staff member signing in with the demo password, besides the seeded ones: of the demo shop, or only of
 * `shopId` (then it is their active shop).
 */
export async function addStaff(app: TestApp, role: 'FLORIST' | 'MANAGER', name: string, shopId?: string) {
  const demo = await app.prisma.user.findUniqueOrThrow({
    where: { email: DEMO_LOGINS[0].email },
    select: { passwordHash: true },
  });
  const email = `${randomUUID()}@production.test`;
  const user = await app.prisma.user.create({ data: { email, name, passwordHash: demo.passwordHash } });
  await app.prisma.membership.create({
    data: { userId: user.id, shopId: shopId ?? (await demoShopId(app)), role },
  });
  return { id: user.id, headers: await app.signIn(email) };
}

/** A customer of the demo shop with an account of their own (so they can sign in and be asked). */
export async function addCustomer(app: TestApp, name: string) {
  const demo = await app.prisma.user.findUniqueOrThrow({
    where: { email: DEMO_LOGINS[0].email },
    select: { passwordHash: true },
  });
  const email = `${randomUUID()}@customer.test`;
  const user = await app.prisma.user.create({ data: { email, name, passwordHash: demo.passwordHash } });
  const customer = await app.prisma.customer.create({
    data: { shopId: await demoShopId(app), userId: user.id, name },
  });
  return { id: customer.id, headers: await app.signIn(email) };
}

/**
 * A product made of one stock item of its own with batches [quantity, expires in hours | null]; the
 * batches are listed earliest expiry last on purpose, so FEFO has to reorder them.
 */
export async function bouquetOf(
  app: TestApp,
  name: string,
  stemsPerBouquet: number,
  batches: [number, number | null][],
) {
  const shopId = await demoShopId(app);
  const item = await stockItemWith(app, `${name} stems`, batches);
  const product = await app.prisma.product.create({
    data: {
      shopId,
      name,
      priceMinor: 5000,
      components: { create: [{ stockItemId: item.id, quantity: stemsPerBouquet }] },
    },
  });
  return { productId: product.id, stockItemId: item.id, batchIds: item.batchIds };
}

const CREATE = `mutation($input: CreateOrderInput!) { createOrder(input: $input) {
  __typename ... on MutationCreateOrderSuccess { data { id version status windowStart } } } }`;
export const CHANGE = `mutation($id: ID!, $version: Int!, $to: OrderStatus!, $note: String) {
  changeOrderStatus(id: $id, version: $version, to: $to, note: $note) {
    __typename ... on DomainError { message }
    ... on MutationChangeOrderStatusSuccess { data { id version status } }
    ... on BouquetNotApproved { approvalStatus }
  } }`;

export interface OrderRef {
  id: string;
  version: number;
  status: string;
  /** As createOrder answered it (the slot's start in the shop's zone), ISO; null without a slot. */
  windowStart?: string | null;
}

/** An order created through createOrder as the manager, for `customerId` (a uuid) or the demo customer. */
export async function createOrder(
  app: TestApp,
  manager: Record<string, string>,
  input: {
    productId: string;
    quantity?: number;
    fulfillment?: 'PICKUP' | 'DELIVERY';
    /** A slot choice as openSlots (checkout-test-slots.ts) answers it: `{ slotId, date }`. */
    slot?: SlotChoice;
    customerId?: string;
  },
): Promise<OrderRef> {
  const shopId = await demoShopId(app);
  const customerId =
    input.customerId ??
    (await app.prisma.customer.findFirstOrThrow({ where: { shopId, name: 'Chris Customer' } })).id;
  const fulfillment = input.fulfillment ?? 'PICKUP';
  const result = await app.gql(
    CREATE,
    {
      input: {
        customerId: encodeGlobalId('Customer', customerId),
        items: [{ productId: encodeGlobalId('Product', input.productId), quantity: input.quantity ?? 1 }],
        fulfillment,
        ...(fulfillment === 'DELIVERY' ? { deliveryAddress: 'Flower street 1' } : {}),
        ...(input.slot ? { slot: input.slot } : {}),
      },
    },
    manager,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createOrder.data;
}

/** Moves an order one step through changeOrderStatus; returns the answer (success data or typed error). */
export async function step(
  app: TestApp,
  headers: Record<string, string>,
  order: OrderRef,
  to: string,
  note?: string,
) {
  const result = await app.gql(CHANGE, { id: order.id, version: order.version, to, note }, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.changeOrderStatus;
}

/** A new order confirmed through the real mutations: its production task now exists. */
export async function confirmedOrder(
  app: TestApp,
  manager: Record<string, string>,
  input: Parameters<typeof createOrder>[2],
): Promise<OrderRef> {
  const created = await createOrder(app, manager, input);
  const answer = await step(app, manager, created, 'CONFIRMED');
  expect(answer.__typename).toBe('MutationChangeOrderStatusSuccess');
  return { ...answer.data, windowStart: created.windowStart };
}

/** The global id of the production task of an order (given by its global id). */
export async function taskIdOf(app: TestApp, orderGlobalId: string) {
  const orderId = Buffer.from(orderGlobalId, 'base64url').toString('utf8').split(':')[1]!;
  const task = await app.prisma.productionTask.findUniqueOrThrow({ where: { orderId } });
  return { id: encodeGlobalId('ProductionTask', task.id), rowId: task.id, orderId };
}
