// A florist's day: take a task from the queue, give it back, finish it with a photo of the bouquet. Each
// step moves the order through the orders service (same status rules, event, version, publish) in the
// mutation's one transaction, so the task and its order never disagree.
import { type Context, requireUser } from '../../context.js';
import { notFound } from '../../errors.js';
import { visibleProductionTasks } from '../common/access.js';
import { applyOrderChange, changeOrderStatus, findOrder } from '../orders/orders.service.js';
import { attachableImage } from '../uploads/uploads.service.js';
import { InvalidTaskStatus, TaskAlreadyTaken, TaskNotHeld } from './production.errors.js';
import { publishTaskChange } from './production-events.js';

/** The task the viewer may see (staff of its shop), or NOT_FOUND; with what every step checks. */
export async function findTask(ctx: Context, id: string) {
  const task = await ctx.prisma.productionTask.findFirst({
    where: { AND: [{ id }, visibleProductionTasks(ctx)] },
    select: { id: true, shopId: true, orderId: true, status: true, floristId: true, photoFileId: true },
  });
  if (!task) throw notFound('Production task');
  return task;
}

/**
 * Takes a PENDING task for the caller and starts the order's production (CONFIRMED → IN_PRODUCTION).
 * Atomic: the UPDATE matches only a PENDING row, so of two florists taking one task at once the second
 * matches nothing once the first commits (PostgreSQL re-checks the WHERE after the row lock) and answers
 * TaskAlreadyTaken naming who has it.
 */
export async function takeProductionTask(ctx: Context, id: string): Promise<{ id: string }> {
  const { userId } = requireUser(ctx);
  const task = await findTask(ctx, id);
  if (task.status === 'DONE' || task.status === 'CANCELLED')
    throw new InvalidTaskStatus(task.status, ['PENDING']);
  const { count } = await ctx.prisma.productionTask.updateMany({
    where: { id: task.id, status: 'PENDING' },
    data: { status: 'IN_PROGRESS', floristId: userId, takenAt: new Date() },
  });
  if (count !== 1) {
    const now = await ctx.prisma.productionTask.findUniqueOrThrow({
      where: { id: task.id },
      select: { status: true, floristId: true },
    });
    if (now.status !== 'IN_PROGRESS') throw new InvalidTaskStatus(now.status, ['PENDING']);
    throw new TaskAlreadyTaken(now.floristId);
  }
  const order = await findOrder(ctx, task.orderId);
  if (order.status === 'CONFIRMED') {
    await changeOrderStatus(ctx, {
      id: order.id,
      version: order.version,
      to: 'IN_PRODUCTION',
      floristId: userId,
    });
  } else {
    // Taken again after a release: production had started and stays started, only the florist changes.
    await applyOrderChange(
      ctx,
      order,
      order.version,
      { floristId: userId },
      {
        toStatus: order.status,
        note: 'Production task taken',
      },
    );
  }
  publishTaskChange(ctx, task.shopId, task.id);
  return { id: task.id };
}

/**
 * Gives a task back to the queue (PENDING, nobody's): by its florist, or a manager. The order stays
 * IN_PRODUCTION (the status machine has no way back, and stems may be cut already); it loses its florist.
 */
export async function releaseProductionTask(ctx: Context, id: string): Promise<{ id: string }> {
  const task = await heldTask(ctx, id);
  await ctx.prisma.productionTask.update({
    where: { id: task.id },
    data: { status: 'PENDING', floristId: null, takenAt: null },
  });
  const order = await findOrder(ctx, task.orderId);
  await applyOrderChange(
    ctx,
    order,
    order.version,
    { floristId: null },
    {
      toStatus: order.status,
      note: 'Production task released',
    },
  );
  publishTaskChange(ctx, task.shopId, task.id);
  return { id: task.id };
}

/** What a bouquet's photo must have been uploaded as (uploadImage's purpose). */
export const BOUQUET_PHOTO_PURPOSES = ['BOUQUET_PHOTO'] as const;

/**
 * Finishes a task with a photo of the bouquet (an image of the shop uploaded as BOUQUET_PHOTO, see
 * attachableImage) and the florist's note, and moves the order to READY, which consumes its stock
 * earliest-expiry-first (the batches the task showed).
 */
export async function finishProductionTask(
  ctx: Context,
  input: { id: string; photoFileId: string; note?: string | null },
): Promise<{ id: string }> {
  const task = await heldTask(ctx, input.id);
  const photoFileId = await attachableImage(ctx, input.photoFileId, BOUQUET_PHOTO_PURPOSES, 'photoId');
  await ctx.prisma.productionTask.update({
    where: { id: task.id },
    data: { status: 'DONE', doneAt: new Date(), photoFileId, note: input.note?.trim() || null },
  });
  const order = await findOrder(ctx, task.orderId);
  await changeOrderStatus(ctx, { id: order.id, version: order.version, to: 'READY' });
  publishTaskChange(ctx, task.shopId, task.id);
  return { id: task.id };
}

/** An IN_PROGRESS task the caller may act on: their own, or any when they manage the shop. */
async function heldTask(ctx: Context, id: string) {
  const { userId } = requireUser(ctx);
  const task = await findTask(ctx, id);
  if (task.status !== 'IN_PROGRESS') throw new InvalidTaskStatus(task.status, ['IN_PROGRESS']);
  const manages = ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER';
  if (!manages && task.floristId !== userId) throw new TaskNotHeld(task.floristId);
  return task;
}
