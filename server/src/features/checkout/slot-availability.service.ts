import type { Context } from '../../context.js';
import { requireShop } from '../../context.js';
import { DomainError } from '../../domain-error.js';
import { badInput, notFound } from '../../errors.js';
import type { Database } from '../../transaction.js';
import { isLocalDate, isoWeekday, localToUtc, utcToLocal } from './local-time.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SLOT_UNAVAILABLE_REASONS = [
  'INACTIVE',
  'CLOSED',
  'PAST',
  'CUT_OFF',
  'LEAD_TIME',
  'FULL',
] as const;
export type SlotUnavailableReason = (typeof SLOT_UNAVAILABLE_REASONS)[number];

const MESSAGES: Record<SlotUnavailableReason, string> = {
  INACTIVE: 'This delivery slot is not offered',
  CLOSED: 'The shop is closed on this day',
  PAST: 'This delivery slot has already started',
  CUT_OFF: 'Same-day orders are closed for today',
  LEAD_TIME: 'The chosen products cannot be ready before this slot',
  FULL: 'This delivery slot is full',
};

export class SlotUnavailableError extends DomainError {
  constructor(readonly reason: SlotUnavailableReason) {
    super(MESSAGES[reason]);
  }
}

export interface SlotOfDay {
  slotId: string;
  windowStart: Date;
  windowEnd: Date;
  capacity: number;
  taken: number;
  remaining: number;
  reason: SlotUnavailableReason | null;
}

interface Slot {
  id: string;
  weekday: number;
  startMinutes: number;
  endMinutes: number;
  capacity: number;
  active: boolean;
}

interface DayRules {
  timezone: string;
  sameDayCutoffMinutes: number | null;
  closed: boolean;
}

function assertDate(date: string) {
  if (!isLocalDate(date)) throw badInput('Give the date as YYYY-MM-DD', 'date');
}

async function dayRules(db: Database, shopId: string, date: string): Promise<DayRules> {
  const shop = await db.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { timezone: true, sameDayCutoffMinutes: true },
  });
  const closure = await db.shopClosure.findUnique({
    where: { shopId_date: { shopId, date: new Date(`${date}T00:00:00Z`) } },
    select: { id: true },
  });
  return { ...shop, closed: closure !== null };
}

/** The fee of the shop's active delivery zone `zoneId`; null when no zone is named; NOT_FOUND for another. */
export async function zoneFee(
  db: Database,
  shopId: string,
  zoneId: string | null | undefined,
): Promise<number | null> {
  if (!zoneId) return null;
  if (!UUID.test(zoneId)) throw notFound('Delivery zone');
  const zone = await db.deliveryZone.findFirst({
    where: { id: zoneId, shopId, active: true },
    select: { feeMinor: true },
  });
  if (!zone) throw notFound('Delivery zone');
  return zone.feeMinor;
}

/**
 * Cancelled orders free their place; every other order with exactly this window holds one, delivery or
 * pickup alike (a slot bounds what the shop makes and hands over in it). `exceptOrderId`: an order moving
 * within its own slot does not count against itself.
 */
function countTaken(db: Database, shopId: string, window: Window, exceptOrderId?: string) {
  return db.order.count({
    where: {
      shopId,
      ...window,
      status: { not: 'CANCELLED' },
      ...(exceptOrderId ? { id: { not: exceptOrderId } } : {}),
    },
  });
}

/**
 * Minutes the slowest of these products needs to be made (Product.leadTimeMinutes), 0 for none; ids of
 * other shops' products count for nothing (pricing refuses them anyway).
 */
export async function leadTimeOf(db: Database, shopId: string, productIds: readonly string[]) {
  if (productIds.length === 0) return 0;
  const slowest = await db.product.aggregate({
    where: { shopId, id: { in: [...new Set(productIds)] } },
    _max: { leadTimeMinutes: true },
  });
  return slowest._max.leadTimeMinutes ?? 0;
}

type Window = { windowStart: Date; windowEnd: Date };

/** The UTC window of `slot` on the local `date`. */
function slotWindow(slot: Slot, date: string, timezone: string): Window {
  return {
    windowStart: localToUtc(date, slot.startMinutes, timezone),
    windowEnd: localToUtc(date, slot.endMinutes, timezone),
  };
}

/**
 * Orders already in each of these windows, in one query whatever the number of slots; an order is in a slot
 * when its window is the slot's (cancelled ones free their place).
 */
async function countTakenByWindow(
  db: Database,
  shopId: string,
  windows: Window[],
): Promise<Map<string, number>> {
  if (windows.length === 0) return new Map();
  const groups = await db.order.groupBy({
    by: ['windowStart', 'windowEnd'],
    where: { shopId, status: { not: 'CANCELLED' }, OR: windows },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [windowKey(g as Window), g._count._all]));
}
const windowKey = (w: Window) => `${w.windowStart.getTime()}/${w.windowEnd.getTime()}`;

/** Why `slot` cannot be chosen on `date`, the first reason in order of permanence; null when it can. */
function evaluate(
  slot: Slot,
  { windowStart }: Window,
  date: string,
  rules: DayRules,
  leadTimeMinutes: number,
  taken: number,
  now: Date,
): SlotUnavailableReason | null {
  const today = utcToLocal(now, rules.timezone);
  let reason: SlotUnavailableReason | null = null;
  if (!slot.active) reason = 'INACTIVE';
  else if (rules.closed) reason = 'CLOSED';
  else if (windowStart.getTime() <= now.getTime()) reason = 'PAST';
  else if (
    date === today.date &&
    rules.sameDayCutoffMinutes !== null &&
    today.minutes >= rules.sameDayCutoffMinutes
  )
    reason = 'CUT_OFF';
  else if (now.getTime() + leadTimeMinutes * 60_000 > windowStart.getTime()) reason = 'LEAD_TIME';
  else if (taken >= slot.capacity) reason = 'FULL';
  return reason;
}

export interface SlotQuery {
  /** Local date of the shop, YYYY-MM-DD. */
  date: string;
  /** An active delivery zone of the shop; NOT_FOUND otherwise. */
  zoneId?: string | null;
  /** A floor for the lead time; the products' own lead times raise it. */
  leadTimeMinutes: number;
  /** The products to be made: the lead time is the longest of theirs. */
  productIds?: readonly string[];
}

function assertLeadTime(leadTimeMinutes: number) {
  if (!Number.isInteger(leadTimeMinutes) || leadTimeMinutes < 0)
    throw badInput('Lead time must be a whole number of minutes, 0 or more', 'leadTimeMinutes');
}

/** Every slot of the shop's weekday of `date`, with how full it is and whether a customer can still choose it. */
export async function availableSlots(ctx: Context, input: SlotQuery, now = new Date()): Promise<SlotOfDay[]> {
  const shopId = requireShop(ctx);
  assertDate(input.date);
  assertLeadTime(input.leadTimeMinutes);
  await zoneFee(ctx.prisma, shopId, input.zoneId);
  const leadTimeMinutes = Math.max(
    input.leadTimeMinutes,
    await leadTimeOf(ctx.prisma, shopId, input.productIds ?? []),
  );
  const rules = await dayRules(ctx.prisma, shopId, input.date);
  const slots = await ctx.prisma.deliverySlot.findMany({
    where: { shopId, weekday: isoWeekday(input.date) },
    orderBy: [{ startMinutes: 'asc' }, { id: 'asc' }],
  });
  const windows = slots.map((slot) => slotWindow(slot, input.date, rules.timezone));
  const takenByWindow = await countTakenByWindow(ctx.prisma, shopId, windows);
  return slots.map((slot, index) => {
    const window = windows[index]!;
    const taken = takenByWindow.get(windowKey(window)) ?? 0;
    return {
      slotId: slot.id,
      ...window,
      capacity: slot.capacity,
      taken,
      remaining: Math.max(0, slot.capacity - taken),
      reason: evaluate(slot, window, input.date, rules, leadTimeMinutes, taken, now),
    };
  });
}

export interface SlotClaim extends SlotQuery {
  slotId: string;
  /** The order being moved (updateOrder): it does not take a second place in its own slot. */
  exceptOrderId?: string;
  /**
   * Skip every rule (full, closed, past, cut-off, lead time, inactive): staff typing in an order the shop
   * has agreed to by phone. The slot must still exist on that weekday. The caller checks who may.
   */
  overrideRules?: boolean;
}

/**
 * The check an order makes before taking a place, inside the caller's transaction. The slot row is locked
 * `FOR UPDATE` before counting, so two orders for the last place wait for each other and the second counts
 * the first: the caller must create its order in the same transaction. `deliveryFeeMinor` is the zone's
 * fee, null when no zone was named.
 */
export async function assertSlotAvailable(
  ctx: Context,
  input: SlotClaim,
  now = new Date(),
): Promise<{ windowStart: Date; windowEnd: Date; deliveryFeeMinor: number | null }> {
  const shopId = requireShop(ctx);
  assertDate(input.date);
  assertLeadTime(input.leadTimeMinutes);
  // A malformed id would fail the uuid cast below; it names no slot either way.
  if (!UUID.test(input.slotId)) throw notFound('Delivery slot');
  const db = ctx.prisma;
  const locked = await db.$queryRaw<Slot[]>`
    SELECT id, weekday, "startMinutes", "endMinutes", capacity, active FROM "DeliverySlot"
    WHERE id = ${input.slotId}::uuid AND "shopId" = ${shopId}::uuid FOR UPDATE`;
  const slot = locked[0];
  if (!slot || slot.weekday !== isoWeekday(input.date)) throw notFound('Delivery slot');
  const deliveryFeeMinor = await zoneFee(db, shopId, input.zoneId);
  const rules = await dayRules(db, shopId, input.date);
  const window = slotWindow(slot, input.date, rules.timezone);
  if (input.overrideRules) return { ...window, deliveryFeeMinor };
  const leadTimeMinutes = Math.max(
    input.leadTimeMinutes,
    await leadTimeOf(db, shopId, input.productIds ?? []),
  );
  const taken = await countTaken(db, shopId, window, input.exceptOrderId);
  const reason = evaluate(slot, window, input.date, rules, leadTimeMinutes, taken, now);
  if (reason) throw new SlotUnavailableError(reason);
  return { ...window, deliveryFeeMinor };
}
