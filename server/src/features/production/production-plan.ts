// The batches a florist takes an order's stems from, earliest expiry first, as consumption does.
import type { Context } from '../../context.js';
import { type ConsumedBatch, planOrderConsumption } from '../stock/stock-reservations.service.js';

/**
 * The batches of the task: for an open task, those consumption would take now (FEFO; the plan writes
 * nothing); for a finished one, those it did take (its CONSUMPTION movements); none for a cancelled one.
 */
export async function batchesOf(
  ctx: Context,
  task: { orderId: string; status: string },
): Promise<ConsumedBatch[]> {
  if (task.status === 'CANCELLED') return [];
  if (task.status === 'DONE') {
    const movements = await ctx.prisma.stockMovement.findMany({
      where: { orderId: task.orderId, kind: 'CONSUMPTION', batchId: { not: null } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      select: { stockItemId: true, batchId: true, quantity: true, batch: { select: { expiresAt: true } } },
    });
    return movements.map((m) => ({
      batchId: m.batchId!,
      stockItemId: m.stockItemId,
      quantity: -m.quantity,
      expiresAt: m.batch?.expiresAt ?? null,
    }));
  }
  return planOrderConsumption(ctx, task.orderId);
}
