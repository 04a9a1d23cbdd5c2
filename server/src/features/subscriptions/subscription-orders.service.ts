// The subscription order generator: each delivery of an ACTIVE subscription becomes an order once it is
// within the lead horizon. Exactly once per subscription and delivery date, however many workers run at the
// same moment, enforced by the database twice over:
// - the subscription's row is locked (SELECT … FOR UPDATE) and re-read inside the delivery's transaction,
//   so a second worker waits, then sees nextDeliveryAt already advanced and does nothing;
// - the order carries the idempotency key `subscription:<id>:<local date>`, unique per shop, through
//   createOrder's own race-safe idempotency (an advisory lock on the key), so even a schedule reset to the
//   same date (pause and resume, renewal) answers the existing order instead of making a second one.
import { writeAuditEntry } from '../../audit/audit-entry.js';
import { type Context, requireShop } from '../../context.js';
import { localToUtc, utcToLocal } from '../checkout/local-time.js';
import { type CreateOrderInput, createOrder } from '../orders/order-create.service.js';
import { IdempotencyKeyReused } from '../orders/orders.errors.js';
import { deliveryDate, nextDelivery } from './subscription-schedule.js';
import { announceSubscriptionChange } from './subscriptions.service.js';

/** What the generator reads of a subscription to make one delivery's order. */
export interface SubscriptionDelivery {
  id: string;
  customerId: string;
  productId: string;
  quantity: number;
  recipientName: string | null;
  recipientPhone: string | null;
  deliveryAddress: string | null;
  windowStart: Date;
  windowEnd: Date;
}

/** The idempotency key of a subscription's order for one (shop-local) delivery date. */
export const subscriptionOrderKey = (subscriptionId: string, date: string) =>
  `subscription:${subscriptionId}:${date}`;

/**
 * The createOrder input of one delivery: the one place that knows createOrder's input shape, so a change to
 * it is adapted here alone.
 */
export function subscriptionOrderInput(delivery: SubscriptionDelivery, date: string): CreateOrderInput {
  return {
    customerId: delivery.customerId,
    items: [{ productId: delivery.productId, quantity: delivery.quantity }],
    fulfillment: 'DELIVERY',
    // An order's recipient needs a phone; without one the courier calls the customer.
    recipient:
      delivery.recipientName && delivery.recipientPhone
        ? { name: delivery.recipientName, phone: delivery.recipientPhone }
        : null,
    deliveryAddress: delivery.deliveryAddress,
    // The delivery time was agreed when the subscription was sold, so it is not a customer's slot choice
    // and the public slot rules (cut-off, capacity) do not refuse it.
    agreedWindow: { start: delivery.windowStart, end: delivery.windowEnd },
    idempotencyKey: subscriptionOrderKey(delivery.id, date),
  };
}

/** What became of one delivery. */
export interface DeliveryOutcome {
  subscriptionId: string;
  /** The shop-local date of the delivery. */
  date: string;
  /** The delivery's order; null when it was skipped (its window had passed, its product is gone). */
  orderId: string | null;
  nextDeliveryAt: Date;
}

/**
 * Makes the order of a subscription's next delivery, if the subscription is ACTIVE and that delivery is due
 * (at or before `horizon`, and within its validity), links it and charges the subscription's price, then
 * moves nextDeliveryAt on by the frequency. A delivery whose window has already ended (the worker was down)
 * is skipped rather than ordered late. Run it in the delivery's own transaction (`runInTransaction` with a
 * system context), which it locks the subscription in; it writes its audit entry there too.
 * @returns null when there was nothing to do (not due, not active, or done by another worker meanwhile)
 */
export async function generateSubscriptionDelivery(
  ctx: Context,
  subscriptionId: string,
  options: { now: Date; horizon: Date },
): Promise<DeliveryOutcome | null> {
  await ctx.prisma.$queryRaw`SELECT 1 FROM "Subscription" WHERE id = ${subscriptionId}::uuid FOR UPDATE`;
  const subscription = await ctx.prisma.subscription.findUnique({
    where: { id: subscriptionId },
    select: {
      id: true,
      status: true,
      customerId: true,
      productId: true,
      quantity: true,
      priceMinor: true,
      recipientName: true,
      recipientPhone: true,
      deliveryAddress: true,
      nextDeliveryAt: true,
      windowMinutes: true,
      validUntil: true,
      frequency: true,
      shop: { select: { timezone: true } },
      product: { select: { active: true, archivedAt: true } },
    },
  });
  const at = subscription?.nextDeliveryAt;
  if (subscription?.status !== 'ACTIVE' || !at) return null;
  if (at > options.horizon || at > subscription.validUntil) return null;

  const timeZone = subscription.shop.timezone;
  const date = deliveryDate(at, timeZone);
  const unavailable = productUnavailable(subscription.product);
  if (unavailable) return pauseForAttention(ctx, subscription.id, date, unavailable);
  // A closed day moves the delivery (paid for) to the next open day at the same time; the schedule keeps
  // its own dates, and the order keeps the scheduled date's key so it is still made once.
  const openDay = await nextOpenDay(ctx, at, timeZone);
  const windowStart = openDay ?? at;
  const windowEnd = new Date(windowStart.getTime() + subscription.windowMinutes * 60_000);
  let orderId: string | null = null;
  let skipped: string | null = null;
  if (windowEnd <= options.now) skipped = 'The delivery window had passed before its order was made';
  else if (!openDay) skipped = `The shop is closed on the delivery day and the ${MAX_CLOSED_DAYS} after it`;
  else {
    const delivery = { ...subscription, productId: subscription.productId!, windowStart, windowEnd };
    orderId = await orderOnce(ctx, subscriptionOrderInput(delivery, date));
    await applySubscriptionTerms(ctx, orderId, subscription);
  }
  const nextDeliveryAt = nextDelivery(at, subscription.frequency, timeZone);
  await ctx.prisma.subscription.update({
    where: { id: subscription.id },
    data: { nextDeliveryAt, version: { increment: 1 } },
    select: { id: true },
  });
  announceSubscriptionChange(ctx, subscription.id);
  if (skipped) ctx.log.warn({ subscriptionId, date, reason: skipped }, 'subscription delivery skipped');
  await writeAuditEntry(
    ctx,
    orderId ? 'generateSubscriptionOrder' : 'skipSubscriptionDelivery',
    {},
    {
      target: { type: 'Subscription', id: subscription.id },
      changes: {
        job: jobOf(ctx),
        deliveryDate: date,
        ...(windowStart.getTime() === at.getTime()
          ? {}
          : { movedTo: deliveryDate(windowStart, timeZone), movedBecause: 'The shop is closed that day' }),
        orderId,
        nextDeliveryAt,
        ...(skipped ? { skipped } : {}),
      },
    },
    null,
  );
  return { subscriptionId, date, orderId, nextDeliveryAt };
}

/** Why the subscription's product cannot be ordered, or null when it can. */
function productUnavailable(product: { active: boolean; archivedAt: Date | null } | null): string | null {
  if (!product) return "The subscription's product no longer exists";
  if (product.archivedAt) return "The subscription's product is archived";
  if (!product.active) return "The subscription's product is off sale";
  return null;
}

/**
 * Days a delivery is moved at most past closures: less than a week, so even a weekly delivery never lands
 * on (or past) the next one; a closure that long skips the delivery instead.
 */
const MAX_CLOSED_DAYS = 6;

/**
 * `at`, or the same wall-clock time on the first following shop-local day without a ShopClosure; null when
 * the shop is closed on all of the next MAX_CLOSED_DAYS days too.
 */
async function nextOpenDay(ctx: Context, at: Date, timeZone: string): Promise<Date | null> {
  const { date, minutes } = utcToLocal(at, timeZone);
  const first = new Date(`${date}T00:00:00Z`);
  const closures = await ctx.prisma.shopClosure.findMany({
    where: {
      shopId: requireShop(ctx),
      date: { gte: first, lte: new Date(first.getTime() + MAX_CLOSED_DAYS * DAY) },
    },
    select: { date: true },
  });
  const closed = new Set(closures.map((c) => c.date.getTime()));
  let day = first.getTime();
  while (closed.has(day)) day += DAY;
  if (day === first.getTime()) return at;
  if (day > first.getTime() + MAX_CLOSED_DAYS * DAY) return null;
  return localToUtc(new Date(day).toISOString().slice(0, 10), minutes, timeZone);
}
const DAY = 86_400_000;

/**
 * Pauses a subscription whose product cannot be ordered, with the reason (pauseReason), instead of failing
 * on every run until the delivery's window passes: managers find it with `needsAttention`, fix the product
 * or the subscription, and resume it. nextDeliveryAt stays; resuming moves it to the next one ahead.
 */
async function pauseForAttention(
  ctx: Context,
  subscriptionId: string,
  date: string,
  reason: string,
): Promise<null> {
  await ctx.prisma.subscription.update({
    where: { id: subscriptionId },
    data: { status: 'PAUSED', pauseReason: reason, version: { increment: 1 } },
    select: { id: true },
  });
  announceSubscriptionChange(ctx, subscriptionId);
  ctx.log.warn({ subscriptionId, date, reason }, 'subscription paused: needs attention');
  await writeAuditEntry(
    ctx,
    'pauseSubscriptionForAttention',
    {},
    {
      target: { type: 'Subscription', id: subscriptionId },
      changes: { job: jobOf(ctx), deliveryDate: date, status: 'PAUSED', pauseReason: reason },
    },
    null,
  );
  return null;
}

/**
 * createOrder under the delivery's idempotency key. A key already used with another body (the window moved
 * since, say) still means "this date has its order": that order is the answer, not a second one.
 */
async function orderOnce(ctx: Context, input: CreateOrderInput): Promise<string> {
  try {
    return (await createOrder(ctx, input)).id;
  } catch (error) {
    // Thrown before createOrder wrote anything, so the transaction goes on.
    if (error instanceof IdempotencyKeyReused) return error.orderId;
    throw error;
  }
}

/**
 * Marks the order as the subscription's and charges the subscription's fixed price instead of today's
 * catalog price. Only an order not yet linked is changed: an earlier try's order is already right.
 */
async function applySubscriptionTerms(
  ctx: Context,
  orderId: string,
  subscription: { id: string; priceMinor: number; quantity: number },
) {
  const order = await ctx.prisma.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { subscriptionId: true, deliveryFeeMinor: true, discountMinor: true },
  });
  if (order.subscriptionId) return;
  const subtotalMinor = subscription.priceMinor * subscription.quantity;
  await ctx.prisma.orderItem.updateMany({
    where: { orderId },
    data: { unitPriceMinor: subscription.priceMinor, totalMinor: subtotalMinor },
  });
  await ctx.prisma.order.update({
    where: { id: orderId },
    data: {
      subscriptionId: subscription.id,
      source: 'SUBSCRIPTION',
      subtotalMinor,
      totalMinor: subtotalMinor + order.deliveryFeeMinor - order.discountMinor,
    },
    select: { id: true },
  });
}

/**
 * Marks a subscription EXPIRED once its validUntil has passed (ACTIVE or PAUSED; a renewal brings it back).
 * Run it in its own transaction with a system context, like {@link generateSubscriptionDelivery}.
 * @returns whether it expired it (false: renewed, cancelled or expired by another worker meanwhile)
 */
export async function expireSubscription(ctx: Context, subscriptionId: string, now: Date): Promise<boolean> {
  const { count } = await ctx.prisma.subscription.updateMany({
    where: { id: subscriptionId, status: { in: ['ACTIVE', 'PAUSED'] }, validUntil: { lt: now } },
    data: { status: 'EXPIRED', version: { increment: 1 } },
  });
  if (count === 1) announceSubscriptionChange(ctx, subscriptionId);
  if (count === 1)
    await writeAuditEntry(
      ctx,
      'expireSubscription',
      {},
      {
        target: { type: 'Subscription', id: subscriptionId },
        changes: { job: jobOf(ctx), status: 'EXPIRED' },
      },
      null,
    );
  return count === 1;
}

const jobOf = (ctx: Context) => (ctx.viewer.kind === 'system' ? ctx.viewer.job : null);
