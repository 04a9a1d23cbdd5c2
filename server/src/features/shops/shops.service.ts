import type { Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';

/** The relations a caller wants loaded with the shop (Pothos' `query`): a Prisma shape, not GraphQL. */
type ShopQuery = { include?: Prisma.ShopInclude; select?: Prisma.ShopSelect };

/** The active shop the viewer was admitted to (X-Shop-Id, or their only one). */
export function activeShop(ctx: Context, query: ShopQuery = {}) {
  return ctx.prisma.shop.findUniqueOrThrow({ ...query, where: { id: requireShop(ctx) } });
}
