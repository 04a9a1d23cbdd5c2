// A manager hands a production task to a florist (a florist takes one from the queue themself:
// production.service.ts). The florist holds it as if they had taken it, and is told through the outbox.
import type { Context } from '../../context.js';
import { assertAssignsProductionTasks } from '../common/access.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import { applyOrderChange, changeOrderStatus, findOrder } from '../orders/orders.service.js';
import { InvalidTaskStatus, NotAFlorist, TaskAlreadyTaken } from './production.errors.js';
import { findTask } from './production.service.js';
import { publishTaskChange } from './production-events.js';

/**
 * Gives an open task to an active FLORIST member of the shop (NotAFlorist), or to another florist while it
 * is in progress. A PENDING task starts the order's production (CONFIRMED → IN_PRODUCTION) as taking it
 * does. The UPDATE matches the task as read, so a florist taking it meanwhile wins and the manager is
 * answered TaskAlreadyTaken. Giving a florist the task they hold changes nothing and tells nobody.
 */
export async function assignProductionTask(
  ctx: Context,
  input: { taskId: string; floristId: string },
): Promise<{ id: string }> {
  assertAssignsProductionTasks(ctx);
  const task = await findTask(ctx, input.taskId);
  if (task.status === 'DONE' || task.status === 'CANCELLED')
    throw new InvalidTaskStatus(task.status, ['PENDING', 'IN_PROGRESS']);
  const florist = await ctx.prisma.membership.findFirst({
    where: { shopId: task.shopId, userId: input.floristId, role: 'FLORIST', revokedAt: null },
    select: { userId: true },
  });
  if (!florist) throw new NotAFlorist();
  ctx.audit.target = { type: 'ProductionTask', id: task.id };
  if (task.status === 'IN_PROGRESS' && task.floristId === florist.userId) return { id: task.id };

  const { count } = await ctx.prisma.productionTask.updateMany({
    where: { id: task.id, status: task.status, floristId: task.floristId },
    data: { status: 'IN_PROGRESS', floristId: florist.userId, takenAt: new Date() },
  });
  if (count !== 1) {
    const now = await ctx.prisma.productionTask.findUniqueOrThrow({
      where: { id: task.id },
      select: { status: true, floristId: true },
    });
    if (now.status !== 'IN_PROGRESS') throw new InvalidTaskStatus(now.status, ['PENDING', 'IN_PROGRESS']);
    throw new TaskAlreadyTaken(now.floristId);
  }
  const order = await findOrder(ctx, task.orderId);
  if (order.status === 'CONFIRMED') {
    await changeOrderStatus(ctx, {
      id: order.id,
      version: order.version,
      to: 'IN_PRODUCTION',
      floristId: florist.userId,
    });
  } else {
    await applyOrderChange(
      ctx,
      order,
      order.version,
      { floristId: florist.userId },
      { toStatus: order.status, note: 'Production task assigned' },
    );
  }
  const number = await ctx.prisma.order.findUniqueOrThrow({
    where: { id: order.id },
    select: { number: true },
  });
  await enqueueNotification(ctx.prisma, {
    kind: 'ORDER_ASSIGNED',
    payload: { orderId: order.id, orderNumber: number.number, role: 'FLORIST' },
    userId: florist.userId,
    shopId: task.shopId,
    orderId: order.id,
    // The order's version after this change: one message per assignment, none more for a retry.
    dedupeKey: `order:${order.id}:florist:${florist.userId}:v${order.version + 1}`,
  });
  publishTaskChange(ctx, task.shopId, task.id);
  return { id: task.id };
}
