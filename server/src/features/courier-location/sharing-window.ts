// When an order on the way shares its courier's position (issue 10): from its window's start until its
// window's end plus COURIER_POSITION_GRACE_MINUTES. Past that, reports are refused and the customer sees
// nothing, even when nobody marked the order delivered: sharing stops by itself.
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

export interface SharingWindow {
  start: Date;
  end: Date;
}

/**
 * The sharing window of an order: its delivery window, the end moved by the grace. An order without one
 * counts from when it last went out for delivery (its latest OUT_FOR_DELIVERY event; one more query, only
 * for such orders) for UNSCHEDULED_SHARING_MINUTES; never out yet, the window is empty.
 */
export async function sharingWindow(
  ctx: Context,
  order: { id: string; windowStart: Date | null; windowEnd: Date | null },
): Promise<SharingWindow> {
  const grace = ctx.config.courierPositions.graceMinutes * MINUTE;
  if (order.windowStart && order.windowEnd)
    return { start: order.windowStart, end: new Date(order.windowEnd.getTime() + grace) };
  const wentOut = await ctx.prisma.orderEvent.findFirst({
    where: { orderId: order.id, toStatus: 'OUT_FOR_DELIVERY' },
    orderBy: { at: 'desc' },
    select: { at: true },
  });
  const start = wentOut?.at ?? new Date(0);
  return { start, end: wentOut ? new Date(start.getTime() + UNSCHEDULED_SHARING_MINUTES * MINUTE) : start };
}

/** Whether `at` falls before the window's end (its start is checked on reports only). */
export const sharingOpenAt = (window: SharingWindow, at: Date) => at.getTime() <= window.end.getTime();
