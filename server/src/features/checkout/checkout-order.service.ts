// The checkout rules an order goes through when it is created or its slot changes: which slot, where it is
// picked up, which zone's fee, how long its card may be. Called by the orders feature inside its mutation's
// transaction; every refusal comes before the order writes anything.
import type { FulfillmentType } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import { UUID } from '../../graphql/global-id.js';
import { handlesCheckoutByHand } from '../common/access.js';
import {
  assertSlotAvailable,
  leadTimeOf,
  SlotUnavailableError,
  zoneFee,
} from './slot-availability.service.js';

/** The ceiling of any shop's card text limit (what the input accepts); Shop.cardTextMaxLength is below it. */
export const CARD_TEXT_CEILING = 1000;

/** A delivery slot on a local date of the shop: the customer's choice of when. */
export interface SlotChoice {
  /** The DeliverySlot's id (a uuid, decoded from its global id). */
  slotId: string;
  /** Local date in the shop's time zone, YYYY-MM-DD; the slot's weekday must be this date's. */
  date: string;
}

export interface CheckoutChoice {
  fulfillment: FulfillmentType;
  /**
   * When the order is delivered (DELIVERY) or collected (PICKUP): the shop makes the bouquet for that
   * window either way, so both take a place in the slot. Customers and API keys must choose one; a
   * manager may leave it empty (time to be agreed) and set it later with updateOrder.
   */
  slot?: SlotChoice | null;
  /** PICKUP only: one of the shop's active pickup points. Required but for managers (see `slot`). */
  pickupPointId?: string | null;
  /** DELIVERY only: an active zone of the shop whose fee replaces the shop's flat delivery fee. */
  deliveryZoneId?: string | null;
  /** ADMIN/MANAGER only: take the slot even if full, closed, past, cut off or too soon. */
  overrideSlotRules?: boolean | null;
  /**
   * Background jobs only (the system viewer), never from GraphQL: a window agreed before the order exists,
   * such as a subscription's delivery time, fixed when it was sold. It is taken as it is, without a slot.
   */
  agreedWindow?: { start: Date; end: Date } | null;
}

export interface CheckoutTerms {
  windowStart: Date | null;
  windowEnd: Date | null;
  pickupPointId: string | null;
  deliveryZoneId: string | null;
  /** The zone's fee, or null for the shop's flat fee (DELIVERY) / none (PICKUP). */
  zoneFeeMinor: number | null;
}

/**
 * Checks a new order's slot, pickup point and zone, and answers its window and fee. Throws
 * SlotUnavailableError (typed) for a slot the rules refuse; BAD_USER_INPUT / NOT_FOUND / FORBIDDEN for a
 * malformed choice. Locks the slot row: the caller must create the order in the same transaction.
 */
export async function checkoutTerms(
  ctx: Context,
  choice: CheckoutChoice,
  productIds: readonly string[],
  now = new Date(),
): Promise<CheckoutTerms> {
  const shopId = requireShop(ctx);
  assertOverrideAllowed(ctx, choice.overrideSlotRules);
  const byHand = handlesCheckoutByHand(ctx);
  let pickupPointId: string | null = null;
  if (choice.fulfillment === 'PICKUP') {
    if (choice.deliveryZoneId) throw badInput('A pickup has no delivery zone', 'deliveryZoneId');
    if (choice.pickupPointId) pickupPointId = await activePickupPoint(ctx, shopId, choice.pickupPointId);
    else if (!byHand) throw badInput('Choose where the order is picked up', 'pickupPointId');
  } else if (choice.pickupPointId) {
    throw badInput('A delivery has no pickup point', 'pickupPointId');
  }
  const deliveryZoneId = choice.fulfillment === 'DELIVERY' ? (choice.deliveryZoneId ?? null) : null;
  if (choice.agreedWindow) {
    if (ctx.viewer.kind !== 'system') throw forbidden('Only a background job passes an agreed window');
    if (choice.slot) throw badInput('Choose a slot or pass an agreed window, not both', 'slot');
    const zoneFeeMinor = await zoneFee(ctx.prisma, shopId, deliveryZoneId);
    const { start, end } = choice.agreedWindow;
    return { windowStart: start, windowEnd: end, pickupPointId, deliveryZoneId, zoneFeeMinor };
  }
  if (!choice.slot) {
    if (!byHand) throw badInput('Choose a delivery slot', 'slot');
    // The zone's fee still applies to an order whose time is to be agreed.
    const zoneFeeMinor = await zoneFee(ctx.prisma, shopId, deliveryZoneId);
    return { windowStart: null, windowEnd: null, pickupPointId, deliveryZoneId, zoneFeeMinor };
  }
  const claimed = await claimSlot(ctx, choice.slot, {
    productIds,
    zoneId: deliveryZoneId,
    overrideRules: choice.overrideSlotRules ?? false,
    now,
  });
  return {
    windowStart: claimed.windowStart,
    windowEnd: claimed.windowEnd,
    pickupPointId,
    deliveryZoneId,
    zoneFeeMinor: claimed.deliveryFeeMinor,
  };
}

/**
 * The window of `slot` for an order, after the slot rules (SlotUnavailableError otherwise). `exceptOrderId`
 * is the order moving to it, which does not count against itself.
 */
export function claimSlot(
  ctx: Context,
  slot: SlotChoice,
  options: {
    productIds: readonly string[];
    zoneId?: string | null;
    overrideRules?: boolean;
    exceptOrderId?: string;
    now?: Date;
  },
) {
  return assertSlotAvailable(
    ctx,
    {
      slotId: slot.slotId,
      date: slot.date,
      zoneId: options.zoneId,
      leadTimeMinutes: 0,
      productIds: options.productIds,
      overrideRules: options.overrideRules,
      exceptOrderId: options.exceptOrderId,
    },
    options.now,
  );
}

/**
 * New items for an order that keeps its window: LEAD_TIME (SlotUnavailableError) when the slowest of them
 * cannot be ready by the window's start. Items that need no lead time are never refused here.
 */
export async function assertLeadTimeFits(
  ctx: Context,
  productIds: readonly string[],
  windowStart: Date | null,
  now = new Date(),
) {
  if (!windowStart) return;
  const leadTimeMinutes = await leadTimeOf(ctx.prisma, requireShop(ctx), productIds);
  if (leadTimeMinutes > 0 && now.getTime() + leadTimeMinutes * 60_000 > windowStart.getTime())
    throw new SlotUnavailableError('LEAD_TIME');
}

/** Where an edited order goes: a patch's pickup point or zone; undefined keeps it, null takes it away. */
export interface PlaceChange {
  pickupPointId?: string | null;
  deliveryZoneId?: string | null;
}

/**
 * The pickup point and delivery zone an edited order takes, through the same rules as at creation
 * (BAD_USER_INPUT for the wrong kind of place, NOT_FOUND for another shop's or an archived one, a pickup
 * point required but of managers); answers only the columns that change, with the new delivery fee
 * whenever the zone is named: the zone's, or the shop's flat fee without one.
 */
export async function patchedPlace(
  ctx: Context,
  fulfillment: FulfillmentType,
  change: PlaceChange,
): Promise<{ pickupPointId?: string | null; deliveryZoneId?: string | null; deliveryFeeMinor?: number }> {
  const shopId = requireShop(ctx);
  const place: { pickupPointId?: string | null; deliveryZoneId?: string | null; deliveryFeeMinor?: number } =
    {};
  if (change.pickupPointId) {
    if (fulfillment !== 'PICKUP') throw badInput('A delivery has no pickup point', 'pickupPointId');
    place.pickupPointId = await activePickupPoint(ctx, shopId, change.pickupPointId);
  } else if (change.pickupPointId === null && fulfillment === 'PICKUP') {
    if (!handlesCheckoutByHand(ctx)) throw badInput('Choose where the order is picked up', 'pickupPointId');
    place.pickupPointId = null;
  }
  if (change.deliveryZoneId !== undefined && fulfillment === 'DELIVERY') {
    const zoneFeeMinor = await zoneFee(ctx.prisma, shopId, change.deliveryZoneId);
    place.deliveryZoneId = change.deliveryZoneId;
    place.deliveryFeeMinor =
      zoneFeeMinor ??
      (await ctx.prisma.shop.findUniqueOrThrow({ where: { id: shopId }, select: { deliveryFeeMinor: true } }))
        .deliveryFeeMinor;
  } else if (change.deliveryZoneId) {
    throw badInput('A pickup has no delivery zone', 'deliveryZoneId');
  }
  return place;
}

/** FORBIDDEN unless a manager asks for it; a false flag is the same as none. */
export function assertOverrideAllowed(ctx: Context, override: boolean | null | undefined) {
  if (override && !handlesCheckoutByHand(ctx))
    throw forbidden('Only an admin or manager may override the slot rules');
}

/** BAD_USER_INPUT naming `cardText` when it is longer than the shop accepts (Shop.cardTextMaxLength). */
export async function assertCardTextFits(ctx: Context, cardText: string | null | undefined) {
  if (!cardText) return;
  const shop = await ctx.prisma.shop.findUniqueOrThrow({
    where: { id: requireShop(ctx) },
    select: { cardTextMaxLength: true },
  });
  if (cardText.length > shop.cardTextMaxLength)
    throw badInput(`The card text may have at most ${shop.cardTextMaxLength} characters`, 'cardText');
}

async function activePickupPoint(ctx: Context, shopId: string, id: string) {
  if (!UUID.test(id)) throw notFound('Pickup point');
  const point = await ctx.prisma.pickupPoint.findFirst({
    where: { id, shopId, active: true },
    select: { id: true },
  });
  if (!point) throw notFound('Pickup point');
  return point.id;
}
