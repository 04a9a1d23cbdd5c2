import type { Prisma, StockMovementKind } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';

export interface StockMovementsFilter {
  kinds?: StockMovementKind[] | null;
  stockItemId?: string | null;
  /** At or after. */
  from?: Date | null;
  /** Before. */
  to?: Date | null;
}

/**
 * The where-clause of the active shop's stock ledger narrowed by `filter`: what a manager reads to see,
 * say, the write-offs of a month with their reasons. Another shop's stock item matches nothing.
 */
export function stockMovementsWhere(
  ctx: Context,
  filter: StockMovementsFilter | null | undefined,
): Prisma.StockMovementWhereInput {
  const at = { ...(filter?.from ? { gte: filter.from } : {}), ...(filter?.to ? { lt: filter.to } : {}) };
  return {
    shopId: requireShop(ctx),
    ...(filter?.kinds?.length ? { kind: { in: filter.kinds } } : {}),
    ...(filter?.stockItemId ? { stockItemId: filter.stockItemId } : {}),
    ...(Object.keys(at).length > 0 ? { at } : {}),
  };
}
