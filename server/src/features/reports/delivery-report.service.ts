import { Prisma } from '@posy/prisma';
import type { Context } from '../../context.js';
import type { ReportPeriod } from './reports.service.js';

/** One local day's deliveries: those whose window ended that day. */
export interface DeliveriesByDay {
  day: string;
  /** Delivery orders due that day, cancelled ones excluded. */
  due: number;
  /** Handed over by the end of their window. */
  onTime: number;
  /** Handed over after their window, or still not handed over once it ended. */
  late: number;
  /** Of the late ones, those not handed over (yet, or failed). */
  undelivered: number;
  /** How late the late handovers were, on average, in minutes; null when none was. */
  averageLateMinutes: number | null;
}

/** An instant as the columns store it: timestamp without zone, in UTC, whatever the session's TimeZone. */
const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/**
 * Deliveries of the period by the local day their window ended, with how many were late: handed over
 * (Delivery.deliveredAt) after the window's end, or not handed over though the window has ended by `now`.
 * A window still open is neither late nor on time yet. One statement from the shop's orders of the period.
 */
export async function deliveriesByDay(
  ctx: Context,
  p: ReportPeriod,
  now = new Date(),
): Promise<DeliveriesByDay[]> {
  const rows = await ctx.prisma.$queryRaw<
    {
      day: string;
      due: bigint;
      onTime: bigint;
      late: bigint;
      undelivered: bigint;
      averageLateMinutes: number | null;
    }[]
  >`
    SELECT to_char((o."windowEnd" AT TIME ZONE 'UTC') AT TIME ZONE ${p.timeZone}, 'YYYY-MM-DD') AS day,
      count(*) AS due,
      count(*) FILTER (WHERE d."deliveredAt" <= o."windowEnd") AS "onTime",
      count(*) FILTER (WHERE d."deliveredAt" > o."windowEnd"
        OR (d."deliveredAt" IS NULL AND o."windowEnd" < ${utc(now)})) AS late,
      count(*) FILTER (WHERE d."deliveredAt" IS NULL AND o."windowEnd" < ${utc(now)}) AS undelivered,
      round(avg(extract(epoch FROM d."deliveredAt" - o."windowEnd") / 60)
        FILTER (WHERE d."deliveredAt" > o."windowEnd"))::float8 AS "averageLateMinutes"
    FROM "Order" o
    LEFT JOIN "Delivery" d ON d."orderId" = o.id
    WHERE o."shopId" = ${p.shopId}::uuid AND o.fulfillment = 'DELIVERY' AND o.status <> 'CANCELLED'
      AND o."windowEnd" >= ${utc(p.start)} AND o."windowEnd" < ${utc(p.end)}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({
    day: row.day,
    due: Number(row.due),
    onTime: Number(row.onTime),
    late: Number(row.late),
    undelivered: Number(row.undelivered),
    averageLateMinutes: row.averageLateMinutes,
  }));
}
