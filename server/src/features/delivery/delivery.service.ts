// A courier's side of an order: given a courier (by a manager, or taken from the shop's pool), picked up with
// a handover code sent to whoever receives it, on the way, then delivered with that code (or, once the code
// locked, on a photo a manager approves) or failed with a reason. Order.courierId says who delivers; the
// Delivery row holds the progress. Every order status change goes through the orders service
// (changeOrderStatus: its rules, event, version, production hooks and publish); a step that changes no
// status still bumps the order's version and writes its event (applyOrderChange), so every delivery change
// reaches the `order:changed` subscribers after commit.
import type { DeliveryStatus, Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import {
  ASSIGNABLE_STATUSES,
  actsOnDelivery,
  assertManagesDeliveries,
  courierSelf,
  deliveryLookup,
} from '../common/delivery-access.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import { StaleVersion } from '../orders/orders.errors.js';
import { applyOrderChange, changeOrderStatus, publishOrderChange } from '../orders/orders.service.js';
import { attachableImage } from '../uploads/uploads.service.js';
import {
  ApprovalWithoutCodeRefused,
  DeliveryNotAssignable,
  DeliveryPoolClosed,
  DeliveryTaken,
  HandoverCodeLocked,
  InvalidDeliveryStatus,
  NotACourier,
  NotADelivery,
  NotYourDelivery,
  WrongHandoverCode,
} from './delivery.errors.js';
import { HANDOVER_MAX_ATTEMPTS, handoverCodeMatches } from './handover-code.js';
import { sendHandoverCode } from './handover-recipient.js';

/** What a proof of delivery must have been uploaded as (uploadImage's purpose). */
export const DELIVERY_PROOF_PURPOSES = ['DELIVERY_PROOF'] as const;

const DELIVERY_FIELDS = {
  id: true,
  status: true,
  courierId: true,
  handoverCodeHash: true,
  handoverLockedAt: true,
  proofFileId: true,
} satisfies Prisma.DeliverySelect;

/** A delivery order the viewer may name (deliveryLookup), or NOT_FOUND; with what every step checks. */
async function findDeliveryOrder(ctx: Context, orderId: string) {
  const order = await ctx.prisma.order.findFirst({
    where: { AND: [{ id: orderId }, deliveryLookup(ctx)] },
    select: {
      id: true,
      shopId: true,
      number: true,
      status: true,
      fulfillment: true,
      version: true,
      courierId: true,
      delivery: { select: DELIVERY_FIELDS },
    },
  });
  if (!order) throw notFound('Order');
  if (order.fulfillment !== 'DELIVERY') throw new NotADelivery();
  ctx.audit.target = { type: 'Order', id: order.id };
  return order;
}

type DeliveryOrder = Awaited<ReturnType<typeof findDeliveryOrder>>;

/**
 * The delivery of an order the viewer acts on (its courier, or a manager: actsOnDelivery) in one of the
 * `expected` statuses; NotYourDelivery or InvalidDeliveryStatus otherwise.
 */
async function actedOnDelivery(ctx: Context, orderId: string, expected: readonly DeliveryStatus[]) {
  const order = await findDeliveryOrder(ctx, orderId);
  if (!actsOnDelivery(ctx, order)) throw new NotYourDelivery();
  const { delivery } = order;
  if (!delivery || !expected.includes(delivery.status) || order.courierId === null)
    throw new InvalidDeliveryStatus(delivery?.status ?? null, expected);
  return { order, delivery };
}

/** Refuses anyone but an active (not removed) COURIER member of the shop. */
async function assertActiveCourier(ctx: Context, shopId: string, userId: string) {
  const membership = await ctx.prisma.membership.findFirst({
    where: { shopId, userId, role: 'COURIER', revokedAt: null },
    select: { id: true },
  });
  if (!membership) throw new NotACourier();
}

/**
 * Gives the order its courier (or takes it away) against the version read, and its Delivery row the same
 * courier, ASSIGNED (PENDING without one). The courier is told through the outbox, once per assignment.
 */
async function setCourier(
  ctx: Context,
  order: DeliveryOrder,
  version: number,
  courierId: string | null,
  note: string,
) {
  const change = await applyOrderChange(ctx, order, version, { courierId }, { toStatus: order.status, note });
  const status: DeliveryStatus = courierId ? 'ASSIGNED' : 'PENDING';
  const assignedAt = courierId ? new Date() : null;
  const delivery = await ctx.prisma.delivery.upsert({
    where: { orderId: order.id },
    create: {
      shopId: order.shopId,
      orderId: order.id,
      courierId,
      status,
      assignedAt,
      assignmentCount: courierId ? 1 : 0,
    },
    update: {
      courierId,
      status,
      assignedAt,
      ...(courierId ? { assignmentCount: { increment: 1 } } : {}),
    },
    select: { assignmentCount: true },
  });
  if (courierId) {
    await enqueueNotification(ctx.prisma, {
      userId: courierId,
      shopId: order.shopId,
      orderId: order.id,
      kind: 'ORDER_ASSIGNED',
      payload: { orderId: order.id, orderNumber: order.number, role: 'COURIER' },
      dedupeKey: `order:${order.id}:courier:${courierId}:assignment:${delivery.assignmentCount}`,
    });
  }
  return change;
}

/**
 * A manager gives a delivery order its courier, an active COURIER member of the shop (NotACourier), or
 * takes it away with null; only until the bouquet leaves (DeliveryNotAssignable), so also to retry a
 * failed delivery with another courier.
 */
export async function assignCourier(
  ctx: Context,
  input: { orderId: string; courierId: string | null; version: number },
) {
  assertManagesDeliveries(ctx);
  const order = await findDeliveryOrder(ctx, input.orderId);
  if (order.version !== input.version) throw new StaleVersion(order.version);
  if (!ASSIGNABLE_STATUSES.includes(order.status)) throw new DeliveryNotAssignable(order.status);
  if (input.courierId !== null) await assertActiveCourier(ctx, order.shopId, input.courierId);
  return setCourier(
    ctx,
    order,
    input.version,
    input.courierId,
    input.courierId ? 'Courier assigned' : 'Courier unassigned',
  );
}

/**
 * A courier takes a delivery from the pool, when the shop lets couriers take them (DeliveryPoolClosed).
 * The order's row is locked first, so of two couriers taking one order at once the second waits, then
 * reads the first's courier and answers DeliveryTaken.
 */
export async function takeDelivery(ctx: Context, orderId: string) {
  const self = courierSelf(ctx);
  if (!self) throw forbidden('Deliveries are taken by couriers; managers assign them');
  const shop = await ctx.prisma.shop.findUniqueOrThrow({
    where: { id: requireShop(ctx) },
    select: { courierAssignment: true },
  });
  if (shop.courierAssignment !== 'COURIERS_TAKE_FROM_POOL') throw new DeliveryPoolClosed();
  const seen = await findDeliveryOrder(ctx, orderId);
  await ctx.prisma.$queryRaw`SELECT 1 FROM "Order" WHERE id = ${seen.id}::uuid FOR UPDATE`;
  const order = await findDeliveryOrder(ctx, orderId);
  if (order.courierId !== null) throw new DeliveryTaken();
  if (!ASSIGNABLE_STATUSES.includes(order.status)) throw new DeliveryNotAssignable(order.status);
  return setCourier(ctx, order, order.version, self, 'Taken from the pool');
}

/** The courier gives a delivery back before picking it up (or after it failed): to the pool, or to be assigned. */
export async function releaseDelivery(ctx: Context, input: { orderId: string; version: number }) {
  const { order } = await actedOnDelivery(ctx, input.orderId, ['ASSIGNED', 'FAILED']);
  return setCourier(ctx, order, input.version, null, 'Courier released the delivery');
}

/**
 * The courier has the bouquet: the order goes OUT_FOR_DELIVERY (the orders service: BouquetNotApproved
 * while the customer's approval is awaited), and a new handover code goes to whoever receives the flowers
 * (handover-recipient.ts). Only its hash is kept; the count of wrong codes starts again. A failed delivery
 * is picked up again the same way.
 */
export async function pickUpDelivery(ctx: Context, input: { orderId: string; version: number }) {
  const { order, delivery } = await actedOnDelivery(ctx, input.orderId, ['ASSIGNED', 'FAILED']);
  const handover = await sendHandoverCode(ctx, { orderId: order.id, deliveryId: delivery.id });
  // The delivery's step first: the order follows only a delivery recorded as picked up (delivery-order-hooks.ts).
  await ctx.prisma.delivery.update({
    where: { id: delivery.id },
    data: {
      status: 'PICKED_UP',
      pickedUpAt: new Date(),
      enRouteAt: null,
      failedAt: null,
      failedReason: null,
      handoverCodeHash: handover?.codeHash ?? null,
      handoverAttempts: 0,
      handoverLockedAt: null,
      approvedWithoutCodeAt: null,
    },
  });
  // A code sent to the customer says the order is on its way: they need no second message for it.
  return changeOrderStatus(ctx, {
    id: order.id,
    version: input.version,
    to: 'OUT_FOR_DELIVERY',
    customerTold: handover?.audience === 'CUSTOMER',
  });
}

/** The courier sets off: the delivery is EN_ROUTE ("on the way"); the order stays OUT_FOR_DELIVERY. */
export async function startDeliveryRoute(ctx: Context, input: { orderId: string; version: number }) {
  const { order, delivery } = await actedOnDelivery(ctx, input.orderId, ['PICKED_UP']);
  const change = await applyOrderChange(
    ctx,
    order,
    input.version,
    {},
    { toStatus: order.status, note: 'On the way' },
  );
  await ctx.prisma.delivery.update({
    where: { id: delivery.id },
    data: { status: 'EN_ROUTE', enRouteAt: new Date() },
  });
  return change;
}

/**
 * Counts one guess at the handover code under the delivery row's lock, so concurrent guesses queue and
 * each reads the count the one before committed: five wrong ones lock the code, however they arrive.
 * A wrong guess answers WrongHandoverCode, the one that locks (and any after) HandoverCodeLocked; both
 * keep their writes (DomainErrorKeepingWrites), so the count commits though the mutation refuses.
 */
async function checkHandoverCode(
  ctx: Context,
  order: { id: string; shopId: string; version: number },
  deliveryId: string,
  code: string,
) {
  const [row] = await ctx.prisma.$queryRaw<
    { hash: string | null; attempts: number; lockedAt: Date | null }[]
  >`SELECT "handoverCodeHash" AS hash, "handoverAttempts" AS attempts, "handoverLockedAt" AS "lockedAt"
    FROM "Delivery" WHERE id = ${deliveryId}::uuid FOR UPDATE`;
  if (!row?.hash) throw new InvalidDeliveryStatus(null, ['PICKED_UP', 'EN_ROUTE']);
  if (row.lockedAt) throw new HandoverCodeLocked();
  if (handoverCodeMatches(deliveryId, row.hash, code)) return;
  const attempts = row.attempts + 1;
  const locks = attempts >= HANDOVER_MAX_ATTEMPTS;
  await ctx.prisma.delivery.update({
    where: { id: deliveryId },
    data: { handoverAttempts: attempts, handoverLockedAt: locks ? new Date() : null },
  });
  if (!locks) throw new WrongHandoverCode(HANDOVER_MAX_ATTEMPTS - attempts);
  // The delivery now waits for a manager: the boards hear of it (the order itself did not change).
  publishOrderChange(ctx, order.shopId, order.id, order.version);
  throw new HandoverCodeLocked();
}

/**
 * The courier hands the flowers over: with the code the recipient was sent, or, when nobody could be sent
 * one, with a photo of the handover. A photo may come with the code too. The order is DELIVERED.
 * A locked code completes nothing (HandoverCodeLocked): see approveDeliveryWithoutCode.
 */
export async function completeDelivery(
  ctx: Context,
  input: { orderId: string; version: number; code?: string | null; proofFileId?: string | null },
) {
  const { order, delivery } = await actedOnDelivery(ctx, input.orderId, ['PICKED_UP', 'EN_ROUTE']);
  // Before a guess is counted: a stale screen should not cost the courier an attempt.
  if (order.version !== input.version) throw new StaleVersion(order.version);
  if (delivery.handoverLockedAt) throw new HandoverCodeLocked();
  const proofFileId = input.proofFileId
    ? await attachableImage(ctx, input.proofFileId, DELIVERY_PROOF_PURPOSES, 'proofPhotoId')
    : delivery.proofFileId;
  if (delivery.handoverCodeHash) {
    if (!input.code?.trim()) throw badInput('Enter the code the recipient was sent', 'code');
    await checkHandoverCode(ctx, order, delivery.id, input.code);
  } else if (!proofFileId) {
    throw badInput(
      'Nobody could be sent a code for this delivery: attach a photo of the handover',
      'proofPhotoId',
    );
  }
  await ctx.prisma.delivery.update({
    where: { id: delivery.id },
    data: { status: 'DELIVERED', deliveredAt: new Date(), proofFileId },
  });
  return changeOrderStatus(ctx, { id: order.id, version: input.version, to: 'DELIVERED' });
}

/**
 * A manager completes a delivery whose code locked, on the photo of the handover the courier attached
 * (ApprovalWithoutCodeRefused otherwise): the order is DELIVERED.
 */
export async function approveDeliveryWithoutCode(ctx: Context, input: { orderId: string; version: number }) {
  assertManagesDeliveries(ctx);
  const { order, delivery } = await actedOnDelivery(ctx, input.orderId, ['PICKED_UP', 'EN_ROUTE']);
  if (order.version !== input.version) throw new StaleVersion(order.version);
  if (!delivery.handoverLockedAt) throw new ApprovalWithoutCodeRefused('CODE_NOT_LOCKED');
  if (!delivery.proofFileId) throw new ApprovalWithoutCodeRefused('NO_PROOF');
  const now = new Date();
  await ctx.prisma.delivery.update({
    where: { id: delivery.id },
    data: { status: 'DELIVERED', deliveredAt: now, approvedWithoutCodeAt: now },
  });
  return changeOrderStatus(ctx, {
    id: order.id,
    version: input.version,
    to: 'DELIVERED',
    note: 'Delivered without the handover code, on the photo of the handover',
  });
}

/**
 * The delivery did not happen (nobody home, wrong address): FAILED with the reason, and the order back to
 * READY through the orders service. The courier keeps it, to pick it up again later (a new code is sent),
 * or a manager gives it to another courier; the old code no longer works.
 */
export async function failDelivery(
  ctx: Context,
  input: { orderId: string; version: number; reason: string },
) {
  const reason = input.reason.trim();
  if (!reason) throw badInput('Say why the delivery failed', 'reason');
  const { order, delivery } = await actedOnDelivery(ctx, input.orderId, ['PICKED_UP', 'EN_ROUTE']);
  await ctx.prisma.delivery.update({
    where: { id: delivery.id },
    data: { status: 'FAILED', failedAt: new Date(), failedReason: reason, handoverCodeHash: null },
  });
  return changeOrderStatus(ctx, {
    id: order.id,
    version: input.version,
    to: 'READY',
    note: `Delivery failed: ${reason}`,
  });
}

/**
 * Attaches a photo of the handover (an image of the shop uploaded as DELIVERY_PROOF) to a delivery out or
 * done; a new one replaces the last. Changes no order field, so the version stays; subscribers are told.
 */
export async function attachDeliveryProof(ctx: Context, input: { orderId: string; imageId: string }) {
  const { order, delivery } = await actedOnDelivery(ctx, input.orderId, [
    'PICKED_UP',
    'EN_ROUTE',
    'DELIVERED',
  ]);
  const proofFileId = await attachableImage(ctx, input.imageId, DELIVERY_PROOF_PURPOSES, 'imageId');
  await ctx.prisma.delivery.update({ where: { id: delivery.id }, data: { proofFileId } });
  publishOrderChange(ctx, order.shopId, order.id, order.version);
  return { id: order.id };
}

/** Sets who gives deliveries their courier in the active shop: its managers, or couriers from the pool. */
export async function setCourierAssignment(
  ctx: Context,
  mode: 'MANAGER_ASSIGNS' | 'COURIERS_TAKE_FROM_POOL',
) {
  assertManagesDeliveries(ctx);
  const shopId = requireShop(ctx);
  ctx.audit.target = { type: 'Shop', id: shopId };
  return ctx.prisma.shop.update({
    where: { id: shopId },
    data: { courierAssignment: mode },
    select: { id: true },
  });
}
