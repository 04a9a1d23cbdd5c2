// What the orders feature calls as a delivery order moves along its status machine (orders.service.ts
// changeOrderStatus), so that an order with a courier moves only with its delivery: the handover code
// cannot be skipped by moving the order itself, and a cancelled order's delivery is cancelled with it.
import type { FulfillmentType, OrderStatus } from '@posy/prisma';
import type { Context } from '../../context.js';
import { forbidden } from '../../errors.js';

/**
 * Keeps an order's delivery and its status together. Cancelling cancels the delivery (its code with it).
 * Going out, coming back and being delivered are the delivery's own steps once a courier has the order:
 * the delivery service records the step on the Delivery row first, then moves the order here; any other
 * path (changeOrderStatus, by the courier or a manager) is refused, or a courier could mark an order
 * delivered without the recipient's code. An order without a courier is still moved by hand.
 */
export async function deliveryFollowsOrder(
  ctx: Context,
  order: { id: string; fulfillment: FulfillmentType; status: OrderStatus },
  to: OrderStatus,
): Promise<void> {
  if (order.fulfillment !== 'DELIVERY') return;
  const delivery = await ctx.prisma.delivery.findUnique({
    where: { orderId: order.id },
    select: { id: true, status: true, courierId: true },
  });
  if (!delivery) return;
  if (to === 'CANCELLED') {
    await ctx.prisma.delivery.update({
      where: { id: delivery.id },
      data: { status: 'CANCELLED', handoverCodeHash: null },
    });
    return;
  }
  if (delivery.courierId === null) return;
  const recorded =
    to === 'OUT_FOR_DELIVERY'
      ? 'PICKED_UP'
      : to === 'DELIVERED'
        ? 'DELIVERED'
        : order.status === 'OUT_FOR_DELIVERY' && to === 'READY'
          ? 'FAILED'
          : null;
  if (recorded && delivery.status !== recorded)
    throw forbidden(
      'This order has a courier: it moves with its delivery (pickUpDelivery, completeDelivery, failDelivery)',
    );
}
