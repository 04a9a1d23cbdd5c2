import type { Context } from '../../context.js';
import { loadInTick } from '../../load-in-tick.js';
import { senderKnownOrders } from '../common/access.js';

/** What a customer's orders add up to, counting only the orders the viewer may see. */
export interface CustomerTotals {
  /** Orders not cancelled. */
  orderCount: number;
  /** The totals of those that are paid (refunded ones are not). */
  spentMinor: number;
  /** When the latest of them was placed. */
  lastOrderAt: Date | null;
}

const NONE: CustomerTotals = { orderCount: 0, spentMinor: 0, lastOrderAt: null };

/**
 * The totals of one customer. Every customer asked for in the same wave of resolvers (a page of the
 * customers list, the customers of a page of orders) is answered by one grouped query (src/load-in-tick.ts),
 * so a page costs one statement whatever its size, not one per customer.
 */
export async function customerTotals(ctx: Context, customerId: string): Promise<CustomerTotals> {
  return (await loadInTick(ctx, 'customerTotals', customerId, (ids) => loadTotals(ctx, ids))) ?? NONE;
}

async function loadTotals(ctx: Context, customerIds: string[]) {
  // One row per customer and payment status: counts and latest over all, sums of the PAID rows only.
  const groups = await ctx.prisma.order.groupBy({
    by: ['customerId', 'paymentStatus'],
    where: {
      AND: [
        { customerId: { in: customerIds } },
        senderKnownOrders.nested(ctx),
        { status: { not: 'CANCELLED' } },
      ],
    },
    _count: { _all: true },
    _sum: { totalMinor: true },
    _max: { createdAt: true },
  });
  const totals = new Map<string, CustomerTotals>();
  for (const group of groups) {
    const sum = totals.get(group.customerId) ?? { ...NONE };
    sum.orderCount += group._count._all;
    if (group.paymentStatus === 'PAID') sum.spentMinor += group._sum.totalMinor ?? 0;
    const latest = group._max.createdAt;
    if (latest && (!sum.lastOrderAt || latest > sum.lastOrderAt)) sum.lastOrderAt = latest;
    totals.set(group.customerId, sum);
  }
  return totals;
}
