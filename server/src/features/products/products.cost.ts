import type { Prisma } from '@posy/prisma';

/** The stock an item's cost is averaged over: unexpired batches with something left, not written off. */
export function currentBatches(now: Date) {
  const where: Prisma.StockBatchWhereInput = {
    quantityRemaining: { gt: 0 },
    writtenOffAt: null,
    OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
  };
  return { where, select: { quantityRemaining: true, unitCostMinor: true } } as const;
}

interface CostedStockItem {
  unitCostMinor: number;
  batches: { quantityRemaining: number; unitCostMinor: number }[];
}

/**
 * Cost of one unit of a stock item: the average of its current batches' unit costs weighted by what is left
 * of each, i.e. what the stock on the shelf cost. Weighted rather than the next batch by FEFO because a
 * bouquet is often made from stems of several batches, and because the margin should not jump when one
 * small old batch runs out. Without a current batch, the item's last known unit cost.
 */
export function unitCostOf(item: CostedStockItem): number {
  const remaining = item.batches.reduce((sum, b) => sum + b.quantityRemaining, 0);
  if (remaining === 0) return item.unitCostMinor;
  return item.batches.reduce((sum, b) => sum + b.quantityRemaining * b.unitCostMinor, 0) / remaining;
}

/** What a product costs to make: Σ component quantity × its stock item's unit cost, rounded once at the end. */
export function productCostMinor(components: { quantity: number; stockItem: CostedStockItem }[]) {
  return Math.round(components.reduce((sum, c) => sum + c.quantity * unitCostOf(c.stockItem), 0));
}

/** Share of the price left after cost, e.g. 0.62; null when the price is zero. */
export function marginOf(priceMinor: number, costMinor: number): number | null {
  if (priceMinor <= 0) return null;
  return Math.round(((priceMinor - costMinor) / priceMinor) * 10_000) / 10_000;
}
