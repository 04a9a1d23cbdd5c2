// What a customer's checkout needs to know about the active shop, without the staff-only settings
// (slots' capacities, closures' reasons, archived points and zones): see checkoutSettings for those.
import { type Context, requireShop } from '../../context.js';

/** Only what is on offer: archived pickup points and zones are the staff's record, not a choice. */
export const offeredOnly = { where: { active: true }, orderBy: { name: 'asc' } } as const;

/** The active shop, read with the query the client asked for (its checkout options). */
export function checkoutOptionsOf<Query extends object>(ctx: Context, query: Query) {
  return ctx.prisma.shop.findUniqueOrThrow({ ...query, where: { id: requireShop(ctx) } });
}
