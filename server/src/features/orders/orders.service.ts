import type { FulfillmentType, OrderStatus, Prisma } from '@posy/prisma';
import { actorIds } from '../../auth/viewer.js';
import type { Context } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import {
  assertCardTextFits,
  assertLeadTimeFits,
  assertOverrideAllowed,
  claimSlot,
  type PlaceChange,
  patchedPlace,
} from '../checkout/checkout-order.service.js';
import { handlesCheckoutByHand, visibleOrders } from '../common/access.js';
import { deliveryFollowsOrder } from '../delivery/delivery-order-hooks.js';
import { taskFollowsOrder, taskFollowsOrderEdit } from '../production/production-order-hooks.js';
import {
  consumeOrderStock,
  releaseOrderStock,
  reserveOrderStock,
} from '../stock/stock-reservations.service.js';
import type { OrderDetails, OrderItemInput } from './order-create.service.js';
import { priceItems } from './order-pricing.js';
import { allowedNextStatuses, EDITABLE_STATUSES, roleMayStep } from './order-status.js';
import { noticeStatusToCustomer } from './order-status-notices.js';
import { InvalidTransition, OrderNotEditable, PaidTotalChange, StaleVersion } from './orders.errors.js';

type OrderRow = {
  id: string;
  shopId: string;
  status: OrderStatus;
  fulfillment: FulfillmentType;
  version: number;
};

/** The order the viewer may see, or NOT_FOUND; with the fields every change checks. */
export async function findOrder(ctx: Context, id: string) {
  const order = await ctx.prisma.order.findFirst({
    where: { AND: [{ id }, visibleOrders(ctx)] },
    select: { id: true, shopId: true, status: true, fulfillment: true, version: true, paymentStatus: true },
  });
  if (!order) throw notFound('Order');
  return order;
}

/**
 * Applies one change to an order atomically against the version the caller read: the UPDATE matches only
 * that version, so of two concurrent changes the second matches no row once the first commits (PostgreSQL
 * re-checks the WHERE after the row lock) and answers StaleVersion. Writes the order event and publishes
 * after commit.
 */
export async function applyOrderChange(
  ctx: Context,
  order: OrderRow,
  version: number,
  data: Prisma.OrderUncheckedUpdateManyInput,
  event: { toStatus: OrderStatus; note?: string | null },
): Promise<{ id: string }> {
  if (order.version !== version) throw new StaleVersion(order.version);
  const { count } = await ctx.prisma.order.updateMany({
    where: { id: order.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const current = await ctx.prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      select: { version: true },
    });
    throw new StaleVersion(current.version);
  }
  await ctx.prisma.orderEvent.create({
    data: {
      orderId: order.id,
      ...actorIds(ctx.viewer),
      fromStatus: order.status,
      toStatus: event.toStatus,
      note: event.note ?? null,
    },
  });
  publishOrderChange(ctx, order.shopId, order.id, version + 1);
  return { id: order.id };
}

export function publishOrderChange(ctx: Context, shopId: string, orderId: string, version: number) {
  ctx.afterCommit(() => ctx.pubsub.publish('order:changed', shopId, { orderId, version }));
}

/**
 * Moves an order along the status machine (order-status.ts); the note is the reason when cancelling.
 * `floristId` is written with the step: the florist who took the order's production task (features/production).
 * The customer is told of the steps they care about (order-status-notices.ts), unless `customerTold`: the
 * step sent them its own message (a handover code saying the order is on its way).
 */
export async function changeOrderStatus(
  ctx: Context,
  input: {
    id: string;
    version: number;
    to: OrderStatus;
    note?: string | null;
    floristId?: string | null;
    customerTold?: boolean;
  },
): Promise<{ id: string }> {
  const order = await findOrder(ctx, input.id);
  if (order.version !== input.version) throw new StaleVersion(order.version);
  const allowed = allowedNextStatuses(order.fulfillment, order.status);
  if (!allowed.includes(input.to)) throw new InvalidTransition(order.status, input.to, allowed);
  if (!roleMayStep(ctx.shopRole, order.status, input.to))
    throw forbidden(`Your role may not move an order from ${order.status} to ${input.to}`);
  const cancelling = input.to === 'CANCELLED';
  if (cancelling && !input.note?.trim()) throw badInput('Say why the order is cancelled', 'reason');

  // Stock follows the order (features/stock): confirming reserves it (or answers InsufficientStock and
  // changes nothing), finishing production consumes it earliest-expiry-first, cancelling gives back what
  // was reserved and not yet used. All in this mutation's transaction, under the stock rows' locks.
  if (input.to === 'CONFIRMED') await reserveOrderStock(ctx, order.id);
  else if (cancelling) await releaseOrderStock(ctx, order.id);
  else if (order.status === 'IN_PRODUCTION' && input.to === 'READY') await consumeOrderStock(ctx, order.id);
  // The production task follows (created on confirmation, cancelled with the order), and a delivery waits
  // for the customer's approval of the bouquet when the shop asked for it (BouquetNotApproved).
  await taskFollowsOrder(ctx, order, input.to);
  // The delivery follows too, and an order with a courier moves out and in only with it (features/delivery).
  await deliveryFollowsOrder(ctx, order, input.to);
  const florist = input.floristId !== undefined ? { floristId: input.floristId } : {};
  const change = await applyOrderChange(
    ctx,
    order,
    input.version,
    cancelling
      ? { status: 'CANCELLED', cancelReason: input.note, cancelledAt: new Date(), ...florist }
      : { status: input.to, ...florist },
    { toStatus: input.to, note: input.note },
  );
  if (!input.customerTold) await noticeStatusToCustomer(ctx, order, input.to, input.version + 1);
  return change;
}

export interface OrderPatch extends OrderDetails, PlaceChange {
  /** Replaces every item; priced from the catalog now. */
  items?: OrderItemInput[] | null;
  /** ADMIN/MANAGER only: move the order into `slot`, or keep its window for slower items, whatever the rules. */
  overrideSlotRules?: boolean | null;
}

/**
 * Edits an order until production starts; replaced items are priced from the catalog now. A new slot goes
 * through the same rules as at creation (SlotUnavailableError), the lead time of the items it will have;
 * so do a new pickup point and zone, the zone bringing its fee (or the shop's flat fee). A paid order's
 * total does not change (PaidTotalChange): the money taken must keep matching it.
 */
export async function updateOrder(
  ctx: Context,
  input: { id: string; version: number; patch: OrderPatch },
): Promise<{ id: string }> {
  const order = await findOrder(ctx, input.id);
  if (order.version !== input.version) throw new StaleVersion(order.version);
  if (!EDITABLE_STATUSES.includes(order.status)) throw new OrderNotEditable(order.status);
  const { patch } = input;
  assertOverrideAllowed(ctx, patch.overrideSlotRules);
  await assertCardTextFits(ctx, patch.cardText);
  const data: Prisma.OrderUncheckedUpdateManyInput = {};
  if (patch.recipient !== undefined) {
    data.recipientName = patch.recipient?.name ?? null;
    data.recipientPhone = patch.recipient?.phone ?? null;
  }
  if (patch.deliveryAddress !== undefined) data.deliveryAddress = patch.deliveryAddress;
  if (patch.instructions !== undefined) data.addressComment = patch.instructions;
  if (patch.slot === null) {
    if (!handlesCheckoutByHand(ctx)) throw badInput('Choose a delivery slot', 'slot');
    data.windowStart = null;
    data.windowEnd = null;
  } else if (patch.slot) {
    const productIds = patch.items
      ? patch.items.map((item) => item.productId)
      : (
          await ctx.prisma.orderItem.findMany({ where: { orderId: order.id }, select: { productId: true } })
        ).map((item) => item.productId);
    const window = await claimSlot(ctx, patch.slot, {
      productIds,
      overrideRules: patch.overrideSlotRules ?? false,
      exceptOrderId: order.id,
    });
    data.windowStart = window.windowStart;
    data.windowEnd = window.windowEnd;
  } else if (patch.items && !patch.overrideSlotRules) {
    // The order keeps its window: slower new items must still be ready by then.
    const current = await ctx.prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      select: { windowStart: true },
    });
    await assertLeadTimeFits(
      ctx,
      patch.items.map((item) => item.productId),
      current.windowStart,
    );
  }
  if (patch.cardText !== undefined) data.cardText = patch.cardText;
  if (patch.anonymousSender != null) data.anonymousSender = patch.anonymousSender;
  const place = await patchedPlace(ctx, order.fulfillment, patch);
  Object.assign(data, place);
  const items = patch.items ? await priceItems(ctx, order.shopId, patch.items) : null;
  if (items || place.deliveryFeeMinor !== undefined) {
    const current = await ctx.prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      select: { subtotalMinor: true, deliveryFeeMinor: true, discountMinor: true, totalMinor: true },
    });
    const subtotalMinor = items
      ? items.reduce((sum, item) => sum + item.totalMinor, 0)
      : current.subtotalMinor;
    const totalMinor =
      subtotalMinor + (place.deliveryFeeMinor ?? current.deliveryFeeMinor) - current.discountMinor;
    if (order.paymentStatus === 'PAID' && totalMinor !== current.totalMinor)
      throw new PaidTotalChange(current.totalMinor, totalMinor);
    data.subtotalMinor = subtotalMinor;
    data.totalMinor = totalMinor;
  }
  if (items) {
    await ctx.prisma.orderItem.deleteMany({ where: { orderId: order.id } });
    await ctx.prisma.orderItem.createMany({ data: items.map((item) => ({ ...item, orderId: order.id })) });
    // A confirmed order holds stock for its items: hold it for the new ones instead (or InsufficientStock).
    if (order.status === 'CONFIRMED') {
      await releaseOrderStock(ctx, order.id);
      await reserveOrderStock(ctx, order.id);
    }
  }
  const changed = Object.keys(patch).filter(
    (k) => k !== 'overrideSlotRules' && patch[k as keyof OrderPatch] !== undefined,
  );
  const change = await applyOrderChange(ctx, order, input.version, data, {
    toStatus: order.status,
    note: `Edited: ${changed.join(', ')}`,
  });
  // The production task is due by the window (or the items' lead time): it follows the edit.
  if (patch.slot !== undefined || patch.items) await taskFollowsOrderEdit(ctx, order);
  return change;
}
