// The stream behind `courierPositionChanged` (issue 10): what a follower of an order's courier position
// hears. Checked before listening, so nobody waits on an order they may not follow; ends when the order
// leaves OUT_FOR_DELIVERY (after one last event, so the follower sees how it ended) or when its sharing
// window closes, whichever comes first.
import { Repeater } from 'graphql-yoga';
import type { Context } from '../../context.js';
import { forbidden, notFound } from '../../errors.js';
import { visibleOrders } from '../common/access.js';
import { seesCourierPosition } from '../common/location-access.js';
import { SHARING_ORDER_SELECT, sharingEndsAt, sharingOpenAt } from './sharing-window.js';

/** What the stream yields: which order to read again (the subscription's resolve applies the field rules). */
export interface CourierPositionTick {
  orderId: string;
}

/** setTimeout's longest delay; a window further away than ~24 days is followed until then. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/**
 * Opens the stream of an order's courier position for the viewer, or refuses: NOT_FOUND for an order they
 * do not see (another customer's), FORBIDDEN for one whose position they may not see (a florist; the
 * customer before the order goes out or after sharing closed). Staff following an order not on the way
 * get a stream that ends at once: there is nothing to follow.
 */
export async function followCourierPosition(
  ctx: Context,
  orderId: string,
): Promise<AsyncIterable<CourierPositionTick>> {
  const order = await ctx.prisma.order.findFirst({
    where: { AND: [{ id: orderId }, visibleOrders(ctx)] },
    select: SHARING_ORDER_SELECT,
  });
  if (!order) throw notFound('Order');
  const endsAt = await sharingEndsAt(ctx, order);
  if (!seesCourierPosition(ctx, order, sharingOpenAt(endsAt, new Date())))
    throw forbidden('The courier’s position is shown only while the order is on the way');
  if (order.status !== 'OUT_FOR_DELIVERY' || !sharingOpenAt(endsAt, new Date())) return ended();

  const positions = ctx.pubsub.subscribe('courier:position', order.id);
  const orderChanges = ctx.pubsub.subscribe('order:changed', order.shopId);
  const windowCloses = new Repeater<'window closed'>(async (push, stop) => {
    const delay = Math.min(LONGEST_TIMER_MS, Math.max(0, endsAt.getTime() - Date.now()));
    const timer = setTimeout(() => void push('window closed'), delay);
    await stop;
    clearTimeout(timer);
  });
  return (async function* () {
    // Leaving the loop returns each merged stream, which unsubscribes it.
    for await (const event of Repeater.merge([positions, orderChanges, windowCloses])) {
      if (event === 'window closed') {
        yield { orderId: order.id };
        return;
      }
      if ('positionId' in event) {
        yield { orderId: order.id };
        continue;
      }
      if (event.orderId !== order.id) continue;
      const now = await ctx.prisma.order.findUnique({ where: { id: order.id }, select: { status: true } });
      if (now?.status !== 'OUT_FOR_DELIVERY') {
        yield { orderId: order.id };
        return;
      }
    }
  })();
}

async function* ended(): AsyncGenerator<CourierPositionTick> {}
