import { FulfillmentType, OrderSource, OrderStatus, PaymentStatus } from '@posy/prisma';
import { z } from 'zod';
import { builder } from '../../builder.js';
import { countBesidePage } from '../../graphql/total-count.js';
import {
  hidesSender,
  readsStaffNotes,
  senderShown,
  visibleCustomers,
  visibleOrders,
  visibleProducts,
} from '../common/access.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { CustomerRef } from '../customers/customers.schema.js';
import { nextStatusesFor } from './order-status.js';
import { ordersWhere } from './orders.filter.js';

// The enums' values come from schema.prisma (Prisma's generated objects), so they are written once.
export const OrderStatusEnum = builder.enumType(OrderStatus, { name: 'OrderStatus' });
export const PaymentStatusEnum = builder.enumType(PaymentStatus, { name: 'PaymentStatus' });
export const FulfillmentTypeEnum = builder.enumType(FulfillmentType, { name: 'FulfillmentType' });
export const OrderSourceEnum = builder.enumType(OrderSource, { name: 'OrderSource' });

builder.prismaObject('OrderItem', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    // An orders:read key is not thereby a catalog:read key.
    product: t.relation('product', { ...visibleProducts.guard }),
    productName: t.exposeString('productName', { description: 'The name when the order was made.' }),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.field({
      type: MoneyRef,
      select: { unitPriceMinor: true, order: { select: { currency: true } } },
      resolve: (item) => money(item.unitPriceMinor, item.order.currency),
    }),
    total: t.field({
      type: MoneyRef,
      select: { totalMinor: true, order: { select: { currency: true } } },
      resolve: (item) => money(item.totalMinor, item.order.currency),
    }),
  }),
});

const OrderEventRef = builder.prismaObject('OrderEvent', {
  // Who acted, always: `Order.events` hides the customer's own steps from a courier by it.
  select: { id: true, actorId: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.expose('at', { type: 'DateTime' }),
    actor: t.relation('actor', { nullable: true }),
    byApiKey: t.boolean({ select: { actorApiKeyId: true }, resolve: (e) => e.actorApiKeyId !== null }),
    fromStatus: t.expose('fromStatus', { type: OrderStatusEnum, nullable: true }),
    toStatus: t.expose('toStatus', { type: OrderStatusEnum }),
    // Null for the customer rather than refused, so their order page (which asks for it) still loads.
    note: t.string({
      nullable: true,
      description: 'What staff wrote with this change; null for the customer (see `Order.cancelReason`).',
      select: { note: true },
      resolve: (e, _args, ctx) => (readsStaffNotes(ctx) ? e.note : null),
    }),
  }),
});

const orderMoney = (field: 'subtotalMinor' | 'deliveryFeeMinor' | 'discountMinor' | 'totalMinor') =>
  ({
    type: MoneyRef,
    select: { [field]: true, currency: true },
    resolve: (o: Record<string, unknown>) => money(o[field] as number, o.currency as string),
  }) as const;

export const OrderRef = builder.prismaNode('Order', {
  select: { id: true },
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleOrders(ctx)] }),
  nullable: true,
  fields: (t) => ({
    number: t.exposeInt('number'),
    status: t.expose('status', { type: OrderStatusEnum }),
    paymentStatus: t.expose('paymentStatus', { type: PaymentStatusEnum }),
    fulfillment: t.expose('fulfillment', { type: FulfillmentTypeEnum }),
    source: t.expose('source', { type: OrderSourceEnum }),
    // Whoever sees the order sees its customer (see visibleCustomers) unless customers are closed to them,
    // or the sender is anonymous and the viewer delivers it (hidesSender).
    customer: t.field({
      type: CustomerRef,
      nullable: true,
      description: 'Who ordered; null for the courier of an order whose sender is anonymous.',
      ...visibleCustomers.guard,
      select: (_args, _ctx, nestedSelection) => ({ anonymousSender: true, customer: nestedSelection(true) }),
      resolve: (order, _args, ctx) => (hidesSender(ctx, order) ? null : order.customer),
    }),
    recipientName: t.exposeString('recipientName', { nullable: true }),
    recipientPhone: t.exposeString('recipientPhone', { nullable: true }),
    deliveryAddress: t.exposeString('deliveryAddress', { nullable: true }),
    addressComment: t.exposeString('addressComment', { nullable: true }),
    windowStart: t.expose('windowStart', { type: 'DateTime', nullable: true }),
    windowEnd: t.expose('windowEnd', { type: 'DateTime', nullable: true }),
    cardText: t.exposeString('cardText', { nullable: true }),
    anonymousSender: t.exposeBoolean('anonymousSender', {
      description: 'The recipient is not told who sent the flowers.',
    }),
    paymentMethod: t.exposeString('paymentMethod', { nullable: true }),
    // A card terminal's or provider's reference is bookkeeping, not for couriers or the customer.
    paymentReference: t.exposeString('paymentReference', {
      nullable: true,
      authScopes: { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'orders:read' },
    }),
    paidAt: t.expose('paidAt', { type: 'DateTime', nullable: true }),
    refundedAt: t.expose('refundedAt', { type: 'DateTime', nullable: true }),
    note: t.exposeString('note', {
      nullable: true,
      authScopes: { shopRole: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'] },
    }),
    items: t.relation('items', { query: { orderBy: { id: 'asc' } } }),
    subtotal: t.field(orderMoney('subtotalMinor')),
    deliveryFee: t.field(orderMoney('deliveryFeeMinor')),
    discount: t.field(orderMoney('discountMinor')),
    total: t.field(orderMoney('totalMinor')),
    version: t.exposeInt('version', { description: 'Send it back with every change (optimistic locking).' }),
    nextStatuses: t.field({
      type: [OrderStatusEnum],
      description:
        'The statuses the viewer may move the order to with `changeOrderStatus` (cancelling aside: `cancelOrder`).',
      select: { status: true, fulfillment: true },
      // An API key changes orders only with orders:write (changeOrderStatus' own scope).
      resolve: (order, _args, ctx) =>
        ctx.viewer.kind === 'apiKey' && !ctx.viewer.scopes.has('orders:write')
          ? []
          : nextStatusesFor(ctx.shopRole, order.fulfillment, order.status),
    }),
    courier: t.relation('courier', { nullable: true }),
    florist: t.relation('florist', { nullable: true }),
    // The customer's own steps (placing it) would name the sender of an anonymous order to its courier.
    events: t.field({
      type: [OrderEventRef],
      select: (_args, _ctx, nestedSelection) => ({
        anonymousSender: true,
        customer: { select: { userId: true } },
        events: nestedSelection({ orderBy: { at: 'asc' } }),
      }),
      resolve: (order, _args, ctx) =>
        hidesSender(ctx, order)
          ? order.events.map((e) =>
              e.actorId && e.actorId === order.customer.userId ? { ...e, actor: null } : e,
            )
          : order.events,
    }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const OrdersFilterInput = builder.inputType('OrdersFilter', {
  fields: (t) => ({
    // Each status at most once: more is no filter a screen sends (list-limit.plugin.ts).
    status: t.field({
      type: [OrderStatusEnum],
      required: false,
      extensions: { maxItems: Object.keys(OrderStatus).length },
    }),
    windowFrom: t.field({ type: 'DateTime', required: false, description: 'Window starts at or after' }),
    windowTo: t.field({ type: 'DateTime', required: false, description: 'Window starts before' }),
    search: t.string({
      required: false,
      description: 'Order number, phone digits, recipient or customer name',
      validate: z.string().max(100, 'Search is limited to 100 characters'),
    }),
  }),
  // A loose object: a plain one would strip the fields it does not name from the validated value.
  validate: z
    .looseObject({ windowFrom: z.date().nullish(), windowTo: z.date().nullish() })
    .refine((f) => !f.windowFrom || !f.windowTo || f.windowFrom < f.windowTo, {
      message: 'windowFrom must be before windowTo',
      path: ['windowTo'],
    }),
});

const ordersCount = countBesidePage((args: { filter?: Parameters<typeof ordersWhere>[0] }, ctx) =>
  ctx.prisma.order.count({
    where: { AND: [visibleOrders(ctx), ordersWhere(args.filter, senderShown(ctx))] },
  }),
);

builder.queryField('orders', (t) =>
  t.prismaConnection({
    type: 'Order',
    cursor: 'id',
    description: 'Orders of the active shop the viewer may see, newest first.',
    authScopes: { signedIn: true },
    args: { filter: t.arg({ type: OrdersFilterInput, required: false }) },
    resolve: (query, _root, args, ctx, info) => {
      const where = { AND: [visibleOrders(ctx), ordersWhere(args.filter, senderShown(ctx))] };
      ordersCount.start(args, ctx, info);
      return ctx.prisma.order.findMany({ ...query, where, orderBy: { id: 'desc' } });
    },
    totalCount: ordersCount.totalCount,
  }),
);

builder.queryField('order', (t) =>
  t.prismaField({
    type: 'Order',
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ for: OrderRef }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.order.findFirst({ ...query, where: { AND: [{ id: args.id.id }, visibleOrders(ctx)] } }),
  }),
);

builder.subscriptionField('orderUpdated', (t) =>
  t.prismaField({
    type: 'Order',
    nullable: true,
    description: 'The order each time it changes (status, assignment, payment); follow an order live.',
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ for: OrderRef }) },
    subscribe: async function* (_root, args, ctx) {
      // Check visibility before listening, so nobody can wait on another shop's order.
      const where = { AND: [{ id: args.id.id }, visibleOrders(ctx)] };
      if (!(await ctx.prisma.order.findFirst({ where, select: { id: true } }))) return;
      for await (const event of ctx.pubsub.subscribe('order:changed', ctx.shopId ?? '')) {
        if (event.orderId === args.id.id) yield event;
      }
    },
    resolve: (query, _event, args, ctx) =>
      ctx.prisma.order.findFirst({ ...query, where: { AND: [{ id: args.id.id }, visibleOrders(ctx)] } }),
  }),
);
