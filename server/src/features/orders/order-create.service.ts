import { createHash } from 'node:crypto';
import type { FulfillmentType } from '@posy/prisma';
import { actorIds } from '../../auth/viewer.js';
import { type Context, requireShop } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import {
  assertCardTextFits,
  type CheckoutChoice,
  checkoutTerms,
  type SlotChoice,
} from '../checkout/checkout-order.service.js';
import { assertStockAvailable } from '../checkout/stock-availability.service.js';
import { visibleCustomers } from '../common/access.js';
import { priceItems } from './order-pricing.js';
import { orderSource } from './order-source.js';
import { IdempotencyKeyReused } from './orders.errors.js';
import { publishOrderChange } from './orders.service.js';

export interface OrderItemInput {
  productId: string;
  quantity: number;
}

/** What an order says about its recipient and delivery: set on create, editable until production. */
export interface OrderDetails {
  /** Null: the order is for the customer themself. */
  recipient?: { name: string; phone: string } | null;
  deliveryAddress?: string | null;
  instructions?: string | null;
  /**
   * When it is delivered or collected: its window is the slot's on that date in the shop's time zone, after
   * the slot rules (checkout-order.service.ts). A patch's null takes the window away (managers only).
   */
  slot?: SlotChoice | null;
  /** At most Shop.cardTextMaxLength characters. */
  cardText?: string | null;
  anonymousSender?: boolean | null;
}

export interface CreateOrderInput extends OrderDetails, CheckoutChoice {
  /** Staff and API keys name the customer; a customer always orders for themself. */
  customerId?: string | null;
  /** Product ids (uuids) of the shop, on sale, each with a quantity of 1 or more. */
  items: OrderItemInput[];
  fulfillment: FulfillmentType;
  /** A retry with the same key and the same body (slot included) answers the first order. */
  idempotencyKey?: string | null;
}

/**
 * Creates an order priced from the catalog now, in the caller's transaction (a mutation's, or a job's own
 * through runInTransaction), writing nothing when it refuses:
 * - SlotUnavailableError (typed): the chosen slot is full, closed, past, cut off, inactive, or too soon
 *   for the slowest product's lead time (checkout-order.service.ts has who must choose one);
 * - InsufficientStockError (typed): the stock on the shelf cannot make it (nothing is reserved until
 *   confirmation);
 * - IdempotencyKeyReused (typed); BAD_USER_INPUT naming the field; NOT_FOUND; FORBIDDEN.
 * The delivery fee is the zone's when one is named, else the shop's flat fee. A retry with the same
 * idempotency key answers the same order.
 */
export async function createOrder(ctx: Context, input: CreateOrderInput): Promise<{ id: string }> {
  const shopId = requireShop(ctx);
  const customerId = await orderingCustomer(ctx, input.customerId);
  if (input.fulfillment === 'DELIVERY' && !input.deliveryAddress)
    throw badInput('A delivery needs an address', 'deliveryAddress');
  await assertCardTextFits(ctx, input.cardText);

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
      ctx.audit.unchanged = true;
      return { id: earlier.id };
    }
  }

  const items = await priceItems(ctx, shopId, input.items);
  // Before anything is written: the slot (locked until commit, so the last place goes to one order only)…
  const terms = await checkoutTerms(
    ctx,
    input,
    items.map((item) => item.productId),
  );
  // …and the stock, checked but not reserved (confirmation reserves).
  await assertStockAvailable(ctx, items);
  const shop = await ctx.prisma.shop.update({
    where: { id: shopId },
    data: { lastOrderNumber: { increment: 1 } },
    select: { lastOrderNumber: true, deliveryFeeMinor: true, currency: true },
  });
  const subtotalMinor = items.reduce((sum, item) => sum + item.totalMinor, 0);
  const deliveryFeeMinor =
    input.fulfillment === 'DELIVERY' ? (terms.zoneFeeMinor ?? shop.deliveryFeeMinor) : 0;
  const order = await ctx.prisma.order.create({
    data: {
      shopId,
      number: shop.lastOrderNumber,
      customerId,
      fulfillment: input.fulfillment,
      source: orderSource(ctx),
      recipientName: input.recipient?.name ?? null,
      recipientPhone: input.recipient?.phone ?? null,
      deliveryAddress: input.fulfillment === 'DELIVERY' ? input.deliveryAddress : null,
      addressComment: input.instructions ?? null,
      windowStart: terms.windowStart,
      windowEnd: terms.windowEnd,
      pickupPointId: terms.pickupPointId,
      deliveryZoneId: terms.deliveryZoneId,
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
  publishOrderChange(ctx, shopId, order.id, order.version);
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
