// Figures managers read: what the stock on hand and what the write-offs of a period cost.
import type { Database } from '../../transaction.js';

export function expiringBatchesWhere(shopId: string, withinHours: number) {
  return {
    stockItem: { shopId },
    writtenOffAt: null,
    quantityRemaining: { gt: 0 },
    expiresAt: { lte: new Date(Date.now() + withinHours * 3_600_000) },
  };
}

/** Remaining units of live batches at each batch's own unit cost. */
export async function stockValueMinor(db: Database, where: { shopId?: string; stockItemId?: string }) {
  const batches = await db.stockBatch.findMany({
    where: {
      writtenOffAt: null,
      quantityRemaining: { gt: 0 },
      ...(where.stockItemId ? { stockItemId: where.stockItemId } : { stockItem: { shopId: where.shopId } }),
    },
    select: { quantityRemaining: true, unitCostMinor: true },
  });
  return batches.reduce((sum, b) => sum + b.quantityRemaining * b.unitCostMinor, 0);
}

/** WRITE_OFF movements in [from, to) at their batches' unit costs. */
export async function writeOffsValueMinor(db: Database, shopId: string, from: Date, to: Date) {
  const movements = await db.stockMovement.findMany({
    where: { shopId, kind: 'WRITE_OFF', at: { gte: from, lt: to } },
    select: { quantity: true, batch: { select: { unitCostMinor: true } } },
  });
  return movements.reduce((sum, m) => sum - m.quantity * (m.batch?.unitCostMinor ?? 0), 0);
}
