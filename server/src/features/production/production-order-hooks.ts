// What the orders feature calls as an order moves along its status machine (orders.service.ts
// changeOrderStatus), so that the production task follows the order whichever path moved it: a florist's
// takeProductionTask, or a manager's changeOrderStatus straight away. Runs in the order's transaction.
import type { BouquetApprovalStatus, FulfillmentType, OrderStatus } from '@posy/prisma';
import { actorIds } from '../../auth/viewer.js';
import type { Context } from '../../context.js';
import { BouquetNotApproved } from './production.errors.js';
import { publishTaskChange } from './production-events.js';

/** How long before a delivery window opens the bouquet must be ready: the courier still has to drive. */
export const DELIVERY_HANDOVER_MINUTES = 60;

interface OrderMoving {
  id: string;
  shopId: string;
  fulfillment: FulfillmentType;
}

/**
 * Brings the order's production task along with its next status: confirming creates it (or reopens a
 * cancelled one: one task per order), production starting takes it, READY finishes it, cancelling cancels
 * it while open. Going out for delivery is refused while the customer's approval of the bouquet is asked
 * and not given, a pickup is not handed over once they rejected it (BouquetNotApproved).
 */
export async function taskFollowsOrder(ctx: Context, order: OrderMoving, to: OrderStatus): Promise<void> {
  if (to === 'OUT_FOR_DELIVERY') return assertBouquetApproved(ctx, order.id, ['PENDING', 'REJECTED']);
  // A pending request does not hold a pickup back: the customer sees the bouquet at the counter and
  // decides there. A rejected one does: the shop must remake it (and may ask again) first.
  if (to === 'PICKED_UP') return assertBouquetApproved(ctx, order.id, ['REJECTED']);
  const task = await ctx.prisma.productionTask.findUnique({
    where: { orderId: order.id },
    select: { id: true, status: true },
  });
  const now = new Date();
  let changed: string | null = null;
  if (to === 'CONFIRMED') {
    const dueAt = await dueAtOf(ctx, order, now);
    if (!task) {
      changed = (
        await ctx.prisma.productionTask.create({
          data: { shopId: order.shopId, orderId: order.id, dueAt },
          select: { id: true },
        })
      ).id;
    } else if (task.status === 'CANCELLED') {
      await ctx.prisma.productionTask.update({
        where: { id: task.id },
        data: { status: 'PENDING', dueAt, floristId: null, takenAt: null, doneAt: null },
      });
      changed = task.id;
    }
  } else if (!task) {
    return;
  } else if (to === 'IN_PRODUCTION' && task.status === 'PENDING') {
    // Started without the board (a manager's changeOrderStatus): whoever started it holds it.
    const { actorId } = actorIds(ctx.viewer);
    await ctx.prisma.productionTask.update({
      where: { id: task.id },
      data: { status: 'IN_PROGRESS', floristId: actorId, takenAt: now },
    });
    changed = task.id;
  } else if (to === 'READY' && (task.status === 'PENDING' || task.status === 'IN_PROGRESS')) {
    await ctx.prisma.productionTask.update({ where: { id: task.id }, data: { status: 'DONE', doneAt: now } });
    changed = task.id;
  } else if (to === 'CANCELLED' && (task.status === 'PENDING' || task.status === 'IN_PROGRESS')) {
    await ctx.prisma.productionTask.update({ where: { id: task.id }, data: { status: 'CANCELLED' } });
    changed = task.id;
  }
  if (changed) publishTaskChange(ctx, order.shopId, changed);
}

/**
 * Keeps an open task's due time with its order when the order is edited (its window or items changed):
 * the queue is sorted by it.
 */
export async function taskFollowsOrderEdit(ctx: Context, order: OrderMoving): Promise<void> {
  const task = await ctx.prisma.productionTask.findUnique({
    where: { orderId: order.id },
    select: { id: true, status: true },
  });
  if (!task || (task.status !== 'PENDING' && task.status !== 'IN_PROGRESS')) return;
  await ctx.prisma.productionTask.update({
    where: { id: task.id },
    data: { dueAt: await dueAtOf(ctx, order, new Date()) },
  });
  publishTaskChange(ctx, order.shopId, task.id);
}

/**
 * When the bouquet is due: ready by the window (an hour before it for a delivery, for the courier's
 * drive); without a window, as soon as the slowest of its products can be made from now.
 */
async function dueAtOf(ctx: Context, order: OrderMoving, now: Date): Promise<Date> {
  const row = await ctx.prisma.order.findUniqueOrThrow({
    where: { id: order.id },
    select: { windowStart: true, items: { select: { product: { select: { leadTimeMinutes: true } } } } },
  });
  if (row.windowStart) {
    const handover = order.fulfillment === 'DELIVERY' ? DELIVERY_HANDOVER_MINUTES : 0;
    return new Date(row.windowStart.getTime() - handover * 60_000);
  }
  const leadTime = Math.max(0, ...row.items.map((item) => item.product.leadTimeMinutes));
  return new Date(now.getTime() + leadTime * 60_000);
}

/** BouquetNotApproved when the task's approval is one of `refused`. */
async function assertBouquetApproved(
  ctx: Context,
  orderId: string,
  refused: readonly BouquetApprovalStatus[],
) {
  const task = await ctx.prisma.productionTask.findUnique({
    where: { orderId },
    select: { approvalStatus: true },
  });
  // No request (null) means the shop did not ask: nothing to wait for.
  if (task?.approvalStatus && refused.includes(task.approvalStatus))
    throw new BouquetNotApproved(task.approvalStatus);
}
