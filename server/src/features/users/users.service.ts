import type { Prisma } from '@posy/prisma';
import type { Context } from '../../context.js';

/** The relations a caller wants loaded with a user (Pothos' `query`): a Prisma shape, not GraphQL. */
type UserQuery = { include?: Prisma.UserInclude; select?: Prisma.UserSelect };

/** The signed-in user; null for anonymous callers and API keys, which are nobody. */
export async function findMe(ctx: Context, query: UserQuery = {}) {
  if (ctx.viewer.kind !== 'user') return null;
  return ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.userId } });
}
