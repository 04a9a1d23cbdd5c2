import type { Database } from '../../transaction.js';

/** A batch and how much of it to use (or that was used) for an order. */
export interface ConsumedBatch {
  batchId: string;
  stockItemId: string;
  quantity: number;
  expiresAt: Date | null;
}

/**
 * Plans taking `needs` (stock item → quantity) from live batches earliest-expiry-first: batches without an
 * expiry last, expired or written-off batches never. `short` holds what the live batches cannot cover.
 */
export async function planFefo(db: Database, needs: Map<string, number>, now = new Date()) {
  const batches = await db.stockBatch.findMany({
    where: {
      stockItemId: { in: [...needs.keys()] },
      writtenOffAt: null,
      quantityRemaining: { gt: 0 },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    orderBy: [{ expiresAt: { sort: 'asc', nulls: 'last' } }, { receivedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, stockItemId: true, quantityRemaining: true, expiresAt: true },
  });
  const plan: ConsumedBatch[] = [];
  const short = new Map<string, { needed: number; available: number }>();
  for (const [stockItemId, needed] of needs) {
    let left = needed;
    for (const batch of batches) {
      if (left === 0) break;
      if (batch.stockItemId !== stockItemId) continue;
      const quantity = Math.min(left, batch.quantityRemaining);
      plan.push({ batchId: batch.id, stockItemId, quantity, expiresAt: batch.expiresAt });
      left -= quantity;
    }
    if (left > 0) short.set(stockItemId, { needed, available: needed - left });
  }
  return { plan, short };
}
