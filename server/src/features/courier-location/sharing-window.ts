// When an order on the way shares its courier's position (issue 10): from when it went out for delivery
// (or its window's start, if that is earlier) until its window's end plus COURIER_POSITION_GRACE_MINUTES.
// Past that, reports are refused and the customer sees nothing, even when nobody marked the order
// delivered: sharing stops by itself.
import type { Context } from '../../context.js';

const MINUTE = 60_000;
/** How long an order without a delivery window (left "to be agreed") shares after it went out. */
export const UNSCHEDULED_SHARING_MINUTES = 180;

/** The order's columns the window is counted from. */
export const SHARING_ORDER_SELECT = {
  id: true,
  shopId: true,
  status: true,
  courierId: true,
  windowStart: true,
  windowEnd: true,
} as const;

interface SharingOrder {
  id: string;
  windowStart: Date | null;
  windowEnd: Date | null;
}

/** When the order last went out for delivery (its latest OUT_FOR_DELIVERY event); null if never. */
async function wentOutAt(ctx: Context, orderId: string): Promise<Date | null> {
  const event = await ctx.prisma.orderEvent.findFirst({
    where: { orderId, toStatus: 'OUT_FOR_DELIVERY' },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  return event?.at ?? null;
}

/**
 * When sharing ends: the window's end and the grace. An order without a window shares for
 * UNSCHEDULED_SHARING_MINUTES after it went out (one more query, for such orders only); never out, never.
 */
export async function sharingEndsAt(ctx: Context, order: SharingOrder): Promise<Date> {
  if (order.windowEnd)
    return new Date(order.windowEnd.getTime() + ctx.config.courierPositions.graceMinutes * MINUTE);
  const out = await wentOutAt(ctx, order.id);
  return new Date(out ? out.getTime() + UNSCHEDULED_SHARING_MINUTES * MINUTE : 0);
}

/**
 * The oldest fix a report may carry: the earlier of the window's start and when the order went out (a
 * courier often leaves before the window opens, to be there when it does).
 */
export async function sharingStartsAt(ctx: Context, order: SharingOrder): Promise<Date> {
  const out = await wentOutAt(ctx, order.id);
  const starts = [order.windowStart, out].filter((d): d is Date => d !== null);
  return new Date(Math.min(...starts.map((d) => d.getTime()), Date.now()));
}

/** Whether sharing is still open at `at`. */
export const sharingOpenAt = (endsAt: Date, at: Date) => at.getTime() <= endsAt.getTime();
