import { SubscriptionFrequency, SubscriptionStatus } from '@posy/prisma';
import { builder } from '../../builder.js';
import { countBesidePage } from '../../graphql/total-count.js';
import { visibleCustomers, visibleOrders, visibleProducts, visibleSubscriptions } from '../common/access.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { rereadShared, type ShopChange, shopChangesAmong } from '../live/shop-changes.js';

export const SubscriptionStatusEnum = builder.enumType(SubscriptionStatus, { name: 'SubscriptionStatus' });
export const SubscriptionFrequencyEnum = builder.enumType(SubscriptionFrequency, {
  name: 'SubscriptionFrequency',
});

// `Subscription` is GraphQL's root type of live operations, hence the longer name.
export const SubscriptionRef = builder.prismaNode('Subscription', {
  select: { id: true },
  name: 'CustomerSubscription',
  description:
    "A customer's recurring delivery of one product; the generator turns each delivery into an order.",
  id: { field: 'id' },
  findUnique: (id, ctx) => ({ id, AND: [visibleSubscriptions(ctx)] }),
  nullable: true,
  fields: (t) => ({
    plan: t.exposeString('plan'),
    frequency: t.expose('frequency', { type: SubscriptionFrequencyEnum }),
    status: t.expose('status', { type: SubscriptionStatusEnum }),
    customer: t.relation('customer', { ...visibleCustomers.guard }),
    product: t.relation('product', { nullable: true, ...visibleProducts.guard }),
    quantity: t.exposeInt('quantity', { description: 'Units of the product in each delivery.' }),
    price: t.field({
      type: MoneyRef,
      description: 'Price of one unit per delivery, fixed when the subscription was made.',
      select: { priceMinor: true, shop: { select: { currency: true } } },
      resolve: (s) => money(s.priceMinor, s.shop.currency),
    }),
    recipientName: t.exposeString('recipientName', { nullable: true }),
    recipientPhone: t.exposeString('recipientPhone', { nullable: true }),
    deliveryAddress: t.exposeString('deliveryAddress', { nullable: true }),
    validFrom: t.expose('validFrom', { type: 'DateTime' }),
    validUntil: t.expose('validUntil', { type: 'DateTime' }),
    termDays: t.exposeInt('termDays', {
      description: 'Length of one term, in days: what renewSubscriptionByTerm adds.',
    }),
    nextDeliveryAt: t.expose('nextDeliveryAt', {
      type: 'DateTime',
      nullable: true,
      description: "Start of the next delivery's window; empty once cancelled.",
    }),
    windowMinutes: t.exposeInt('windowMinutes', { description: "Length of each delivery's window." }),
    version: t.exposeInt('version', { description: 'Send it back with every change (optimistic locking).' }),
    cancelReason: t.exposeString('cancelReason', { nullable: true }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    pauseReason: t.exposeString('pauseReason', {
      nullable: true,
      description:
        'Why the generator paused it (its product archived, off sale or deleted); a manager must fix it and resume. ' +
        'Empty for a pause by people.',
    }),
    needsAttention: t.boolean({
      description: 'Paused by the generator for a reason a manager must act on (pauseReason).',
      select: { pauseReason: true },
      resolve: (s) => s.pauseReason !== null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    // The orders rule of the root `orders` field: a customer sees theirs, a key needs orders:read.
    orders: t.relatedConnection('orders', {
      cursor: 'id',
      ...visibleOrders.guard,
      query: (_args, ctx) => ({ where: visibleOrders.nested(ctx), orderBy: { id: 'desc' } }),
      totalCount: true,
    }),
  }),
});

// Beside the subscription's own fields rather than in customers.schema.ts: the rule is this feature's.
builder.prismaObjectFields('Customer', (t) => ({
  subscriptions: t.relatedConnection('subscriptions', {
    cursor: 'id',
    ...visibleSubscriptions.guard,
    query: (_args, ctx) => ({ where: visibleSubscriptions.nested(ctx), orderBy: { id: 'desc' } }),
    totalCount: true,
  }),
}));

builder.prismaObjectFields('Order', (t) => ({
  subscription: t.relation('subscription', {
    nullable: true,
    description: 'The subscription this order delivers, when the generator made it.',
    ...visibleSubscriptions.guard,
  }),
}));

const SubscriptionsFilterInput = builder.inputType('SubscriptionsFilter', {
  fields: (t) => ({
    status: t.field({
      type: [SubscriptionStatusEnum],
      required: false,
      extensions: { maxItems: Object.keys(SubscriptionStatus).length },
    }),
    needsAttention: t.boolean({
      required: false,
      description:
        'true: only those the generator paused for a manager to act on (pauseReason); false: the others.',
    }),
  }),
});

const subscriptionsWhere = (
  filter: { status?: SubscriptionStatus[] | null; needsAttention?: boolean | null } | null | undefined,
) => ({
  ...(filter?.status?.length ? { status: { in: filter.status } } : {}),
  ...(typeof filter?.needsAttention === 'boolean'
    ? { pauseReason: filter.needsAttention ? { not: null } : null }
    : {}),
});

const subscriptionsCount = countBesidePage(
  (args: { filter?: Parameters<typeof subscriptionsWhere>[0] }, ctx) =>
    ctx.prisma.subscription.count({
      where: { AND: [visibleSubscriptions(ctx), subscriptionsWhere(args.filter)] },
    }),
);

builder.queryField('subscriptions', (t) =>
  t.prismaConnection({
    type: 'Subscription',
    cursor: 'id',
    description:
      'Subscriptions of the active shop (managers and admins; a customer: their own), newest first.',
    authScopes: { signedIn: true },
    args: { filter: t.arg({ type: SubscriptionsFilterInput, required: false }) },
    resolve: (query, _root, args, ctx, info) => {
      subscriptionsCount.start(args, ctx, info);
      return ctx.prisma.subscription.findMany({
        ...query,
        where: { AND: [visibleSubscriptions(ctx), subscriptionsWhere(args.filter)] },
        orderBy: { id: 'desc' },
      });
    },
    totalCount: subscriptionsCount.totalCount,
  }),
);

builder.queryField('subscription', (t) =>
  t.prismaField({
    type: 'Subscription',
    nullable: true,
    authScopes: { signedIn: true },
    args: { id: t.arg.globalID({ for: SubscriptionRef }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.subscription.findFirst({
        ...query,
        where: { AND: [{ id: args.id.id }, visibleSubscriptions(ctx)] },
      }),
  }),
);

builder.subscriptionField('subscriptionChanged', (t) =>
  t.prismaField({
    type: 'Subscription',
    nullable: true,
    description:
      'Each subscription of the active shop the viewer may see (managers and admins all, a customer their ' +
      'own), as it changes: paused, resumed, renewed, cancelled, ended, or an order made from it.',
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) =>
      shopChangesAmong(ctx, 'subscription', {
        where: visibleSubscriptions(ctx),
        visible: (id, where) =>
          ctx.prisma.subscription.findFirst({ where: { AND: [{ id }, where] }, select: { id: true } }),
      }),
    resolve: (query, change: ShopChange, _args, ctx) => {
      const where = { AND: [{ id: change.id }, visibleSubscriptions(ctx)] };
      return rereadShared(ctx, 'subscription', change, [where, query], () =>
        ctx.prisma.subscription.findFirst({ ...query, where }),
      );
    },
  }),
);
