import type { Prisma, SubscriptionFrequency, SubscriptionStatus } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { visibleCustomers, visibleSubscriptions } from '../common/access.js';
import { publishShopChange } from '../live/shop-changes.js';
import { StaleVersion } from '../orders/orders.errors.js';
import { addDays, firstDeliveryFrom } from './subscription-schedule.js';
import { allowedNextSubscriptionStatuses, RENEWABLE_STATUSES } from './subscription-status.js';
import { InvalidSubscriptionTransition } from './subscriptions.errors.js';

const DAY = 24 * 3_600_000;

export interface CreateSubscriptionInput {
  customerId: string;
  productId: string;
  plan: string;
  frequency: SubscriptionFrequency;
  /** Units of the product per delivery. @default 1 */
  quantity?: number | null;
  /** Start of the first delivery's window; its weekday and time of day (in the shop's zone) repeat. */
  firstDeliveryAt: Date;
  /** @default 120 */
  windowMinutes?: number | null;
  /** Null: the customer receives the flowers themself. */
  recipient?: { name: string; phone: string } | null;
  deliveryAddress: string;
  /** @default now */
  validFrom?: Date | null;
  validUntil: Date;
  /** Price of one unit per delivery, in minor units. @default the product's price now */
  priceMinor?: number | null;
}

/** The subscription the viewer may see, or NOT_FOUND; with what every change checks. */
export async function findSubscription(ctx: Context, id: string) {
  const subscription = await ctx.prisma.subscription.findFirst({
    where: { AND: [{ id }, visibleSubscriptions(ctx)] },
    select: {
      id: true,
      status: true,
      version: true,
      frequency: true,
      nextDeliveryAt: true,
      validFrom: true,
      validUntil: true,
      termDays: true,
      shop: { select: { timezone: true } },
    },
  });
  if (!subscription) throw notFound('Subscription');
  return subscription;
}

/**
 * Starts a customer's recurring delivery of one product. The price is fixed now (given, or the product's
 * current one): every order the generator makes from it charges that price, whatever the catalog says later.
 */
export async function createSubscription(
  ctx: Context,
  input: CreateSubscriptionInput,
): Promise<{ id: string }> {
  const shopId = requireShop(ctx);
  const now = new Date();
  const validFrom = input.validFrom ?? now;
  if (!(validFrom < input.validUntil)) throw badInput('validUntil must be after validFrom', 'validUntil');
  if (input.validUntil <= now) throw badInput('validUntil must be in the future', 'validUntil');
  if (input.firstDeliveryAt <= now)
    throw badInput('The first delivery must be in the future', 'firstDeliveryAt');
  if (input.firstDeliveryAt < validFrom || input.firstDeliveryAt > input.validUntil)
    throw badInput('The first delivery must fall between validFrom and validUntil', 'firstDeliveryAt');
  const customer = await ctx.prisma.customer.findFirst({
    where: { AND: [{ id: input.customerId }, visibleCustomers(ctx)] },
    select: { id: true },
  });
  if (!customer) throw notFound('Customer');
  const product = await ctx.prisma.product.findFirst({
    where: { id: input.productId, shopId, active: true, archivedAt: null },
    select: { id: true, priceMinor: true },
  });
  if (!product) throw badInput('This product is not on sale', 'productId');
  const subscription = await ctx.prisma.subscription.create({
    data: {
      shopId,
      customerId: customer.id,
      productId: product.id,
      plan: input.plan,
      frequency: input.frequency,
      quantity: input.quantity ?? 1,
      priceMinor: input.priceMinor ?? product.priceMinor,
      recipientName: input.recipient?.name ?? null,
      recipientPhone: input.recipient?.phone ?? null,
      deliveryAddress: input.deliveryAddress,
      validFrom,
      validUntil: input.validUntil,
      termDays: Math.max(1, Math.round((input.validUntil.getTime() - validFrom.getTime()) / DAY)),
      nextDeliveryAt: input.firstDeliveryAt,
      windowMinutes: input.windowMinutes ?? 120,
    },
    select: { id: true },
  });
  ctx.audit.target = { type: 'Subscription', id: subscription.id };
  announceSubscriptionChange(ctx, subscription.id);
  return subscription;
}

type Found = Awaited<ReturnType<typeof findSubscription>>;
interface VersionedChange {
  id: string;
  version: number;
}

/**
 * Applies one change against the version the caller read: the UPDATE matches only that version, so the
 * second of two concurrent changes matches no row and answers StaleVersion (as orders do). `to` is checked
 * against the status machine first; null keeps the status (a renewal that only extends).
 */
async function applySubscriptionChange(
  ctx: Context,
  subscription: Found,
  version: number,
  to: SubscriptionStatus | null,
  data: Prisma.SubscriptionUpdateManyMutationInput,
): Promise<{ id: string }> {
  if (subscription.version !== version) throw new StaleVersion(subscription.version, 'subscription');
  const allowed = allowedNextSubscriptionStatuses(subscription.status);
  if (to !== null && !allowed.includes(to))
    throw new InvalidSubscriptionTransition(subscription.status, to, allowed);
  const { count } = await ctx.prisma.subscription.updateMany({
    where: { id: subscription.id, version },
    data: { ...data, ...(to === null ? {} : { status: to }), version: { increment: 1 } },
  });
  if (count !== 1) {
    const current = await ctx.prisma.subscription.findUniqueOrThrow({
      where: { id: subscription.id },
      select: { version: true },
    });
    throw new StaleVersion(current.version, 'subscription');
  }
  ctx.audit.target = { type: 'Subscription', id: subscription.id };
  announceSubscriptionChange(ctx, subscription.id);
  return { id: subscription.id };
}

/** Tells the live subscription lists (`subscriptionChanged`) that it changed, once committed. */
export function announceSubscriptionChange(ctx: Context, subscriptionId: string) {
  publishShopChange(ctx, requireShop(ctx), 'subscription', [subscriptionId]);
}

/** Stops deliveries until resumed: the generator makes no orders for a paused subscription. */
export async function pauseSubscription(ctx: Context, input: VersionedChange) {
  const subscription = await findSubscription(ctx, input.id);
  return applySubscriptionChange(ctx, subscription, input.version, 'PAUSED', { pauseReason: null });
}

/** Starts deliveries again from the first one on its schedule that is still ahead (paused ones are skipped). */
export async function resumeSubscription(ctx: Context, input: VersionedChange) {
  const subscription = await findSubscription(ctx, input.id);
  // Only a pause is resumed: an expired subscription comes back by renewal, which also extends it.
  if (subscription.version === input.version && subscription.status !== 'PAUSED')
    throw new InvalidSubscriptionTransition(
      subscription.status,
      'ACTIVE',
      allowedNextSubscriptionStatuses(subscription.status),
    );
  return applySubscriptionChange(ctx, subscription, input.version, 'ACTIVE', {
    nextDeliveryAt: aheadOfNow(subscription),
    // The manager acted on what the generator asked of them (e.g. a product back on sale).
    pauseReason: null,
  });
}

/** Ends the subscription for good, with the reason; orders it already made stay as they are. */
export async function cancelSubscription(ctx: Context, input: VersionedChange & { reason: string }) {
  const subscription = await findSubscription(ctx, input.id);
  if (!input.reason.trim()) throw badInput('Say why the subscription is cancelled', 'reason');
  return applySubscriptionChange(ctx, subscription, input.version, 'CANCELLED', {
    cancelReason: input.reason,
    cancelledAt: new Date(),
    nextDeliveryAt: null,
    pauseReason: null,
  });
}

/**
 * Extends the subscription to `validUntil` (later than now and than its current end). An expired one becomes
 * ACTIVE again, its next delivery the first on its schedule that is still ahead; a cancelled one cannot.
 * The term a renewal by term adds stays the one the customer signed up for.
 */
export async function renewSubscription(ctx: Context, input: VersionedChange & { validUntil: Date }) {
  const subscription = await findSubscription(ctx, input.id);
  return extendSubscription(ctx, subscription, input.version, () => {
    if (input.validUntil <= subscription.validUntil || input.validUntil <= new Date())
      throw badInput('A renewal must end later than now and than the subscription does', 'validUntil');
    return input.validUntil;
  });
}

/**
 * Renews for one more term of the length the customer signed up for (`termDays`), at the price already fixed
 * (not the catalog's today). The term follows the current end while that is ahead, so renewing early loses no
 * paid day; once the end has passed it starts now, so a customer coming back after a gap does not pay for
 * weeks no one delivered. What a customer may do for their own subscription (MANAGE_OR_OWN).
 */
export async function renewSubscriptionByTerm(ctx: Context, input: VersionedChange) {
  const subscription = await findSubscription(ctx, input.id);
  return extendSubscription(ctx, subscription, input.version, () => {
    const now = new Date();
    const from = subscription.validUntil > now ? subscription.validUntil : now;
    return addDays(from, subscription.termDays, subscription.shop.timezone);
  });
}

/**
 * The renewals' common part: the version and status are checked before `newEnd` is asked for, so a stale or
 * cancelled subscription is refused as such whatever the new end would be.
 */
async function extendSubscription(ctx: Context, subscription: Found, version: number, newEnd: () => Date) {
  if (subscription.version !== version) throw new StaleVersion(subscription.version, 'subscription');
  if (!RENEWABLE_STATUSES.includes(subscription.status))
    throw new InvalidSubscriptionTransition(
      subscription.status,
      'ACTIVE',
      allowedNextSubscriptionStatuses(subscription.status),
    );
  const validUntil = newEnd();
  const expired = subscription.status === 'EXPIRED';
  // Past its end but not yet marked EXPIRED (the hourly job had not come by): its next delivery is as stale
  // as an expired one's, so it moves ahead the same way.
  const lapsed = expired || subscription.validUntil <= new Date();
  return applySubscriptionChange(ctx, subscription, version, expired ? 'ACTIVE' : null, {
    validUntil,
    ...(lapsed ? { nextDeliveryAt: aheadOfNow(subscription) } : {}),
  });
}

/** The first delivery on the subscription's schedule that is not in the past. */
function aheadOfNow(subscription: Found): Date {
  return firstDeliveryFrom(
    subscription.nextDeliveryAt ?? subscription.validFrom,
    subscription.frequency,
    subscription.shop.timezone,
    new Date(),
  );
}
