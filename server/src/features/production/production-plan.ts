// The batches a florist takes an order's stems from, earliest expiry first, as consumption does; for all
// the tasks of a page at once (src/load-in-tick.ts), so the board's statements do not grow with its tasks.
import type { Context } from '../../context.js';
import { loadInTick } from '../../load-in-tick.js';
import { type ConsumedBatch, planOrdersConsumption } from '../stock/stock-reservations.service.js';

/**
 * The batches of the task: for an open task, those consumption would take now (FEFO; the plan writes
 * nothing); for a finished one, those it did take (its CONSUMPTION movements); none for a cancelled one.
 */
export async function batchesOf(
  ctx: Context,
  task: { orderId: string; status: string },
): Promise<ConsumedBatch[]> {
  if (task.status === 'CANCELLED') return [];
  if (task.status === 'DONE')
    return (await loadInTick(ctx, 'production:taken', task.orderId, (ids) => takenBatches(ctx, ids))) ?? [];
  return (
    (await loadInTick(ctx, 'production:plan', task.orderId, (ids) => planOrdersConsumption(ctx, ids))) ?? []
  );
}

/** The batches finished orders took, by order: their CONSUMPTION movements, in the order they were made. */
async function takenBatches(ctx: Context, orderIds: string[]): Promise<Map<string, ConsumedBatch[]>> {
  const movements = await ctx.prisma.stockMovement.findMany({
    where: { orderId: { in: orderIds }, kind: 'CONSUMPTION', batchId: { not: null } },
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
    select: {
      orderId: true,
      stockItemId: true,
      batchId: true,
      quantity: true,
      batch: { select: { expiresAt: true } },
    },
  });
  const byOrder = new Map<string, ConsumedBatch[]>();
  for (const m of movements) {
    const taken = byOrder.get(m.orderId!) ?? [];
    taken.push({
      batchId: m.batchId!,
      stockItemId: m.stockItemId,
      quantity: -m.quantity,
      expiresAt: m.batch?.expiresAt ?? null,
    });
    byOrder.set(m.orderId!, taken);
  }
  return byOrder;
}
