import type { CourierPosition } from '@posy/prisma';
import { builder } from '../../builder.js';
import { visibleOrders } from '../common/access.js';
import { POSITION_SHARERS, seesCourierPosition } from '../common/location-access.js';
import { OrderRef } from '../orders/orders.schema.js';
import { followCourierPosition } from './courier-position-follow.js';
import { latestPositionOf } from './latest-position.js';
import { findOwnConsent } from './location-consent.service.js';
import { SHARING_ORDER_SELECT, sharingEndsAt, sharingOpenAt } from './sharing-window.js';

/**
 * A plain object, not a prismaObject: a position is a value read whole (one row per order, loaded in
 * batches by latest-position.ts), and a prismaObject handed a row Pothos did not load would be read again by
 * id, once per order of a list.
 */
export const CourierPositionRef = builder.objectRef<CourierPosition>('CourierPosition').implement({
  description: 'Where the courier of an order was, as their phone reported it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    latitude: t.exposeFloat('latitude'),
    longitude: t.exposeFloat('longitude'),
    accuracyMeters: t.exposeFloat('accuracyMeters', {
      nullable: true,
      description: 'The radius the phone vouches for, in metres.',
    }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: 'When the phone took the fix.' }),
    ageSeconds: t.int({
      description: 'How old the position is now, in seconds.',
      resolve: (p) => Math.max(0, Math.floor((Date.now() - p.recordedAt.getTime()) / 1000)),
    }),
  }),
});

export const LocationConsentRef = builder.prismaObject('LocationConsent', {
  select: { id: true },
  description:
    'A courier’s agreement to share their position with the shop and the customers they deliver to.',
  fields: (t) => ({
    id: t.exposeID('id'),
    givenAt: t.expose('givenAt', { type: 'DateTime', description: 'When it was last given.' }),
    withdrawnAt: t.expose('withdrawnAt', { type: 'DateTime', nullable: true }),
    active: t.boolean({ select: { withdrawnAt: true }, resolve: (c) => c.withdrawnAt === null }),
  }),
});

builder.prismaObjectFields(OrderRef, (t) => ({
  courierPosition: t.field({
    type: CourierPositionRef,
    nullable: true,
    description:
      'The courier’s last shared position: for the customer only while the order is on the way (within its ' +
      'window), for admins, managers and the courier while it is kept; null for anyone else.',
    select: SHARING_ORDER_SELECT,
    resolve: async (order, _args, ctx) => {
      // Only the customer's view depends on the window (and an order without one costs a query).
      const open =
        ctx.shopRole === 'CUSTOMER' &&
        order.status === 'OUT_FOR_DELIVERY' &&
        sharingOpenAt(await sharingEndsAt(ctx, order), new Date());
      if (!seesCourierPosition(ctx, order, open)) return null;
      return (await latestPositionOf(ctx, order.id)) ?? null;
    },
  }),
}));

builder.queryField('myLocationConsent', (t) =>
  t.prismaField({
    type: 'LocationConsent',
    nullable: true,
    description: 'The caller’s consent to share their position in the active shop; null if never given.',
    authScopes: POSITION_SHARERS,
    resolve: async (query, _root, _args, ctx) => {
      const own = await findOwnConsent(ctx);
      return own ? ctx.prisma.locationConsent.findUnique({ ...query, where: { id: own.id } }) : null;
    },
  }),
);

builder.subscriptionField('courierPositionChanged', (t) =>
  t.prismaField({
    type: 'Order',
    nullable: true,
    description:
      'The order each time its courier’s shared position changes; read `courierPosition` (and `status`). ' +
      'For the order’s customer while it is on the way, and the shop’s admins, managers and its courier. ' +
      'Ends once the order leaves OUT_FOR_DELIVERY or its sharing window closes, after one last event.',
    authScopes: { user: true },
    args: { orderId: t.arg.globalID({ for: OrderRef, required: true }) },
    subscribe: (_root, args, ctx) => followCourierPosition(ctx, args.orderId.id),
    resolve: (query, event, _args, ctx) =>
      ctx.prisma.order.findFirst({ ...query, where: { AND: [{ id: event.orderId }, visibleOrders(ctx)] } }),
  }),
);
