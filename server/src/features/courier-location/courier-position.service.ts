// A courier's phone reports where the delivery is (issue 10). Taken only from the order's courier, with
// their consent, while the order is OUT_FOR_DELIVERY and within its sharing window (sharing-window.ts);
// anything else is a typed refusal that stores nothing.
import { type Context, requireShop, requireUser } from '../../context.js';
import { badInput, forbidden, notFound } from '../../errors.js';
import { visibleOrders } from '../common/access.js';
import { reportsPositionOf } from '../common/location-access.js';
import {
  DeliveryNotOnTheWay,
  LocationConsentRequired,
  LocationSharingEnded,
} from './courier-location.errors.js';
import { SHARING_ORDER_SELECT, sharingEndsAt, sharingOpenAt, sharingStartsAt } from './sharing-window.js';

/** How far ahead of our clock a phone's fix may be dated: phones' clocks drift a little. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export interface PositionReport {
  orderId: string;
  latitude: number;
  longitude: number;
  accuracyMeters?: number | null;
  /** When the phone took the fix; now by default. */
  recordedAt?: Date | null;
}

/**
 * Stores a position of the viewer's delivery and tells its followers, after commit. Throttled: of one
 * courier's reports for one order, one is stored per COURIER_POSITION_MIN_INTERVAL_SECONDS (by the fixes'
 * times); a report sooner than that after the stored one, or older than it (sent out of order), is
 * answered with the stored position and changes nothing, not even the audit log. Dropping rather than
 * overwriting the last row keeps a phone that sends every second from writing every second; the customer's
 * view is at most that interval old, which at city speed is a street or two.
 * Reports of one courier in one shop run one at a time (the consent row's lock), so two sent at once
 * cannot both pass the throttle, and a withdrawal committed first is always seen.
 * @returns the stored position: the new one, or the one that made this report redundant
 */
export async function reportCourierPosition(ctx: Context, report: PositionReport): Promise<{ id: string }> {
  const { userId } = requireUser(ctx);
  const shopId = requireShop(ctx);
  const order = await ctx.prisma.order.findFirst({
    where: { AND: [{ id: report.orderId }, visibleOrders(ctx)] },
    select: SHARING_ORDER_SELECT,
  });
  if (!order) throw notFound('Order');
  if (!reportsPositionOf(ctx, order)) throw forbidden('Only the courier of the order reports its position');

  const [consent] = await ctx.prisma.$queryRaw<{ withdrawnAt: Date | null }[]>`
    SELECT "withdrawnAt" FROM "LocationConsent"
    WHERE "shopId" = ${shopId}::uuid AND "userId" = ${userId}::uuid
    FOR UPDATE`;
  if (!consent || consent.withdrawnAt) throw new LocationConsentRequired();
  if (order.status !== 'OUT_FOR_DELIVERY') throw new DeliveryNotOnTheWay(order.status);
  const now = new Date();
  const endsAt = await sharingEndsAt(ctx, order);
  if (!sharingOpenAt(endsAt, now)) throw new LocationSharingEnded(endsAt);

  const recordedAt = report.recordedAt ?? now;
  if (recordedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw badInput('recordedAt is in the future', 'recordedAt');
  if (recordedAt < (await sharingStartsAt(ctx, order)))
    throw badInput('recordedAt is before the delivery went out and its window started', 'recordedAt');

  const latest = await ctx.prisma.courierPosition.findFirst({
    where: { orderId: order.id, courierId: userId },
    orderBy: { recordedAt: 'desc' },
    select: { id: true, recordedAt: true },
  });
  const minInterval = ctx.config.courierPositions.minIntervalSeconds * 1000;
  if (latest && recordedAt.getTime() - latest.recordedAt.getTime() < minInterval) {
    ctx.audit.unchanged = true;
    return { id: latest.id };
  }
  const position = await ctx.prisma.courierPosition.create({
    data: {
      shopId,
      orderId: order.id,
      courierId: userId,
      latitude: report.latitude,
      longitude: report.longitude,
      accuracyMeters: report.accuracyMeters ?? null,
      recordedAt,
    },
    select: { id: true },
  });
  // Not the coordinates: the audit log is kept for good, positions for a day (COURIER_POSITION_RETENTION_HOURS).
  ctx.audit.target = { type: 'Order', id: order.id };
  ctx.audit.changes = { positionId: position.id, recordedAt };
  ctx.afterCommit(() =>
    ctx.pubsub.publish('courier:position', order.id, { orderId: order.id, positionId: position.id }),
  );
  return position;
}
