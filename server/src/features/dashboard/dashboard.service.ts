import type { OrderStatus, Prisma } from '@posy/prisma';
import type { Context } from '../../context.js';
import { type Money, money } from '../common/money.schema.js';
import { addDays, localDaysRange, localToday } from '../reports/local-days.js';

/** What the dashboard counts as "soon"; both have bounds checked by the schema. */
export interface DashboardOptions {
  /** A delivery whose window ends within this many minutes and is not yet out is at risk. @default 60 */
  atRiskMinutes: number;
  /** A batch expiring within this many hours is expiring soon. @default 24 */
  expiringHours: number;
}

export const DEFAULT_DASHBOARD_OPTIONS: DashboardOptions = { atRiskMinutes: 60, expiringHours: 24 };

export interface Dashboard {
  /** The shop's local date the figures are for, and its zone. */
  date: string;
  timeZone: string;
  generatedAt: Date;
  ordersByStatus: { status: OrderStatus; count: number }[];
  paidRevenue: Money;
  bookedRevenue: Money;
  bookedOrders: number;
  lateDeliveries: number;
  atRiskDeliveries: number;
  productionWaiting: number;
  productionInProgress: number;
  expiringBatches: number;
  expiringStockItems: number;
  subscriptionsEnding: number;
}

const ORDER_STATUSES: OrderStatus[] = [
  'NEW',
  'CONFIRMED',
  'IN_PRODUCTION',
  'READY',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'PICKED_UP',
  'CANCELLED',
];
/** Statuses in which a delivery is finished one way or another: never late. */
const CLOSED: OrderStatus[] = ['DELIVERED', 'PICKED_UP', 'CANCELLED'];
/** Statuses before the courier leaves: a window about to end in one of these is at risk. */
const NOT_YET_OUT: OrderStatus[] = ['NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY'];

/**
 * The shop's day at a glance, for the shop whose figures the caller may read (`reportedShop`). A fixed
 * set of statements whatever the shop's size: one read of the shop, then eight aggregates in parallel,
 * each a COUNT/SUM/GROUP BY in PostgreSQL on the shop's indexes, never rows brought to node to count.
 */
export async function dashboardOf(
  ctx: Context,
  shopId: string,
  options: DashboardOptions = DEFAULT_DASHBOARD_OPTIONS,
  now: Date = new Date(),
): Promise<Dashboard> {
  const shop = await ctx.prisma.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { timezone: true, currency: true },
  });
  const today = localToday(now, shop.timezone);
  const todayRange = { gte: today.start, lt: today.end };
  const atRiskUntil = new Date(now.getTime() + options.atRiskMinutes * 60_000);
  const expiringUntil = new Date(now.getTime() + options.expiringHours * 3_600_000);
  // "This week": the seven local days from today, so a Sunday's dashboard still looks a week ahead.
  const weekEnd = localDaysRange(today.date, addDays(today.date, 7), shop.timezone).end;
  // Today's orders: those whose window is today, and those without a window made today.
  const todays: Prisma.OrderWhereInput = {
    shopId,
    OR: [{ windowStart: todayRange }, { windowStart: null, createdAt: todayRange }],
  };
  const deliveries: Prisma.OrderWhereInput = { shopId, fulfillment: 'DELIVERY' };

  const [byStatus, paid, booked, late, atRisk, tasks, expiring, ending] = await Promise.all([
    ctx.prisma.order.groupBy({ by: ['status'], where: todays, _count: { _all: true } }),
    ctx.prisma.order.aggregate({
      where: { shopId, paymentStatus: 'PAID', paidAt: todayRange },
      _sum: { totalMinor: true },
    }),
    ctx.prisma.order.aggregate({
      where: { shopId, createdAt: todayRange, status: { not: 'CANCELLED' } },
      _sum: { totalMinor: true },
      _count: { _all: true },
    }),
    // Late today: a window that ended since local midnight without the delivery closing.
    ctx.prisma.order.count({
      where: { ...deliveries, windowEnd: { gte: today.start, lt: now }, status: { notIn: CLOSED } },
    }),
    ctx.prisma.order.count({
      where: { ...deliveries, windowEnd: { gte: now, lte: atRiskUntil }, status: { in: NOT_YET_OUT } },
    }),
    ctx.prisma.productionTask.groupBy({
      by: ['status'],
      where: { shopId, status: { in: ['PENDING', 'IN_PROGRESS'] } },
      _count: { _all: true },
    }),
    ctx.prisma.stockBatch.groupBy({
      by: ['stockItemId'],
      where: {
        stockItem: { shopId },
        quantityRemaining: { gt: 0 },
        writtenOffAt: null,
        expiresAt: { gte: now, lte: expiringUntil },
      },
      _count: { _all: true },
    }),
    ctx.prisma.subscription.count({
      where: { shopId, status: { in: ['ACTIVE', 'PAUSED'] }, validUntil: { gte: now, lt: weekEnd } },
    }),
  ]);

  const statusCount = new Map(byStatus.map((row) => [row.status, row._count._all]));
  const taskCount = new Map(tasks.map((row) => [row.status, row._count._all]));
  return {
    date: today.date,
    timeZone: shop.timezone,
    generatedAt: now,
    ordersByStatus: ORDER_STATUSES.map((status) => ({ status, count: statusCount.get(status) ?? 0 })),
    paidRevenue: money(paid._sum.totalMinor ?? 0, shop.currency),
    bookedRevenue: money(booked._sum.totalMinor ?? 0, shop.currency),
    bookedOrders: booked._count._all,
    lateDeliveries: late,
    atRiskDeliveries: atRisk,
    productionWaiting: taskCount.get('PENDING') ?? 0,
    productionInProgress: taskCount.get('IN_PROGRESS') ?? 0,
    expiringBatches: expiring.reduce((sum, row) => sum + row._count._all, 0),
    expiringStockItems: expiring.length,
    subscriptionsEnding: ending,
  };
}
