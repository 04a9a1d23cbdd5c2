import type { Context } from '../../context.js';
import type { Database } from '../../transaction.js';
import { publishShopChange } from '../live/shop-changes.js';

/**
 * Locks stock item rows for the rest of the transaction (`FOR UPDATE`), always in id order so two
 * transactions locking overlapping sets wait for each other instead of deadlocking. Every change of
 * onHand, reserved or a batch's remaining quantity takes these locks first, batches (if any) after; so this is
 * also where the live stock list (`stockItemChanged`) hears of them, once `ctx`'s transaction commits.
 */
export async function lockStockItems(
  ctx: Context,
  db: Database,
  shopId: string,
  stockItemIds: Iterable<string>,
) {
  const ids = [...new Set(stockItemIds)].sort();
  publishShopChange(ctx, shopId, 'stockItem', ids);
  if (ids.length === 0) return new Map<string, { onHand: number; reserved: number }>();
  const rows = await db.$queryRaw<{ id: string; onHand: number; reserved: number }[]>`
    SELECT id::text AS id, "onHand", reserved FROM "StockItem"
    WHERE id = ANY(${ids}::uuid[]) AND "shopId" = ${shopId}::uuid
    ORDER BY id FOR UPDATE`;
  return new Map(rows.map((r) => [r.id, { onHand: r.onHand, reserved: r.reserved }]));
}
