import { announceAccessChanged } from '../../auth/access-events.js';
import { type Context, requireShop } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { publishShopChange } from '../live/shop-changes.js';
import { lockCustomers } from './customer-locks.js';
import { CustomersBothLinked } from './customers.errors.js';

/**
 * Makes two customer records of one person one: typically the one the Telegram sign-in made and the one
 * staff typed in by phone. Everything that references the merged customer (orders, addresses, important
 * dates, subscriptions: every `customerId` of schema.prisma) moves to the kept one; the kept one takes
 * what it lacks of the merged one (Telegram user, phone, email, note); the merged one is deleted.
 *
 * Both rows are locked first, in id order (customer-locks.ts), so of two merges of the same pair the second
 * waits and then finds one of them gone (NOT_FOUND), and no order, address or date written meanwhile is
 * left behind. A customer of another shop is NOT_FOUND; both linked to Telegram users is CustomersBothLinked.
 */
export async function mergeCustomers(ctx: Context, keepId: string, mergeId: string): Promise<{ id: string }> {
  const shopId = requireShop(ctx);
  if (keepId === mergeId) throw badInput('A customer cannot be merged into itself', 'mergeId');
  const locked = await lockCustomers(ctx, shopId, [keepId, mergeId]);
  const keep = locked.get(keepId);
  const merged = locked.get(mergeId);
  if (!keep || !merged) throw notFound('Customer');
  if (keep.userId && merged.userId) throw new CustomersBothLinked();

  const to = { customerId: keep.id };
  const from = { customerId: merged.id };
  // One default address each: the kept customer's stays the default.
  const keepHasDefault = await ctx.prisma.customerAddress.count({ where: { ...to, isDefault: true } });
  const moved = {
    orders: (await ctx.prisma.order.updateMany({ where: from, data: to })).count,
    addresses: (
      await ctx.prisma.customerAddress.updateMany({
        where: from,
        data: { ...to, ...(keepHasDefault ? { isDefault: false } : {}) },
      })
    ).count,
    importantDates: (await ctx.prisma.importantDate.updateMany({ where: from, data: to })).count,
    subscriptions: (await ctx.prisma.subscription.updateMany({ where: from, data: to })).count,
  };
  // Deleted before the kept one takes its Telegram user and phone, which are unique within the shop.
  await ctx.prisma.customer.delete({ where: { id: merged.id } });
  publishShopChange(ctx, shopId, 'customer', [merged.id], { gone: true });
  const taken = {
    ...(!keep.userId && merged.userId ? { userId: merged.userId } : {}),
    ...(!keep.phone && merged.phone ? { phone: merged.phone } : {}),
    ...(!keep.email && merged.email ? { email: merged.email } : {}),
    ...(!keep.note && merged.note ? { note: merged.note } : {}),
  };
  if (Object.keys(taken).length) await ctx.prisma.customer.update({ where: { id: keep.id }, data: taken });

  ctx.audit.target = { type: 'Customer', id: keep.id };
  ctx.audit.changes = {
    keptId: keep.id,
    keptName: keep.name,
    mergedId: merged.id,
    mergedName: merged.name,
    moved,
    taken: Object.keys(taken),
  };
  // The merged customer's Telegram user is now the kept customer: their open sockets reconnect with it.
  const userId = merged.userId;
  if (userId) announceAccessChanged(ctx, `user:${userId}`, 'customer records merged');
  return { id: keep.id };
}
