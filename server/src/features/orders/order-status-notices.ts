// What changeOrderStatus (orders.service.ts) tells the order's customer as the order moves: a Telegram
// message through the outbox, queued in the order's transaction, so a refused or rolled-back step sends
// nothing.
import type { FulfillmentType, OrderStatus } from '@posy/prisma';
import type { Context } from '../../context.js';
import { enqueueNotification } from '../notifications/notifications.service.js';

/**
 * The steps a customer hears of: the shop took the order, it can be collected, it left, it arrived (or was
 * collected), it was cancelled. Production starting is the shop's business, and READY of a delivery
 * (made, or back after a failed delivery) is a step the customer cannot act on; they hear when it leaves.
 */
export function customerHearsOf(fulfillment: FulfillmentType, to: OrderStatus): boolean {
  switch (to) {
    case 'CONFIRMED':
    case 'OUT_FOR_DELIVERY':
    case 'DELIVERED':
    case 'PICKED_UP':
    case 'CANCELLED':
      return true;
    case 'READY':
      return fulfillment === 'PICKUP';
    default:
      return false;
  }
}

/**
 * Queues ORDER_STATUS_CHANGED to the order's customer for a step they hear of ({@link customerHearsOf}),
 * when they have an account with Telegram (a walk-in customer the staff typed in has none) and did not
 * take the step themself (a customer cancelling their own order knows). One message per step: the key
 * names the order's version after it, so a retried mutation (StaleVersion) queues nothing more, while an
 * order going out a second time after a failed delivery is a new step.
 */
export async function noticeStatusToCustomer(
  ctx: Context,
  order: { id: string; fulfillment: FulfillmentType },
  to: OrderStatus,
  version: number,
): Promise<void> {
  if (!customerHearsOf(order.fulfillment, to)) return;
  const row = await ctx.prisma.order.findUniqueOrThrow({
    where: { id: order.id },
    select: {
      number: true,
      shopId: true,
      shop: { select: { name: true } },
      customer: { select: { userId: true, user: { select: { telegramId: true } } } },
    },
  });
  const userId = row.customer.userId;
  if (!userId || row.customer.user?.telegramId == null) return;
  if (ctx.viewer.kind === 'user' && ctx.viewer.userId === userId) return;
  await enqueueNotification(ctx.prisma, {
    kind: 'ORDER_STATUS_CHANGED',
    payload: { orderId: order.id, orderNumber: row.number, status: to, shopName: row.shop.name },
    userId,
    shopId: row.shopId,
    orderId: order.id,
    dedupeKey: `order:${order.id}:status:${to}:v${version}`,
  });
}
