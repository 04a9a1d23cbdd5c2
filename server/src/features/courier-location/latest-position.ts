import type { CourierPosition } from '@posy/prisma';
import type { Context } from '../../context.js';
import { loadInTick } from '../../load-in-tick.js';

/**
 * The latest stored position of an order, loaded with those of every order of the same list in one query
 * (src/load-in-tick.ts). DISTINCT ON over the (orderId, recordedAt DESC) index reads one row per order;
 * Prisma's nested `take: 1` would read every position of every listed order and drop all but one in memory.
 */
export function latestPositionOf(ctx: Context, orderId: string): Promise<CourierPosition | undefined> {
  return loadInTick(ctx, 'courier-location:latest', orderId, async (orderIds) => {
    const rows = await ctx.prisma.$queryRaw<CourierPosition[]>`
      SELECT DISTINCT ON ("orderId") * FROM "CourierPosition"
      WHERE "orderId" = ANY(${orderIds}::uuid[])
      ORDER BY "orderId", "recordedAt" DESC`;
    return new Map(rows.map((row) => [row.orderId, row]));
  });
}
