import { builder } from '../../builder.js';
import type { Context } from '../../context.js';

export const RoleEnum = builder.enumType('Role', {
  values: ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER'] as const,
});

builder.prismaObject('Membership', {
  fields: (t) => ({
    role: t.expose('role', { type: RoleEnum }),
    shop: t.relation('shop'),
  }),
});

/**
 * A person. Others see only the name; contact details and memberships are the user's own business.
 * Users are not Relay nodes on purpose: a global user lookup by id would cross shop boundaries.
 */
builder.prismaObject('User', {
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    telegramUsername: t.exposeString('telegramUsername', { nullable: true }),
    locale: t.exposeString('locale'),
    email: t.exposeString('email', {
      nullable: true,
      authScopes: (user, _args, ctx) => isSelf(user.id, ctx),
    }),
    phone: t.exposeString('phone', {
      nullable: true,
      authScopes: (user, _args, ctx) => isSelf(user.id, ctx),
    }),
    memberships: t.relation('memberships', {
      authScopes: (user, _args, ctx) => isSelf(user.id, ctx),
      query: { where: { revokedAt: null }, orderBy: { createdAt: 'asc' } },
    }),
  }),
});

function isSelf(userId: string, ctx: Context) {
  return ctx.viewer.kind === 'user' && ctx.viewer.userId === userId;
}

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in user, or null for anonymous callers and API keys.',
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer.kind === 'user'
        ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.userId } })
        : null,
  }),
);
