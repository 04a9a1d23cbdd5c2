import type { Prisma } from '@posy/prisma';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { customerOwnOrders, deliveriesOfViewer, shopBoardOrders } from '../common/access.js';
import {
  type DeliveryChange,
  deliveryChangesAmong,
  type OrderChange,
  orderChangesAmong,
} from './live.service.js';
import { readKey, readShared } from './shared-reads.js';

// Live order feeds over graphql-ws. Each event is an order id (pubsub.ts); the payload is the order re-read
// with the subscriber's own rule, so it passes the same field rules as the `order` query. A client that
// reconnects re-fetches what it shows: Redis pub/sub does not replay what was published meanwhile.

/**
 * The order of an event, re-read through `where` (null when it left the subscriber's view meanwhile).
 * Subscribers asking the very same read for the same event share it (shared-reads.ts).
 */
const reread = (
  ctx: Context,
  query: { include?: Prisma.OrderInclude; select?: Prisma.OrderSelect },
  event: OrderChange,
  where: Prisma.OrderWhereInput,
) =>
  readShared(ctx, readKey('order', event, where, query), () =>
    ctx.prisma.order.findFirst({ ...query, where: { AND: [{ id: event.orderId }, where] } }),
  );

builder.subscriptionField('shopOrderChanged', (t) =>
  t.prismaField({
    type: 'Order',
    nullable: true,
    description:
      'Each order of the active shop as it changes, for staff boards and orders:read keys; a courier hears ' +
      'only the orders they deliver. Null when the order left the viewer’s view before it was read.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'], apiScope: 'orders:read' },
    subscribe: (_root, _args, ctx) => orderChangesAmong(ctx, shopBoardOrders(ctx)),
    resolve: (query, event: OrderChange, _args, ctx) => reread(ctx, query, event, shopBoardOrders(ctx)),
  }),
);

builder.subscriptionField('myOrderChanged', (t) =>
  t.prismaField({
    type: 'Order',
    nullable: true,
    description: 'Each of the signed-in customer’s orders in the active shop as it changes.',
    authScopes: { customer: true },
    subscribe: (_root, _args, ctx) => orderChangesAmong(ctx, customerOwnOrders(ctx)),
    resolve: (query, event: OrderChange, _args, ctx) => reread(ctx, query, event, customerOwnOrders(ctx)),
  }),
);

const DeliveryChangeRef = builder.objectRef<DeliveryChange>('DeliveryChange').implement({
  description: 'A change of an order the viewer delivers, or the news that it is no longer theirs.',
  fields: (t) => ({
    orderId: t.globalID({ resolve: (change) => ({ type: 'Order', id: change.orderId }) }),
    assigned: t.exposeBoolean('assigned', {
      description: 'False when the order was taken away from the viewer (reassigned or unassigned).',
    }),
    order: t.prismaField({
      type: 'Order',
      nullable: true,
      description: 'The order as it is now; null once it is no longer the viewer’s to deliver.',
      resolve: (query, change, _args, ctx) =>
        change.assigned ? reread(ctx, query, change, deliveriesOfViewer(ctx)) : null,
    }),
  }),
});

builder.subscriptionField('myDeliveryChanged', (t) =>
  t.field({
    type: DeliveryChangeRef,
    description:
      'Changes of the orders the signed-in staff member delivers (`Order.courier`), including the one that ' +
      'took an order away from them (`assigned: false`, `order: null`).',
    authScopes: { shopRole: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'] },
    subscribe: (_root, _args, ctx) => deliveryChangesAmong(ctx, deliveriesOfViewer(ctx)),
    resolve: (change) => change,
  }),
);
