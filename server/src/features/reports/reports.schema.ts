import { builder } from '../../builder.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { reportedShop } from '../common/access.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { REPORT_READERS } from '../dashboard/dashboard.schema.js';
import { OrderSourceEnum } from '../orders/orders.schema.js';
import { StockUnitEnum } from '../products/products.schema.js';
import {
  MAX_REPORT_DAYS,
  type ReportPeriod,
  reportPeriod,
  type SalesByChannel,
  type SalesByCourier,
  type SalesByDay,
  type SalesByProduct,
  type SalesFigures,
  salesByChannel,
  salesByCourier,
  salesByDay,
  salesByProduct,
  type WriteOffByStockItem,
  writeOffsByStockItem,
} from './reports.service.js';

export const ReportPeriodInput = builder.inputType('ReportPeriodInput', {
  description: `Local dates [from, to) in the shop’s time zone, at most ${MAX_REPORT_DAYS} days.`,
  fields: (t) => ({
    from: t.string({ description: 'First day, YYYY-MM-DD, included.' }),
    to: t.string({ description: 'The day after the last, YYYY-MM-DD, excluded.' }),
  }),
});

/** A report's rows carry their period, for the currency of their amounts. */
type Row<T> = T & { period: ReportPeriod };
const withPeriod = <T>(period: ReportPeriod, rows: T[]): Row<T>[] => rows.map((row) => ({ ...row, period }));

/** The columns every sales row shares: orders, revenue, cost, margin. */
const SalesFiguresRef = builder.interfaceRef<Row<SalesFigures>>('SalesFigures').implement({
  description: 'Orders, revenue, cost and margin of a group of sales; cancelled orders are never counted.',
  fields: (t) => ({
    orders: t.int({ description: 'Orders counted, cancelled ones excluded.', resolve: (row) => row.orders }),
    revenue: t.field({ type: MoneyRef, resolve: (row) => money(row.revenueMinor, row.period.currency) }),
    cost: t.field({
      type: MoneyRef,
      description: 'The lines’ unit cost (as recorded when ordered) × quantity.',
      resolve: (row) => money(row.costMinor, row.period.currency),
    }),
    margin: t.field({
      type: MoneyRef,
      description: 'Revenue − cost.',
      resolve: (row) => money(row.revenueMinor - row.costMinor, row.period.currency),
    }),
  }),
});

const SalesByDayRef = builder.objectRef<Row<SalesByDay>>('SalesByDay').implement({
  interfaces: [SalesFiguresRef],
  fields: (t) => ({
    day: t.string({
      description: 'The local date the orders were made, YYYY-MM-DD.',
      resolve: (row) => row.day,
    }),
  }),
});
const SalesByProductRef = builder.objectRef<Row<SalesByProduct>>('SalesByProduct').implement({
  interfaces: [SalesFiguresRef],
  description: 'Lines of one product; revenue is the lines’ totals, without delivery fees.',
  fields: (t) => ({
    productId: t.field({ type: 'ID', resolve: (row) => encodeGlobalId('Product', row.productId) }),
    productName: t.string({ description: 'Its name now.', resolve: (row) => row.productName }),
    quantity: t.int({ resolve: (row) => row.quantity }),
  }),
});
const SalesByCourierRef = builder.objectRef<Row<SalesByCourier>>('SalesByCourier').implement({
  interfaces: [SalesFiguresRef],
  description: 'Orders of one courier; courier null for orders nobody delivers (pickups, unassigned).',
  fields: (t) => ({
    courierId: t.field({
      type: 'ID',
      nullable: true,
      resolve: (row) => (row.courierId ? encodeGlobalId('User', row.courierId) : null),
    }),
    courierName: t.string({ nullable: true, resolve: (row) => row.courierName }),
  }),
});
const SalesByChannelRef = builder.objectRef<Row<SalesByChannel>>('SalesByChannel').implement({
  interfaces: [SalesFiguresRef],
  description: 'Orders by where they came from (Order.source).',
  fields: (t) => ({
    source: t.field({ type: OrderSourceEnum, resolve: (row) => row.source }),
  }),
});

const SalesReportRef = builder.objectRef<ReportPeriod>('SalesReport').implement({
  description:
    'Sales of a period: orders made in it (on the local day they were made), cancelled orders excluded. ' +
    'Revenue is what an order charges (lines, delivery fee, discount), cost its lines’ recorded unit cost. ' +
    'Each breakdown is one SQL aggregate, run only when asked for.',
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    timeZone: t.exposeString('timeZone'),
    byDay: t.field({
      type: [SalesByDayRef],
      description: 'Days with sales, in order; days without any are left out.',
      resolve: async (p, _args, ctx) => withPeriod(p, await salesByDay(ctx, p)),
    }),
    byProduct: t.field({
      type: [SalesByProductRef],
      resolve: async (p, _args, ctx) => withPeriod(p, await salesByProduct(ctx, p)),
    }),
    byCourier: t.field({
      type: [SalesByCourierRef],
      resolve: async (p, _args, ctx) => withPeriod(p, await salesByCourier(ctx, p)),
    }),
    byChannel: t.field({
      type: [SalesByChannelRef],
      resolve: async (p, _args, ctx) => withPeriod(p, await salesByChannel(ctx, p)),
    }),
  }),
});

const WriteOffByStockItemRef = builder.objectRef<Row<WriteOffByStockItem>>('WriteOffByStockItem').implement({
  fields: (t) => ({
    stockItemId: t.field({ type: 'ID', resolve: (row) => encodeGlobalId('StockItem', row.stockItemId) }),
    stockItemName: t.string({ resolve: (row) => row.stockItemName }),
    unit: t.field({ type: StockUnitEnum, resolve: (row) => row.unit }),
    quantity: t.int({ description: 'Units written off (positive).', resolve: (row) => row.quantity }),
    cost: t.field({
      type: MoneyRef,
      description: 'At the unit cost of the batch each unit came from.',
      resolve: (row) => money(row.costMinor, row.period.currency),
    }),
  }),
});

const WriteOffReportRef = builder.objectRef<ReportPeriod>('WriteOffReport').implement({
  description: 'Stock written off in a period (spoiled, damaged, expired …), by stock item, costliest first.',
  fields: (t) => ({
    from: t.exposeString('from'),
    to: t.exposeString('to'),
    timeZone: t.exposeString('timeZone'),
    byStockItem: t.field({
      type: [WriteOffByStockItemRef],
      resolve: async (p, _args, ctx) => withPeriod(p, await writeOffsByStockItem(ctx, p)),
    }),
  }),
});

builder.queryFields((t) => ({
  salesReport: t.field({
    type: SalesReportRef,
    description: 'Sales of the active shop for a period: admins, managers, reports:read keys.',
    authScopes: REPORT_READERS,
    args: { period: t.arg({ type: ReportPeriodInput }) },
    resolve: (_root, args, ctx) => reportPeriod(ctx, reportedShop(ctx), args.period),
  }),
  writeOffReport: t.field({
    type: WriteOffReportRef,
    description: 'Write-offs of the active shop for a period: admins, managers, reports:read keys.',
    authScopes: REPORT_READERS,
    args: { period: t.arg({ type: ReportPeriodInput }) },
    resolve: (_root, args, ctx) => reportPeriod(ctx, reportedShop(ctx), args.period),
  }),
}));
