// Deliveries: the courier's day and the pool (queries), assignment and each step of a delivery (mutations).
// Thin resolvers; the rules are in delivery.service.ts, who may do what in common/delivery-access.ts.
import { z } from 'zod';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { badInput, unauthenticated } from '../../errors.js';
import { localDate } from '../checkout/checkout-types.schema.js';
import { localToUtc } from '../checkout/local-time.js';
import { courierDeliveries, pooledDeliveries } from '../common/delivery-access.js';
import { InvalidTransition, StaleVersion } from '../orders/orders.errors.js';
import { OrderRef, OrderStatusEnum } from '../orders/orders.schema.js';
import { BouquetNotApproved } from '../production/production.errors.js';
import { ShopRef } from '../shops/shops.schema.js';
import { ImageRef } from '../uploads/uploads.schema.js';
import {
  ApprovalWithoutCodeRefused,
  DeliveryNotAssignable,
  DeliveryPoolClosed,
  DeliveryTaken,
  HandoverCodeLocked,
  InvalidDeliveryStatus,
  NotACourier,
  NotADelivery,
  NotYourDelivery,
  WrongHandoverCode,
} from './delivery.errors.js';
import './delivery.errors.schema.js';
import {
  approveDeliveryWithoutCode,
  assignCourier,
  attachDeliveryProof,
  completeDelivery,
  failDelivery,
  pickUpDelivery,
  releaseDelivery,
  setCourierAssignment,
  startDeliveryRoute,
  takeDelivery,
} from './delivery.service.js';
import { CourierAssignmentEnum, PooledDeliveryRef } from './delivery-types.schema.js';

const COURIERS_AND_MANAGERS = {
  shopRole: ['ADMIN', 'MANAGER', 'COURIER'],
  apiScope: 'orders:write',
} as const;
const MANAGERS = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'orders:write' } as const;
/** Deliveries are listed at most this many per courier and day, or pool; more is no one's day. */
const LIST_LIMIT = 200;

/** The order a service changed, read fresh for the answer. */
const reread = (ctx: Context, { id }: { id: string }) =>
  ctx.prisma.order.findUniqueOrThrow({ where: { id } });

/**
 * The answer to `releaseDelivery`: the courier no longer sees the order once they give it back, so the answer
 * is the order's own id, status and version, not an Order (whose fields are read through the visibility rule).
 */
const ReleasedDeliveryRef = builder
  .objectRef<{ id: string; status: string; version: number }>('ReleasedDelivery')
  .implement({
    fields: (t) => ({
      id: t.globalID({
        description: "The order's id.",
        resolve: (order) => ({ type: 'Order', id: order.id }),
      }),
      status: t.field({ type: OrderStatusEnum, resolve: (order) => order.status as never }),
      version: t.exposeInt('version'),
    }),
  });

/** The local day `date` (YYYY-MM-DD) of the active shop, as a window-start range. */
async function shopDay(ctx: Context, date: string) {
  const shop = await ctx.prisma.shop.findUniqueOrThrow({
    where: { id: ctx.shopId ?? '' },
    select: { timezone: true },
  });
  return { gte: localToUtc(date, 0, shop.timezone), lt: localToUtc(date, 24 * 60, shop.timezone) };
}

/** In window order; what has no window (to be agreed) last, then by order number. */
const WINDOW_ORDER = [{ windowStart: { sort: 'asc', nulls: 'last' } }, { number: 'asc' }] as const;

builder.queryFields((t) => ({
  myDeliveries: t.prismaField({
    type: ['Order'],
    description:
      'The calling courier’s deliveries whose window starts on `date` (the shop’s day), in window order: ' +
      'address (`mapsUrl` opens it), recipient, card text and the delivery’s progress on each.',
    authScopes: { shopRole: ['COURIER'] },
    args: { date: t.arg.string({ required: true, validate: localDate }) },
    resolve: async (query, _root, args, ctx) => {
      if (ctx.viewer.kind !== 'user') throw unauthenticated();
      return ctx.prisma.order.findMany({
        ...query,
        where: {
          AND: [courierDeliveries(ctx, ctx.viewer.userId), { windowStart: await shopDay(ctx, args.date) }],
        },
        orderBy: [...WINDOW_ORDER],
        take: LIST_LIMIT,
      });
    },
  }),
  deliveries: t.prismaField({
    type: ['Order'],
    description: 'One courier’s deliveries on `date`, as `myDeliveries` shows them to the courier.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'orders:read' },
    args: {
      date: t.arg.string({ required: true, validate: localDate }),
      courierId: t.arg.id({ required: true, validate: z.uuid('Not a user id') }),
    },
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.order.findMany({
        ...query,
        where: {
          AND: [
            courierDeliveries(ctx, String(args.courierId)),
            { windowStart: await shopDay(ctx, args.date) },
          ],
        },
        orderBy: [...WINDOW_ORDER],
        take: LIST_LIMIT,
      }),
  }),
  deliveryPool: t.prismaField({
    type: [PooledDeliveryRef],
    description:
      'Delivery orders without a courier that may still get one (READY or earlier), in window order. ' +
      'Couriers see it when the shop lets them take deliveries (courierAssignment), managers always.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER', 'COURIER'] },
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.order.findMany({
        ...query,
        where: pooledDeliveries(ctx),
        orderBy: [...WINDOW_ORDER],
        take: LIST_LIMIT,
      }),
  }),
}));

builder.mutationFields((t) => {
  const orderId = () => t.arg.globalID({ for: OrderRef, required: true });
  const version = () => t.arg.int({ required: true, description: 'The order’s version you read.' });
  return {
    setCourierAssignment: t.field({
      type: ShopRef,
      description: 'Who gives the shop’s deliveries their courier: its managers, or couriers from the pool.',
      authScopes: { shopRole: ['ADMIN', 'MANAGER'] },
      args: { mode: t.arg({ type: CourierAssignmentEnum, required: true }) },
      resolve: async (_root, args, ctx) => {
        const { id } = await setCourierAssignment(ctx, args.mode);
        return ctx.prisma.shop.findUniqueOrThrow({ where: { id } });
      },
    }),
    assignCourier: t.field({
      type: OrderRef,
      description:
        'Gives a delivery order its courier (an active courier of the shop), or takes it away with null; ' +
        'until the bouquet leaves. The courier is told through the bot.',
      authScopes: MANAGERS,
      errors: { types: [StaleVersion, NotADelivery, DeliveryNotAssignable, NotACourier] },
      args: {
        orderId: orderId(),
        courierId: t.arg.id({ required: false, validate: z.uuid('Not a user id').nullish() }),
        version: version(),
      },
      resolve: async (_root, args, ctx) =>
        reread(
          ctx,
          await assignCourier(ctx, {
            orderId: args.orderId.id,
            courierId: args.courierId == null ? null : String(args.courierId),
            version: args.version,
          }),
        ),
    }),
    takeDelivery: t.field({
      type: OrderRef,
      description:
        'A courier takes a delivery from the pool. Of two couriers taking one at once exactly one gets it; ' +
        'the other is answered DeliveryTaken.',
      authScopes: { shopRole: ['COURIER'] },
      errors: {
        types: [DeliveryTaken, DeliveryPoolClosed, NotADelivery, DeliveryNotAssignable, StaleVersion],
      },
      args: { orderId: orderId() },
      resolve: async (_root, args, ctx) => reread(ctx, await takeDelivery(ctx, args.orderId.id)),
    }),
    releaseDelivery: t.field({
      type: ReleasedDeliveryRef,
      description:
        'The courier gives a delivery back before picking it up (or after it failed). The courier no longer ' +
        'sees the order then: read only its own fields (id, status, version) from the answer.',
      authScopes: COURIERS_AND_MANAGERS,
      errors: { types: [StaleVersion, NotADelivery, NotYourDelivery, InvalidDeliveryStatus] },
      args: { orderId: orderId(), version: version() },
      resolve: async (_root, args, ctx) => {
        const { id } = await releaseDelivery(ctx, { orderId: args.orderId.id, version: args.version });
        return ctx.prisma.order.findUniqueOrThrow({
          where: { id },
          select: { id: true, status: true, version: true },
        });
      },
    }),
    pickUpDelivery: t.field({
      type: OrderRef,
      description:
        'The courier has the bouquet: the order goes OUT_FOR_DELIVERY and the recipient (or the customer) ' +
        'is sent a 4-digit handover code.',
      authScopes: COURIERS_AND_MANAGERS,
      errors: {
        types: [
          StaleVersion,
          NotADelivery,
          NotYourDelivery,
          InvalidDeliveryStatus,
          InvalidTransition,
          BouquetNotApproved,
        ],
      },
      args: { orderId: orderId(), version: version() },
      resolve: async (_root, args, ctx) =>
        reread(ctx, await pickUpDelivery(ctx, { orderId: args.orderId.id, version: args.version })),
    }),
    startDeliveryRoute: t.field({
      type: OrderRef,
      description: 'The courier is on the way (EN_ROUTE).',
      authScopes: COURIERS_AND_MANAGERS,
      errors: { types: [StaleVersion, NotADelivery, NotYourDelivery, InvalidDeliveryStatus] },
      args: { orderId: orderId(), version: version() },
      resolve: async (_root, args, ctx) =>
        reread(ctx, await startDeliveryRoute(ctx, { orderId: args.orderId.id, version: args.version })),
    }),
    completeDelivery: t.field({
      type: OrderRef,
      description:
        'The flowers are handed over: with the code the recipient was sent (WrongHandoverCode counts down; ' +
        'the fifth wrong one locks it: HandoverCodeLocked), or with a photo when nobody could be sent one.',
      authScopes: COURIERS_AND_MANAGERS,
      errors: {
        types: [
          StaleVersion,
          NotADelivery,
          NotYourDelivery,
          InvalidDeliveryStatus,
          InvalidTransition,
          WrongHandoverCode,
          HandoverCodeLocked,
        ],
      },
      args: {
        orderId: orderId(),
        version: version(),
        code: t.arg.string({ required: false, validate: z.string().max(20) }),
        proofPhotoId: t.arg.globalID({
          for: ImageRef,
          required: false,
          description: 'From uploadImage (DELIVERY_PROOF).',
        }),
      },
      resolve: async (_root, args, ctx) => {
        if (args.code == null && args.proofPhotoId == null)
          throw badInput('Enter the handover code, or attach a photo of the handover', 'code');
        return reread(
          ctx,
          await completeDelivery(ctx, {
            orderId: args.orderId.id,
            version: args.version,
            code: args.code,
            proofFileId: args.proofPhotoId?.id,
          }),
        );
      },
    }),
    failDelivery: t.field({
      type: OrderRef,
      description: 'The delivery did not happen, saying why: the order goes back to READY, to be retried.',
      authScopes: COURIERS_AND_MANAGERS,
      errors: {
        types: [StaleVersion, NotADelivery, NotYourDelivery, InvalidDeliveryStatus, InvalidTransition],
      },
      args: {
        orderId: orderId(),
        version: version(),
        reason: t.arg.string({ required: true, validate: z.string().trim().min(1, 'Say why').max(500) }),
      },
      resolve: async (_root, args, ctx) =>
        reread(
          ctx,
          await failDelivery(ctx, { orderId: args.orderId.id, version: args.version, reason: args.reason }),
        ),
    }),
    attachDeliveryProof: t.field({
      type: OrderRef,
      description:
        'Attaches a photo of the handover (uploadImage as DELIVERY_PROOF); staff see it, not the customer.',
      authScopes: COURIERS_AND_MANAGERS,
      errors: { types: [NotADelivery, NotYourDelivery, InvalidDeliveryStatus] },
      args: {
        orderId: orderId(),
        imageId: t.arg.globalID({ for: ImageRef, required: true, description: 'From uploadImage.' }),
      },
      resolve: async (_root, args, ctx) =>
        reread(ctx, await attachDeliveryProof(ctx, { orderId: args.orderId.id, imageId: args.imageId.id })),
    }),
    approveDeliveryWithoutCode: t.field({
      type: OrderRef,
      description:
        'A manager completes a delivery whose handover code locked, on the photo the courier attached.',
      authScopes: MANAGERS,
      errors: {
        types: [
          StaleVersion,
          NotADelivery,
          InvalidDeliveryStatus,
          ApprovalWithoutCodeRefused,
          InvalidTransition,
          NotYourDelivery,
        ],
      },
      args: { orderId: orderId(), version: version() },
      resolve: async (_root, args, ctx) =>
        reread(
          ctx,
          await approveDeliveryWithoutCode(ctx, { orderId: args.orderId.id, version: args.version }),
        ),
    }),
  };
});
