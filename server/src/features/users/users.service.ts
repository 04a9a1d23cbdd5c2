import type { Prisma } from '@posy/prisma';
import type { Context } from '../../context.js';

/** The relations a caller wants loaded with a user (Pothos' `query`): a Prisma shape, not GraphQL. */
type UserQuery = { include?: Prisma.UserInclude; select?: Prisma.UserSelect };

/** The signed-in user; null for anonymous callers and API keys, which are nobody. */
export async function findMe(ctx: Context, query: UserQuery = {}) {
  // Read before deciding: Pothos takes a `query` left unread for a forgotten spread (onUnusedQuery),
  // and in select mode it always holds at least the id.
  const selection = { ...query };
  if (ctx.viewer.kind !== 'user') return null;
  return ctx.prisma.user.findUnique({ ...selection, where: { id: ctx.viewer.userId } });
}
