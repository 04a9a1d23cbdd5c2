// What an admin or manager sets about checkout: the weekly slots, closure days, pickup points, delivery
// zones and the shop's rules (time zone, same-day cut-off, card text limit). Each runs in its mutation's
// transaction, with its audit entry. Orders already made keep their window and fee whatever changes here.
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { isValidTimeZone } from './local-time.js';

export interface DeliverySlotInput {
  /** Absent: a new slot. */
  id?: string | null;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes past local midnight; start before end, within the day. */
  startMinutes: number;
  endMinutes: number;
  /** Orders the slot takes on one date; 0 offers it to nobody but staff overriding the rules. */
  capacity: number;
  /** @default true */
  active?: boolean | null;
}

/** Creates a weekly slot, or changes one of the shop's (NOT_FOUND for another shop's). */
export async function upsertDeliverySlot(ctx: Context, input: DeliverySlotInput) {
  const shopId = requireShop(ctx);
  if (input.startMinutes >= input.endMinutes)
    throw badInput('The slot must start before it ends', 'endMinutes');
  const data = {
    weekday: input.weekday,
    startMinutes: input.startMinutes,
    endMinutes: input.endMinutes,
    capacity: input.capacity,
    active: input.active ?? true,
  };
  if (!input.id) return ctx.prisma.deliverySlot.create({ data: { shopId, ...data }, select: { id: true } });
  await ownSlot(ctx, shopId, input.id);
  return ctx.prisma.deliverySlot.update({ where: { id: input.id }, data, select: { id: true } });
}

/**
 * Deletes a weekly slot. Orders already in its windows keep them; to stop offering a slot for a while,
 * upsert it inactive instead.
 */
export async function deleteDeliverySlot(ctx: Context, id: string): Promise<string> {
  const shopId = requireShop(ctx);
  await ownSlot(ctx, shopId, id);
  await ctx.prisma.deliverySlot.delete({ where: { id } });
  ctx.audit.target = { type: 'DeliverySlot', id };
  return id;
}

async function ownSlot(ctx: Context, shopId: string, id: string) {
  const slot = await ctx.prisma.deliverySlot.findFirst({ where: { id, shopId }, select: { id: true } });
  if (!slot) throw notFound('Delivery slot');
}

const dateColumn = (date: string) => new Date(`${date}T00:00:00Z`);

/** Closes the shop on a local date (YYYY-MM-DD); closing it again only changes the reason. */
export function addShopClosure(ctx: Context, input: { date: string; reason?: string | null }) {
  const shopId = requireShop(ctx);
  const date = dateColumn(input.date);
  return ctx.prisma.shopClosure.upsert({
    where: { shopId_date: { shopId, date } },
    create: { shopId, date, reason: input.reason ?? null },
    update: { reason: input.reason ?? null },
    select: { id: true },
  });
}

/** Opens a closed date again; NOT_FOUND when it was not closed. */
export async function removeShopClosure(ctx: Context, date: string): Promise<boolean> {
  const shopId = requireShop(ctx);
  const closure = await ctx.prisma.shopClosure.findUnique({
    where: { shopId_date: { shopId, date: dateColumn(date) } },
    select: { id: true },
  });
  if (!closure) throw notFound('Closure on this date');
  await ctx.prisma.shopClosure.delete({ where: { id: closure.id } });
  ctx.audit.target = { type: 'ShopClosure', id: closure.id };
  return true;
}

/** Creates a pickup point or changes one of the shop's. */
export async function upsertPickupPoint(
  ctx: Context,
  input: { id?: string | null; name: string; address: string },
) {
  const shopId = requireShop(ctx);
  const data = { name: input.name, address: input.address };
  if (!input.id) return ctx.prisma.pickupPoint.create({ data: { shopId, ...data }, select: { id: true } });
  await ownRow(ctx.prisma.pickupPoint.findFirst({ where: { id: input.id, shopId } }), 'Pickup point');
  return ctx.prisma.pickupPoint.update({ where: { id: input.id }, data, select: { id: true } });
}

/** No new order can choose the point; orders that did keep it. */
export async function archivePickupPoint(ctx: Context, id: string) {
  const shopId = requireShop(ctx);
  await ownRow(ctx.prisma.pickupPoint.findFirst({ where: { id, shopId } }), 'Pickup point');
  return ctx.prisma.pickupPoint.update({ where: { id }, data: { active: false }, select: { id: true } });
}

/** Creates a delivery zone or changes one of the shop's; a new fee applies to orders made from now on. */
export async function upsertDeliveryZone(
  ctx: Context,
  input: { id?: string | null; name: string; feeMinor: number; description?: string | null },
) {
  const shopId = requireShop(ctx);
  const data = { name: input.name, feeMinor: input.feeMinor, description: input.description ?? null };
  if (!input.id) return ctx.prisma.deliveryZone.create({ data: { shopId, ...data }, select: { id: true } });
  await ownRow(ctx.prisma.deliveryZone.findFirst({ where: { id: input.id, shopId } }), 'Delivery zone');
  return ctx.prisma.deliveryZone.update({ where: { id: input.id }, data, select: { id: true } });
}

/** No new order can choose the zone; orders that did keep their fee. */
export async function archiveDeliveryZone(ctx: Context, id: string) {
  const shopId = requireShop(ctx);
  await ownRow(ctx.prisma.deliveryZone.findFirst({ where: { id, shopId } }), 'Delivery zone');
  return ctx.prisma.deliveryZone.update({ where: { id }, data: { active: false }, select: { id: true } });
}

async function ownRow(row: Promise<unknown>, what: string) {
  if (!(await row)) throw notFound(what);
}

export interface CheckoutRulesInput {
  /** An IANA zone (Europe/Moscow); slots are local times of it. */
  timezone?: string | null;
  /** Minutes past local midnight after which same-day slots close; null: no cut-off. */
  sameDayCutoffMinutes?: number | null;
  cardTextMaxLength?: number | null;
}

/** Changes the shop's checkout rules; omitted fields stay. The time zone must be one Intl knows. */
export async function updateCheckoutRules(ctx: Context, input: CheckoutRulesInput) {
  const shopId = requireShop(ctx);
  if (input.timezone != null && !isValidTimeZone(input.timezone))
    throw badInput('Not an IANA time zone (like Europe/Moscow)', 'timezone');
  // Stored as Intl spells it (europe/moscow → Europe/Moscow), so one zone is always written one way.
  const timezone =
    input.timezone != null
      ? new Intl.DateTimeFormat('en-US', { timeZone: input.timezone }).resolvedOptions().timeZone
      : null;
  return ctx.prisma.shop.update({
    where: { id: shopId },
    data: {
      ...(timezone ? { timezone } : {}),
      ...(input.sameDayCutoffMinutes !== undefined
        ? { sameDayCutoffMinutes: input.sameDayCutoffMinutes }
        : {}),
      ...(input.cardTextMaxLength != null ? { cardTextMaxLength: input.cardTextMaxLength } : {}),
    },
    select: { id: true },
  });
}
