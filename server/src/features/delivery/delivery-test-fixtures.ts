// What the delivery tests build: couriers besides the seeded one, delivery orders brought to READY through
// the real mutations (so their tasks, stock and events are the real ones), the GraphQL of each delivery
// step, and the handover code as the outbox holds it (the bot would send it).
import { randomUUID } from 'node:crypto';
import { DEMO_LOGINS } from '@posy/prisma/seed';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.js';
import { decodeGlobalId } from '../../graphql/global-id.js';
import type { SlotChoice } from '../checkout/checkout-order.service.js';
import { confirmedOrder, demoShopId, type OrderRef, step } from '../production/production-test-fixtures.js';

export const ORDER_FIELDS = `id status version courier { id }
  delivery { status failedReason handoverCodeSent handoverCodeLocked handoverAttemptsLeft proof { id } }`;

/** A mutation `name(args)` asking for each answer a delivery step may give. */
const mutation = (
  name: string,
  params: string,
  args: string,
  errors: string[] = [],
  fields = ORDER_FIELDS,
) => `mutation(${params}) {
  ${name}(${args}) {
    __typename
    ... on DomainError { message }
    ... on Mutation${name[0]!.toUpperCase()}${name.slice(1)}Success { data { ${fields} } }
    ${errors.map((error) => `... on ${ERROR_FIELDS[error]}`).join('\n    ')}
  }
}`;

/** What the tests read of the typed errors that carry fields. */
const ERROR_FIELDS: Record<string, string> = {
  WrongHandoverCode: 'WrongHandoverCode { attemptsLeft }',
  InvalidDeliveryStatus: 'InvalidDeliveryStatus { status expected }',
  StaleVersion: 'StaleVersion { current }',
  ApprovalWithoutCodeRefused: 'ApprovalWithoutCodeRefused { reason }',
};

export const ASSIGN = mutation(
  'assignCourier',
  '$orderId: ID!, $courierId: ID, $version: Int!',
  'orderId: $orderId, courierId: $courierId, version: $version',
  ['StaleVersion'],
);
export const TAKE = mutation('takeDelivery', '$orderId: ID!', 'orderId: $orderId');
/**
 * A courier who gives a delivery back no longer sees the order's relations (they follow visibleOrders): its
 * answer is read as the order's own fields.
 */
export const RELEASE = mutation(
  'releaseDelivery',
  '$orderId: ID!, $version: Int!',
  'orderId: $orderId, version: $version',
  ['StaleVersion', 'InvalidDeliveryStatus'],
  'id status version',
);
/** A versioned step: pickUpDelivery, startDeliveryRoute, approveDeliveryWithoutCode. */
export const versionedStep = (name: string) =>
  mutation(name, '$orderId: ID!, $version: Int!', 'orderId: $orderId, version: $version', [
    'StaleVersion',
    'InvalidDeliveryStatus',
    ...(name === 'approveDeliveryWithoutCode' ? ['ApprovalWithoutCodeRefused'] : []),
  ]);
export const COMPLETE = mutation(
  'completeDelivery',
  '$orderId: ID!, $version: Int!, $code: String, $proofPhotoId: ID',
  'orderId: $orderId, version: $version, code: $code, proofPhotoId: $proofPhotoId',
  ['StaleVersion', 'InvalidDeliveryStatus', 'WrongHandoverCode'],
);
export const FAIL = mutation(
  'failDelivery',
  '$orderId: ID!, $version: Int!, $reason: String!',
  'orderId: $orderId, version: $version, reason: $reason',
  ['StaleVersion', 'InvalidDeliveryStatus'],
);
export const ATTACH_PROOF = mutation(
  'attachDeliveryProof',
  '$orderId: ID!, $imageId: ID!',
  'orderId: $orderId, imageId: $imageId',
  ['InvalidDeliveryStatus'],
);
export const SET_MODE =
  'mutation($mode: CourierAssignment!) { setCourierAssignment(mode: $mode) { courierAssignment } }';

/** A courier of the demo shop besides the seeded one, signing in with the demo password. */
export async function addCourier(app: TestApp, name: string) {
  const demo = await app.prisma.user.findUniqueOrThrow({
    where: { email: DEMO_LOGINS[0].email },
    select: { passwordHash: true },
  });
  const email = `${randomUUID()}@courier.test`;
  const user = await app.prisma.user.create({ data: { email, name, passwordHash: demo.passwordHash } });
  await app.prisma.membership.create({
    data: { userId: user.id, shopId: await demoShopId(app), role: 'COURIER' },
  });
  return { id: user.id, headers: await app.signIn(email) };
}

/** A DELIVERY order of the demo customer brought to READY by the manager through changeOrderStatus. */
export async function readyDelivery(
  app: TestApp,
  manager: Record<string, string>,
  input: { productId: string; slot?: SlotChoice; customerId?: string },
): Promise<OrderRef> {
  let order = await confirmedOrder(app, manager, { ...input, fulfillment: 'DELIVERY' });
  for (const to of ['IN_PRODUCTION', 'READY']) {
    const moved = await step(app, manager, order, to);
    expect(moved.__typename).toBe('MutationChangeOrderStatusSuccess');
    order = { ...moved.data, windowStart: order.windowStart };
  }
  return order;
}

/** Runs one delivery mutation; answers its typed result (success with the order, or the error). */
export async function run(
  app: TestApp,
  headers: Record<string, string>,
  document: string,
  variables: Record<string, unknown>,
  // biome-ignore lint/suspicious/noExplicitAny: results of every shape.
): Promise<any> {
  const result = await app.gql(document, variables, headers);
  if (result.errors) return { errors: result.errors };
  return Object.values(result.data ?? {})[0];
}

export const rowId = (globalId: string) => decodeGlobalId(globalId).id;

/** The newest handover code queued for an order, with whom it went to, as the outbox holds it. */
export async function handoverCodeOf(app: TestApp, orderGlobalId: string) {
  const orderId = rowId(orderGlobalId);
  const rows = await app.prisma.notification.findMany({
    where: { kind: 'HANDOVER_CODE' },
    orderBy: { createdAt: 'desc' },
  });
  const row = rows.find((n) => (n.payload as { orderId?: string }).orderId === orderId);
  if (!row) throw new Error('no handover code was queued for the order');
  return {
    userId: row.userId,
    ...(row.payload as { code: string; audience: string; senderName: string | null }),
  };
}

/** The rows a refused delivery step must leave as they were. */
export async function deliveryState(app: TestApp, orderGlobalId: string) {
  const orderId = rowId(orderGlobalId);
  return {
    order: await app.prisma.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { status: true, version: true, courierId: true },
    }),
    delivery: await app.prisma.delivery.findUnique({ where: { orderId } }),
    events: await app.prisma.orderEvent.count({ where: { orderId } }),
    notifications: await app.prisma.notification.count(),
  };
}
