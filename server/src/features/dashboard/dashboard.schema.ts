import { z } from 'zod';
import { builder } from '../../builder.js';
import { reportedShop } from '../common/access.js';
import { MoneyRef } from '../common/money.schema.js';
import { OrderStatusEnum } from '../orders/orders.schema.js';
import { type Dashboard, DEFAULT_DASHBOARD_OPTIONS, dashboardOf } from './dashboard.service.js';
import { type DashboardTick, dashboardTicks } from './dashboard-ticks.js';

/** Who reads the shop's figures; `reportedShop` (access.ts) is the rule, this the schema's first gate. */
export const REPORT_READERS = { shopRole: ['ADMIN', 'MANAGER'], apiScope: 'reports:read' } as const;

const OrderStatusCountRef = builder
  .objectRef<{ status: Dashboard['ordersByStatus'][number]['status']; count: number }>('OrderStatusCount')
  .implement({
    fields: (t) => ({
      status: t.field({ type: OrderStatusEnum, resolve: (row) => row.status }),
      count: t.exposeInt('count'),
    }),
  });

export const DashboardRef = builder.objectRef<Dashboard>('Dashboard').implement({
  description: 'The shop’s day at a glance, counted in its time zone.',
  fields: (t) => ({
    date: t.exposeString('date', { description: 'The shop’s local date (YYYY-MM-DD) the figures are for.' }),
    timeZone: t.exposeString('timeZone', { description: 'The IANA zone the day is counted in.' }),
    generatedAt: t.expose('generatedAt', { type: 'DateTime' }),
    ordersByStatus: t.field({
      type: [OrderStatusCountRef],
      description:
        'Today’s orders (window starting today, or no window and made today) by status; every status, ' +
        'zeros included.',
      resolve: (d) => d.ordersByStatus,
    }),
    paidRevenue: t.field({
      type: MoneyRef,
      description:
        'Money taken today: totals of orders paid today (paidAt) that are still paid (refunds excluded).',
      resolve: (d) => d.paidRevenue,
    }),
    bookedRevenue: t.field({
      type: MoneyRef,
      description:
        'The day’s booked total: totals of orders made today, paid or not; cancelled ones excluded.',
      resolve: (d) => d.bookedRevenue,
    }),
    bookedOrders: t.exposeInt('bookedOrders', { description: 'Orders made today, cancelled ones excluded.' }),
    lateDeliveries: t.exposeInt('lateDeliveries', {
      description: 'Deliveries whose window ended today, before now, not delivered nor cancelled.',
    }),
    atRiskDeliveries: t.exposeInt('atRiskDeliveries', {
      description:
        'Deliveries whose window ends within `atRiskMinutes` and that are not yet out for delivery.',
    }),
    productionWaiting: t.exposeInt('productionWaiting', {
      description: 'Production tasks nobody has taken.',
    }),
    productionInProgress: t.exposeInt('productionInProgress', {
      description: 'Production tasks a florist is making.',
    }),
    expiringBatches: t.exposeInt('expiringBatches', {
      description: 'Stock batches with stems left that expire within `expiringHours`.',
    }),
    expiringStockItems: t.exposeInt('expiringStockItems', {
      description: 'Stock items with at least one such batch.',
    }),
    subscriptionsEnding: t.exposeInt('subscriptionsEnding', {
      description:
        'Active or paused subscriptions whose validity ends within the seven local days from today.',
    }),
  }),
});

/** The dashboard's arguments, the same on `Query.dashboard` and `DashboardTick.dashboard`. */
const dashboardArgs = builder.args((t) => ({
  atRiskMinutes: t.int({
    required: false,
    description: `Minutes before a window ends that a delivery not yet out is at risk; default ${DEFAULT_DASHBOARD_OPTIONS.atRiskMinutes}.`,
    validate: z.number().int().min(1).max(720, 'At most 12 hours'),
  }),
  expiringHours: t.int({
    required: false,
    description: `Hours ahead a batch counts as expiring soon; default ${DEFAULT_DASHBOARD_OPTIONS.expiringHours}.`,
    validate: z.number().int().min(1).max(168, 'At most a week'),
  }),
}));

const optionsOf = (args: { atRiskMinutes?: number | null; expiringHours?: number | null }) => ({
  atRiskMinutes: args.atRiskMinutes ?? DEFAULT_DASHBOARD_OPTIONS.atRiskMinutes,
  expiringHours: args.expiringHours ?? DEFAULT_DASHBOARD_OPTIONS.expiringHours,
});

builder.queryField('dashboard', (t) =>
  t.field({
    type: DashboardRef,
    description:
      'Today’s figures of the active shop, in one round trip: admins, managers, reports:read keys.',
    authScopes: REPORT_READERS,
    args: dashboardArgs,
    resolve: (_root, args, ctx) => dashboardOf(ctx, reportedShop(ctx), optionsOf(args)),
  }),
);

const DashboardTickReasonEnum = builder.enumType('DashboardTickReason', {
  values: {
    CHANGE: { description: 'Orders or production tasks of the shop changed.' },
    CLOCK: { description: 'Time passed: late and at-risk counts may have moved.' },
  },
});

const DashboardTickRef = builder.objectRef<DashboardTick>('DashboardTick').implement({
  description: 'Time to read the dashboard again; `dashboard` carries it, read when the tick is sent.',
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    reason: t.field({ type: DashboardTickReasonEnum, resolve: (tick) => tick.reason }),
    dashboard: t.field({
      type: DashboardRef,
      args: dashboardArgs,
      resolve: (_tick, args, ctx) => dashboardOf(ctx, reportedShop(ctx), optionsOf(args)),
    }),
  }),
});

builder.subscriptionField('dashboardTick', (t) =>
  t.field({
    type: DashboardTickRef,
    description:
      'Tells a staff dashboard to refresh: after changes of the shop’s orders and production (coalesced, at ' +
      'most one tick per couple of seconds), and every minute for the clock. Same readers as `dashboard`.',
    authScopes: REPORT_READERS,
    subscribe: (_root, _args, ctx) => dashboardTicks(ctx.pubsub, reportedShop(ctx), ctx.config.dashboard),
    resolve: (tick) => tick,
  }),
);
