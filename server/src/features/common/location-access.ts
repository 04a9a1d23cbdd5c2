// Who may share, see and follow a courier's position (issue 10), beside access.ts, whose visibleOrders
// decides first which orders a viewer sees at all: a courier only theirs, a customer only their own.
import type { OrderStatus } from '@posy/prisma';
import type { Context } from '../../context.js';

/**
 * Who shares their own position: a person delivering for the shop. Couriers, and admins and managers, who
 * sometimes take a delivery themselves; never an API key (a key is no person with a phone on the road).
 */
export const POSITION_SHARERS = { shopRole: ['ADMIN', 'MANAGER', 'COURIER'] } as const;

/** Whether the viewer is the order's courier, the only one who may report where its delivery is. */
export function reportsPositionOf(ctx: Context, order: { courierId: string | null }): boolean {
  return ctx.viewer.kind === 'user' && order.courierId === ctx.viewer.userId;
}

/**
 * Whether the viewer may see the courier's position of an order they see (visibleOrders), and follow it
 * live (`courierPositionChanged`). Admins and managers always, while it is kept (the shop answers for its
 * deliveries: "where is my bouquet", a dispute); the courier their own; the customer of the order only while
 * it is on the way and sharing is open (`sharingOpen`: within its window and grace), so that sharing stops
 * by itself. Florists make bouquets and do not need to know where a courier is; API keys hold no scope for
 * a person's whereabouts, which the courier agreed to show the customer and the shop, not integrations.
 * Recipients are not viewers here: what they are shown (`servesRecipient`, `hidesSender`) is untouched.
 */
export function seesCourierPosition(
  ctx: Context,
  order: { status: OrderStatus; courierId: string | null },
  sharingOpen: boolean,
): boolean {
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
      return ctx.viewer.kind === 'user';
    case 'COURIER':
      // visibleOrders shows a courier only the orders they deliver today; this holds should it ever show
      // more (a pool of deliveries to take).
      return reportsPositionOf(ctx, order);
    case 'CUSTOMER':
      return order.status === 'OUT_FOR_DELIVERY' && sharingOpen;
    default:
      return false;
  }
}
