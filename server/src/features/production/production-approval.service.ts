// The customer's word on their bouquet: after finishing, staff may send the bouquet's photo to the customer;
// until the customer approves, the order does not go out for delivery (production-order-hooks.ts). The
// request is recorded on the task and queued as a BOUQUET_APPROVAL_REQUESTED notification naming the photo,
// which the outbox sends as a photo with the message as its caption (notification-photo.ts).
import type { Context } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { ordersTheCustomerDecides } from '../common/access.js';
import { enqueueNotification } from '../notifications/notifications.service.js';
import { publishOrderChange } from '../orders/orders.service.js';
import { attachableImage } from '../uploads/uploads.service.js';
import { ApprovalNotPending, CustomerUnreachable, InvalidTaskStatus } from './production.errors.js';
import { BOUQUET_PHOTO_PURPOSES, findTask } from './production.service.js';
import { publishTaskChange } from './production-events.js';

/**
 * Asks the order's customer to approve the finished bouquet's photo (a remade bouquet may bring a new
 * photo): the approval becomes PENDING, and the order may not go out until the customer approves.
 * Asking again (after a rejection, or to remind) opens a new request.
 */
export async function requestBouquetApproval(
  ctx: Context,
  input: { taskId: string; photoFileId?: string | null },
): Promise<{ id: string }> {
  const task = await findTask(ctx, input.taskId);
  if (task.status !== 'DONE') throw new InvalidTaskStatus(task.status, ['DONE']);
  const order = await ctx.prisma.order.findUniqueOrThrow({
    where: { id: task.orderId },
    select: {
      id: true,
      number: true,
      status: true,
      version: true,
      shop: { select: { name: true } },
      customer: { select: { userId: true } },
    },
  });
  if (order.status !== 'READY')
    throw badInput('Only a READY order’s bouquet can be shown to the customer for approval', 'taskId');
  if (!order.customer.userId) throw new CustomerUnreachable();
  const photoFileId = input.photoFileId
    ? await attachableImage(ctx, input.photoFileId, BOUQUET_PHOTO_PURPOSES, 'photoId')
    : task.photoFileId;
  if (!photoFileId) throw badInput('Finish the task with a photo of the bouquet first', 'photoId');
  const requestedAt = new Date();
  await ctx.prisma.productionTask.update({
    where: { id: task.id },
    data: {
      photoFileId,
      approvalStatus: 'PENDING',
      approvalRequestedAt: requestedAt,
      approvalDecidedAt: null,
      approvalComment: null,
    },
  });
  // The hook the bot's approval message hangs on: queued with this change, sent by the outbox's job.
  await enqueueNotification(ctx.prisma, {
    kind: 'BOUQUET_APPROVAL_REQUESTED',
    payload: {
      orderId: order.id,
      orderNumber: order.number,
      shopName: order.shop.name,
      taskId: task.id,
      photoFileId,
    },
    userId: order.customer.userId,
    shopId: task.shopId,
    orderId: order.id,
    dedupeKey: `bouquet-approval:${task.id}:${requestedAt.getTime()}`,
  });
  publishTaskChange(ctx, task.shopId, task.id);
  publishOrderChange(ctx, task.shopId, order.id, order.version);
  return { id: task.id };
}

/** The customer approves the bouquet of their order: it may go out for delivery. */
export function approveBouquet(ctx: Context, input: { orderId: string; comment?: string | null }) {
  return decide(ctx, input.orderId, 'APPROVED', input.comment?.trim() || null);
}

/** The customer rejects the bouquet of their order, saying why: the shop remakes it and asks again. */
export function rejectBouquet(ctx: Context, input: { orderId: string; comment: string }) {
  const comment = input.comment.trim();
  if (!comment) throw badInput('Say what is wrong with the bouquet', 'comment');
  return decide(ctx, input.orderId, 'REJECTED', comment);
}

async function decide(
  ctx: Context,
  orderId: string,
  status: 'APPROVED' | 'REJECTED',
  comment: string | null,
): Promise<{ id: string }> {
  const order = await ctx.prisma.order.findFirst({
    where: { AND: [{ id: orderId }, ordersTheCustomerDecides(ctx)] },
    select: { id: true, shopId: true, version: true, task: { select: { id: true } } },
  });
  if (!order) throw notFound('Order');
  // Conditional on PENDING: a second answer (another tab, a double tap) changes nothing.
  const { count } = await ctx.prisma.productionTask.updateMany({
    where: { orderId: order.id, approvalStatus: 'PENDING' },
    data: { approvalStatus: status, approvalDecidedAt: new Date(), approvalComment: comment },
  });
  if (count !== 1) {
    const task = await ctx.prisma.productionTask.findUnique({
      where: { orderId: order.id },
      select: { approvalStatus: true },
    });
    throw new ApprovalNotPending(task?.approvalStatus ?? null);
  }
  if (order.task) publishTaskChange(ctx, order.shopId, order.task.id);
  publishOrderChange(ctx, order.shopId, order.id, order.version);
  return { id: order.id };
}
