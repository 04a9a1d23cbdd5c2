import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { InvalidTransition, StaleVersion } from '../orders/orders.errors.js';
import { OrderRef } from '../orders/orders.schema.js';
import { InsufficientStockError } from '../stock/insufficient-stock.error.js';
import { ImageRef } from '../uploads/uploads.schema.js';
import {
  ApprovalNotPending,
  CustomerUnreachable,
  InvalidTaskStatus,
  NotAFlorist,
  TaskAlreadyTaken,
  TaskNotHeld,
} from './production.errors.js';
import './production.errors.schema.js';
import { PRODUCTION_STAFF, ProductionTaskRef } from './production.schema.js';
import { finishProductionTask, releaseProductionTask, takeProductionTask } from './production.service.js';
import { approveBouquet, rejectBouquet, requestBouquetApproval } from './production-approval.service.js';
import { assignProductionTask } from './production-assign.service.js';

const text = (max: number) => z.string().max(max, `At most ${max} characters`);

/** The task a service changed, read fresh for the answer. */
const rereadTask = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.productionTask.findUniqueOrThrow({ where: { id } });
const rereadOrder = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.order.findUniqueOrThrow({ where: { id } });

builder.mutationFields((t) => ({
  takeProductionTask: t.field({
    type: ProductionTaskRef,
    description:
      'Takes a task from the queue for the caller and starts the order’s production (IN_PRODUCTION). Of ' +
      'two florists taking one task at once exactly one gets it; the other is answered TaskAlreadyTaken.',
    authScopes: PRODUCTION_STAFF,
    errors: { types: [TaskAlreadyTaken, InvalidTaskStatus, StaleVersion, InvalidTransition] },
    args: { id: t.arg.globalID({ for: ProductionTaskRef, required: true }) },
    resolve: async (_root, args, ctx) => rereadTask(ctx, await takeProductionTask(ctx, args.id.id)),
  }),
  assignProductionTask: t.field({
    type: ProductionTaskRef,
    description:
      'Gives an open task to an active florist of the shop (or, in progress, to another one), as if they had ' +
      'taken it: a pending task starts the order’s production. The florist is told through the bot.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
    errors: { types: [NotAFlorist, TaskAlreadyTaken, InvalidTaskStatus, StaleVersion, InvalidTransition] },
    args: {
      taskId: t.arg.globalID({ for: ProductionTaskRef, required: true }),
      floristId: t.arg.id({ required: true, validate: z.uuid('Not a user id') }),
    },
    resolve: async (_root, args, ctx) =>
      rereadTask(ctx, await assignProductionTask(ctx, { taskId: args.taskId.id, floristId: args.floristId })),
  }),
  releaseProductionTask: t.field({
    type: ProductionTaskRef,
    description: 'Gives a taken task back to the queue: by the florist holding it, or a manager.',
    authScopes: PRODUCTION_STAFF,
    errors: { types: [InvalidTaskStatus, TaskNotHeld, StaleVersion] },
    args: { id: t.arg.globalID({ for: ProductionTaskRef, required: true }) },
    resolve: async (_root, args, ctx) => rereadTask(ctx, await releaseProductionTask(ctx, args.id.id)),
  }),
  finishProductionTask: t.field({
    type: ProductionTaskRef,
    description:
      'Finishes a task with a photo of the bouquet (an Image uploaded as BOUQUET_PHOTO): the order becomes READY and its ' +
      'stock is consumed from the batches the task shows. By the florist holding it, or a manager.',
    authScopes: PRODUCTION_STAFF,
    errors: {
      types: [InvalidTaskStatus, TaskNotHeld, StaleVersion, InvalidTransition, InsufficientStockError],
    },
    args: {
      id: t.arg.globalID({ for: ProductionTaskRef, required: true }),
      photoId: t.arg.globalID({ for: ImageRef, required: true, description: 'From uploadImage.' }),
      note: t.arg.string({ required: false, validate: text(1000) }),
    },
    resolve: async (_root, args, ctx) =>
      rereadTask(
        ctx,
        await finishProductionTask(ctx, {
          id: args.id.id,
          photoFileId: args.photoId.id,
          note: args.note,
        }),
      ),
  }),
  requestBouquetApproval: t.field({
    type: ProductionTaskRef,
    description:
      'Asks the customer to approve the finished bouquet’s photo (optionally a new one, of a remade bouquet); ' +
      'the order does not go out for delivery until they approve.',
    authScopes: PRODUCTION_STAFF,
    errors: { types: [InvalidTaskStatus, CustomerUnreachable] },
    args: {
      taskId: t.arg.globalID({ for: ProductionTaskRef, required: true }),
      photoId: t.arg.globalID({
        for: ImageRef,
        required: false,
        description: 'From uploadImage (BOUQUET_PHOTO); by default the photo the task was finished with.',
      }),
    },
    resolve: async (_root, args, ctx) =>
      rereadTask(
        ctx,
        await requestBouquetApproval(ctx, {
          taskId: args.taskId.id,
          photoFileId: args.photoId?.id ?? null,
        }),
      ),
  }),
  approveBouquet: t.field({
    type: OrderRef,
    description: 'The customer approves the bouquet of their order: it may go out for delivery.',
    authScopes: { customer: true },
    errors: { types: [ApprovalNotPending] },
    args: {
      orderId: t.arg.globalID({ for: OrderRef, required: true }),
      comment: t.arg.string({ required: false, validate: text(1000) }),
    },
    resolve: async (_root, args, ctx) =>
      rereadOrder(ctx, await approveBouquet(ctx, { orderId: args.orderId.id, comment: args.comment })),
  }),
  rejectBouquet: t.field({
    type: OrderRef,
    description: 'The customer rejects the bouquet of their order, saying why: the shop remakes it.',
    authScopes: { customer: true },
    errors: { types: [ApprovalNotPending] },
    args: {
      orderId: t.arg.globalID({ for: OrderRef, required: true }),
      comment: t.arg.string({ required: true, validate: text(1000) }),
    },
    resolve: async (_root, args, ctx) =>
      rereadOrder(ctx, await rejectBouquet(ctx, { orderId: args.orderId.id, comment: args.comment })),
  }),
}));
