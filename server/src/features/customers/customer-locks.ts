import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { publishShopChange } from '../live/shop-changes.js';

/** What a merge reads of each customer, under its lock. */
export interface LockedCustomer {
  id: string;
  userId: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  note: string | null;
}

/**
 * Locks customer rows of one shop (`FOR UPDATE`) for the rest of the transaction, always in id order, so two
 * transactions locking the same pair (a merge A←B beside B←A) wait for each other instead of deadlocking, and
 * the second sees what the first left: a row the first deleted is simply not returned. Every change of a
 * customer's record, addresses or important dates takes this lock first (through `ctx.prisma`, the mutation's
 * transaction); so this is also where the live customer list (`customerChanged`) hears of it, once committed.
 */
export async function lockCustomers(ctx: Context, shopId: string, ids: Iterable<string>) {
  const sorted = [...new Set(ids)].sort();
  if (sorted.length === 0) return new Map<string, LockedCustomer>();
  publishShopChange(ctx, shopId, 'customer', sorted);
  const rows = await ctx.prisma.$queryRaw<LockedCustomer[]>`
    SELECT id::text AS id, "userId"::text AS "userId", name, phone, email, note FROM "Customer"
    WHERE id = ANY(${sorted}::uuid[]) AND "shopId" = ${shopId}::uuid
    ORDER BY id FOR UPDATE`;
  return new Map(rows.map((row) => [row.id, row]));
}

/** Locks one customer of the shop, or NOT_FOUND when there is none (any more). */
export async function lockCustomer(ctx: Context, shopId: string, id: string): Promise<LockedCustomer> {
  const row = (await lockCustomers(ctx, shopId, [id])).get(id);
  if (!row) throw notFound('Customer');
  return row;
}
