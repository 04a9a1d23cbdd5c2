import { createHash } from 'node:crypto';
import type { FulfillmentType, OrderStatus, Prisma } from '@posy/prisma';
import { actorIds } from '../../auth/viewer.js';
import { type Context, requireShop } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import { visibleCustomers, visibleOrders } from '../common/access.js';
import { priceItems } from './order-pricing.js';
import { allowedNextStatuses, EDITABLE_STATUSES, roleMayStep } from './order-status.js';
import { IdempotencyKeyReused, InvalidTransition, OrderNotEditable, StaleVersion } from './orders.errors.js';

export interface OrderItemInput {
  productId: string;
  quantity: number;
}

export interface CreateOrderInput {
  /** Staff and API keys name the customer; a customer always orders for themself. */
  customerId?: string | null;
  items: OrderItemInput[];
  fulfillment: FulfillmentType;
  /** Null: the order is for the customer themself. */
  recipient?: { name: string; phone: string } | null;
  deliveryAddress?: string | null;
  instructions?: string | null;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  cardText?: string | null;
  anonymousSender?: boolean | null;
  idempotencyKey?: string | null;
}

/** Creates an order priced from the catalog now; a retry with the same idempotency key answers the same order. */
export async function createOrder(ctx: Context, input: CreateOrderInput): Promise<{ id: string }> {
  const shopId = requireShop(ctx);
  const customerId = await orderingCustomer(ctx, input.customerId);
  if (input.fulfillment === 'DELIVERY' && !input.deliveryAddress)
    throw badInput('A delivery needs an address', 'deliveryAddress');

  const hash = input.idempotencyKey ? requestHash(customerId, input) : null;
  if (input.idempotencyKey) {
    // A unique violation would abort the whole mutation transaction, so a concurrent twin cannot simply insert
    // and catch it. Instead both take a lock on (shop, key) first: the second waits until the first commits,
    // then finds its order below. The lock ends with the transaction.
    await ctx.prisma
      .$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${shopId}:${input.idempotencyKey}`}))`;
    const earlier = await ctx.prisma.order.findUnique({
      where: { shopId_idempotencyKey: { shopId, idempotencyKey: input.idempotencyKey } },
      select: { id: true, idempotencyHash: true },
    });
    if (earlier) {
      if (earlier.idempotencyHash !== hash) throw new IdempotencyKeyReused(earlier.id);
      return { id: earlier.id };
    }
  }

  const items = await priceItems(ctx, shopId, input.items);
  // INTEGRATION(checkout): when the input names a slot, check it here before anything is written:
  //   await assertSlotAvailable(ctx, { slotId, date, zoneId, leadTimeMinutes });  (features/checkout/slot-availability.service.ts)
  const shop = await ctx.prisma.shop.update({
    where: { id: shopId },
    data: { lastOrderNumber: { increment: 1 } },
    select: { lastOrderNumber: true, deliveryFeeMinor: true, currency: true },
  });
  const subtotalMinor = items.reduce((sum, item) => sum + item.totalMinor, 0);
  const deliveryFeeMinor = input.fulfillment === 'DELIVERY' ? shop.deliveryFeeMinor : 0;
  const order = await ctx.prisma.order.create({
    data: {
      shopId,
      number: shop.lastOrderNumber,
      customerId,
      fulfillment: input.fulfillment,
      source: ctx.shopRole === 'API_KEY' ? 'API' : ctx.shopRole === 'CUSTOMER' ? 'TELEGRAM' : 'STAFF',
      recipientName: input.recipient?.name ?? null,
      recipientPhone: input.recipient?.phone ?? null,
      deliveryAddress: input.fulfillment === 'DELIVERY' ? input.deliveryAddress : null,
      addressComment: input.instructions ?? null,
      windowStart: input.windowStart ?? null,
      windowEnd: input.windowEnd ?? null,
      cardText: input.cardText ?? null,
      anonymousSender: input.anonymousSender ?? false,
      idempotencyKey: input.idempotencyKey ?? null,
      idempotencyHash: hash,
      currency: shop.currency,
      subtotalMinor,
      deliveryFeeMinor,
      totalMinor: subtotalMinor + deliveryFeeMinor,
      createdById: ctx.viewer.kind === 'user' ? ctx.viewer.userId : null,
      // One INSERT for all items, so the statements per order do not grow with its items.
      items: { createMany: { data: items } },
      events: { create: { ...actorIds(ctx.viewer), fromStatus: null, toStatus: 'NEW' } },
    },
    select: { id: true, version: true },
  });
  publishChange(ctx, shopId, order.id, order.version);
  return { id: order.id };
}

/** The customer an order is for: a customer orders for themself; staff and keys name one of the shop's. */
async function orderingCustomer(ctx: Context, customerId: string | null | undefined): Promise<string> {
  if (ctx.shopRole === 'CUSTOMER') {
    if (customerId && customerId !== ctx.customerId)
      throw forbidden('A customer orders for themself; leave customerId empty');
    return ctx.customerId ?? '';
  }
  if (!customerId) throw badInput('Name the customer the order is for', 'customerId');
  const customer = await ctx.prisma.customer.findFirst({
    where: { AND: [{ id: customerId }, visibleCustomers(ctx)] },
    select: { id: true },
  });
  if (!customer) throw notFound('Customer');
  return customer.id;
}

/** What makes two requests "the same": everything the order is made of, keys in a fixed order. */
function requestHash(customerId: string, input: CreateOrderInput): string {
  const { idempotencyKey: _key, customerId: _customer, ...body } = input;
  const canonical = JSON.stringify({ customerId, ...body }, (_k, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

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
  data: Prisma.OrderUpdateManyMutationInput,
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
  publishChange(ctx, order.shopId, order.id, version + 1);
  return { id: order.id };
}

function publishChange(ctx: Context, shopId: string, orderId: string, version: number) {
  ctx.afterCommit(() => ctx.pubsub.publish('order:changed', shopId, { orderId, version }));
}

/** Moves an order along the status machine (order-status.ts); the note is the reason when cancelling. */
export async function changeOrderStatus(
  ctx: Context,
  input: { id: string; version: number; to: OrderStatus; note?: string | null },
): Promise<{ id: string }> {
  const order = await findOrder(ctx, input.id);
  if (order.version !== input.version) throw new StaleVersion(order.version);
  const allowed = allowedNextStatuses(order.fulfillment, order.status);
  if (!allowed.includes(input.to)) throw new InvalidTransition(order.status, input.to, allowed);
  if (!roleMayStep(ctx.shopRole, order.status, input.to))
    throw forbidden(`Your role may not move an order from ${order.status} to ${input.to}`);
  const cancelling = input.to === 'CANCELLED';
  if (cancelling && !input.note?.trim()) throw badInput('Say why the order is cancelled', 'reason');

  // INTEGRATION(stock): features/stock/stock-reservations.service.ts, wired at merge:
  //   to CONFIRMED → await reserveOrderStock(ctx, order.id)   (may throw InsufficientStock)
  //   to CANCELLED → await releaseOrderStock(ctx, order.id)
  //   IN_PRODUCTION → READY (production done) → await consumeOrderStock(ctx, order.id)
  return applyOrderChange(
    ctx,
    order,
    input.version,
    cancelling
      ? { status: 'CANCELLED', cancelReason: input.note, cancelledAt: new Date() }
      : { status: input.to },
    { toStatus: input.to, note: input.note },
  );
}

export interface OrderPatch {
  items?: OrderItemInput[] | null;
  recipient?: { name: string; phone: string } | null;
  deliveryAddress?: string | null;
  instructions?: string | null;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  cardText?: string | null;
  anonymousSender?: boolean | null;
}

/** Edits an order until production starts; replaced items are priced from the catalog now. */
export async function updateOrder(
  ctx: Context,
  input: { id: string; version: number; patch: OrderPatch },
): Promise<{ id: string }> {
  const order = await findOrder(ctx, input.id);
  if (order.version !== input.version) throw new StaleVersion(order.version);
  if (!EDITABLE_STATUSES.includes(order.status)) throw new OrderNotEditable(order.status);
  const { patch } = input;
  const data: Prisma.OrderUpdateManyMutationInput = {};
  if (patch.recipient !== undefined) {
    data.recipientName = patch.recipient?.name ?? null;
    data.recipientPhone = patch.recipient?.phone ?? null;
  }
  if (patch.deliveryAddress !== undefined) data.deliveryAddress = patch.deliveryAddress;
  if (patch.instructions !== undefined) data.addressComment = patch.instructions;
  if (patch.windowStart !== undefined) data.windowStart = patch.windowStart;
  if (patch.windowEnd !== undefined) data.windowEnd = patch.windowEnd;
  if (patch.cardText !== undefined) data.cardText = patch.cardText;
  if (patch.anonymousSender != null) data.anonymousSender = patch.anonymousSender;
  if (patch.items) {
    const items = await priceItems(ctx, order.shopId, patch.items);
    const current = await ctx.prisma.order.findUniqueOrThrow({
      where: { id: order.id },
      select: { deliveryFeeMinor: true, discountMinor: true },
    });
    const subtotalMinor = items.reduce((sum, item) => sum + item.totalMinor, 0);
    data.subtotalMinor = subtotalMinor;
    data.totalMinor = subtotalMinor + current.deliveryFeeMinor - current.discountMinor;
    await ctx.prisma.orderItem.deleteMany({ where: { orderId: order.id } });
    await ctx.prisma.orderItem.createMany({ data: items.map((item) => ({ ...item, orderId: order.id })) });
  }
  const changed = Object.keys(patch).filter((k) => patch[k as keyof OrderPatch] !== undefined);
  return applyOrderChange(ctx, order, input.version, data, {
    toStatus: order.status,
    note: `Edited: ${changed.join(', ')}`,
  });
}
