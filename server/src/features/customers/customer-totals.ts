import type { Context } from '../../context.js';
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

/** Customers whose totals a request asked for, gathered until the current resolver wave has run. */
type Waiter = { resolve: (totals: CustomerTotals) => void; reject: (error: unknown) => void };
type Batch = Map<string, Waiter[]>;
const pending = new WeakMap<Context, Batch>();

/**
 * The totals of one customer. Every customer asked for in the same wave of resolvers (a page of the
 * customers list, the customers of a page of orders) is answered by one grouped query, so a page costs
 * one statement whatever its size, not one per customer. The wave ends when the event loop is next free
 * (`setImmediate`), after graphql-js has started every sibling field.
 */
export function customerTotals(ctx: Context, customerId: string): Promise<CustomerTotals> {
  let batch = pending.get(ctx);
  if (!batch) {
    const fresh: Batch = new Map();
    pending.set(ctx, fresh);
    batch = fresh;
    setImmediate(() => {
      pending.delete(ctx);
      loadTotals(ctx, fresh);
    });
  }
  const waiting = batch.get(customerId) ?? [];
  batch.set(customerId, waiting);
  return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
}

async function loadTotals(ctx: Context, batch: Batch) {
  try {
    // One row per customer and payment status: counts and latest over all, sums of the PAID rows only.
    const groups = await ctx.prisma.order.groupBy({
      by: ['customerId', 'paymentStatus'],
      where: {
        AND: [
          { customerId: { in: [...batch.keys()] } },
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
    for (const [customerId, waiting] of batch)
      for (const waiter of waiting) waiter.resolve(totals.get(customerId) ?? NONE);
  } catch (error) {
    for (const waiting of batch.values()) for (const waiter of waiting) waiter.reject(error);
  }
}
