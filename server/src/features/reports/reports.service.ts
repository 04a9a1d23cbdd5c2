import { type OrderSource, Prisma, type StockUnit } from '@posy/prisma';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { isLocalDate } from '../checkout/local-time.js';
import { daysBetween, localDaysRange } from './local-days.js';

/** The longest period one report covers: a year, leap day included. */
export const MAX_REPORT_DAYS = 366;

/** A report's period: local dates `[from, to)` in the shop's zone, and the instants they span. */
export interface ReportPeriod {
  shopId: string;
  from: string;
  to: string;
  timeZone: string;
  currency: string;
  start: Date;
  end: Date;
}

/**
 * Checks a period (both valid dates, from before to, at most MAX_REPORT_DAYS) and resolves it in the shop's
 * zone. Bad input is BAD_USER_INPUT naming the field (`period.from`, `period.to`).
 */
export async function reportPeriod(
  ctx: Context,
  shopId: string,
  period: { from: string; to: string },
): Promise<ReportPeriod> {
  if (!isLocalDate(period.from)) throw badInput('from must be a date, YYYY-MM-DD', 'period.from');
  if (!isLocalDate(period.to)) throw badInput('to must be a date, YYYY-MM-DD', 'period.to');
  const days = daysBetween(period.from, period.to);
  if (days <= 0) throw badInput('from must be before to', 'period.to');
  if (days > MAX_REPORT_DAYS) throw badInput(`A report covers at most ${MAX_REPORT_DAYS} days`, 'period.to');
  const shop = await ctx.prisma.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: { timezone: true, currency: true },
  });
  return {
    shopId,
    ...period,
    timeZone: shop.timezone,
    currency: shop.currency,
    ...localDaysRange(period.from, period.to, shop.timezone),
  };
}

/** Sales figures of a group of orders (or of order lines, by product). */
export interface SalesFigures {
  orders: number;
  revenueMinor: number;
  costMinor: number;
}

export interface SalesByDay extends SalesFigures {
  day: string;
}
export interface SalesByProduct extends SalesFigures {
  productId: string;
  productName: string;
  quantity: number;
}
export interface SalesByCourier extends SalesFigures {
  courierId: string | null;
  courierName: string | null;
}
export interface SalesByChannel extends SalesFigures {
  source: OrderSource;
}

/** An instant as the columns store it: timestamp without zone, in UTC, whatever the session's TimeZone. */
const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** SUM and COUNT come back as bigint; a shop's year of kopecks fits a double exactly. */
type Raw<T> = { [K in keyof T]: T[K] extends number ? bigint | number : T[K] };
const figures = <T extends SalesFigures>(rows: Raw<T>[]): T[] =>
  rows.map(
    (row) =>
      Object.fromEntries(
        Object.entries(row).map(([key, value]) => [key, typeof value === 'bigint' ? Number(value) : value]),
      ) as T,
  );

/*
 * Aggregations are $queryRaw with typed rows rather than Prisma's groupBy: groupBy groups by columns only,
 * and these group by the local day of an instant (AT TIME ZONE) and sum across a join (an order's lines'
 * cost, price × quantity), which it cannot express. Each is one statement the database answers from the
 * shop's (shopId, createdAt) index, whatever the period's size. Sales are orders made in the period (by
 * createdAt, on the local day they were made), cancelled ones excluded; revenue is what the order charges
 * (its total: lines, delivery fee, discount), cost the lines' unit cost × quantity.
 */

export async function salesByDay(ctx: Context, p: ReportPeriod): Promise<SalesByDay[]> {
  const rows = await ctx.prisma.$queryRaw<Raw<SalesByDay>[]>`
    SELECT to_char((o."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE ${p.timeZone}, 'YYYY-MM-DD') AS day,
      count(*) AS orders, coalesce(sum(o."totalMinor"), 0) AS "revenueMinor",
      coalesce(sum(c.cost), 0) AS "costMinor"
    FROM "Order" o
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(i."unitCostMinor"::bigint * i.quantity), 0) AS cost FROM "OrderItem" i WHERE i."orderId" = o.id
    ) c
    WHERE o."shopId" = ${p.shopId}::uuid AND o.status <> 'CANCELLED'
      AND o."createdAt" >= ${utc(p.start)} AND o."createdAt" < ${utc(p.end)}
    GROUP BY 1 ORDER BY 1`;
  return figures(rows);
}

/** By product: the lines of the period's orders; revenue is the lines' totals (no delivery fee). */
export async function salesByProduct(ctx: Context, p: ReportPeriod): Promise<SalesByProduct[]> {
  const rows = await ctx.prisma.$queryRaw<Raw<SalesByProduct>[]>`
    SELECT i."productId"::text AS "productId", pr.name AS "productName", count(DISTINCT o.id) AS orders,
      sum(i.quantity) AS quantity, sum(i."totalMinor") AS "revenueMinor",
      sum(i."unitCostMinor"::bigint * i.quantity) AS "costMinor"
    FROM "Order" o JOIN "OrderItem" i ON i."orderId" = o.id JOIN "Product" pr ON pr.id = i."productId"
    WHERE o."shopId" = ${p.shopId}::uuid AND o.status <> 'CANCELLED'
      AND o."createdAt" >= ${utc(p.start)} AND o."createdAt" < ${utc(p.end)}
    GROUP BY i."productId", pr.name ORDER BY "revenueMinor" DESC, pr.name`;
  return figures(rows);
}

export async function salesByCourier(ctx: Context, p: ReportPeriod): Promise<SalesByCourier[]> {
  const rows = await ctx.prisma.$queryRaw<Raw<SalesByCourier>[]>`
    SELECT o."courierId"::text AS "courierId", u.name AS "courierName", count(*) AS orders,
      sum(o."totalMinor") AS "revenueMinor", coalesce(sum(c.cost), 0) AS "costMinor"
    FROM "Order" o
    LEFT JOIN "User" u ON u.id = o."courierId"
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(i."unitCostMinor"::bigint * i.quantity), 0) AS cost FROM "OrderItem" i WHERE i."orderId" = o.id
    ) c
    WHERE o."shopId" = ${p.shopId}::uuid AND o.status <> 'CANCELLED'
      AND o."createdAt" >= ${utc(p.start)} AND o."createdAt" < ${utc(p.end)}
    GROUP BY o."courierId", u.name ORDER BY "revenueMinor" DESC, u.name NULLS LAST`;
  return figures(rows);
}

export async function salesByChannel(ctx: Context, p: ReportPeriod): Promise<SalesByChannel[]> {
  const rows = await ctx.prisma.$queryRaw<Raw<SalesByChannel>[]>`
    SELECT o.source::text AS source, count(*) AS orders, sum(o."totalMinor") AS "revenueMinor",
      coalesce(sum(c.cost), 0) AS "costMinor"
    FROM "Order" o
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(i."unitCostMinor"::bigint * i.quantity), 0) AS cost FROM "OrderItem" i WHERE i."orderId" = o.id
    ) c
    WHERE o."shopId" = ${p.shopId}::uuid AND o.status <> 'CANCELLED'
      AND o."createdAt" >= ${utc(p.start)} AND o."createdAt" < ${utc(p.end)}
    GROUP BY o.source ORDER BY "revenueMinor" DESC, o.source`;
  return figures(rows);
}

export interface WriteOffByStockItem {
  stockItemId: string;
  stockItemName: string;
  unit: StockUnit;
  quantity: number;
  costMinor: number;
}

/**
 * Write-offs of the period (WRITE_OFF movements, signed negative in the ledger, so negated here), by stock
 * item; cost at the unit cost of the batch each came from, else the item's current unit cost.
 */
export async function writeOffsByStockItem(ctx: Context, p: ReportPeriod): Promise<WriteOffByStockItem[]> {
  const rows = await ctx.prisma.$queryRaw<
    (Omit<WriteOffByStockItem, 'quantity' | 'costMinor'> & { quantity: bigint; costMinor: bigint })[]
  >`
    SELECT s.id::text AS "stockItemId", s.name AS "stockItemName", s.unit::text AS unit,
      -sum(m.quantity) AS quantity,
      -sum(m.quantity::bigint * coalesce(b."unitCostMinor", s."unitCostMinor")) AS "costMinor"
    FROM "StockMovement" m
    JOIN "StockItem" s ON s.id = m."stockItemId"
    LEFT JOIN "StockBatch" b ON b.id = m."batchId"
    WHERE m."shopId" = ${p.shopId}::uuid AND m.kind = 'WRITE_OFF' AND m.at >= ${utc(p.start)} AND m.at < ${utc(p.end)}
    GROUP BY s.id, s.name, s.unit ORDER BY "costMinor" DESC, s.name`;
  return rows.map((row) => ({ ...row, quantity: Number(row.quantity), costMinor: Number(row.costMinor) }));
}
