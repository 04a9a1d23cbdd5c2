import type { Database } from '../../transaction.js';

/** A batch and how much of it to use (or that was used) for an order. */
export interface ConsumedBatch {
  batchId: string;
  stockItemId: string;
  quantity: number;
  expiresAt: Date | null;
}

/** The live batches of the stock items, earliest expiry first (batches without an expiry last). */
export function liveBatches(db: Database, stockItemIds: Iterable<string>, now = new Date()) {
  return db.stockBatch.findMany({
    where: {
      stockItemId: { in: [...stockItemIds] },
      writtenOffAt: null,
      quantityRemaining: { gt: 0 },
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    orderBy: [{ expiresAt: { sort: 'asc', nulls: 'last' } }, { receivedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, stockItemId: true, quantityRemaining: true, expiresAt: true },
  });
}

type LiveBatch = Awaited<ReturnType<typeof liveBatches>>[number];

/**
 * Plans taking `needs` (stock item → quantity) from live batches earliest-expiry-first: batches without an
 * expiry last, expired or written-off batches never. `short` holds what the live batches cannot cover.
 */
export async function planFefo(db: Database, needs: Map<string, number>, now = new Date()) {
  return fefoFrom(await liveBatches(db, needs.keys(), now), needs);
}

/** planFefo over batches already read (liveBatches, in its order): several orders' plans from one read. */
export function fefoFrom(batches: LiveBatch[], needs: Map<string, number>) {
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
