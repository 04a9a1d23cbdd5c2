import { Role } from '@posy/prisma';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { ShopRef } from '../shops/shops.schema.js';

export const RoleEnum = builder.enumType(Role, { name: 'Role' });

builder.prismaObject('Membership', {
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.expose('role', { type: RoleEnum }),
    shop: t.relation('shop'),
    user: t.relation('user'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
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
      authScopes: (user, _args, ctx) => isSelf(user, ctx),
    }),
    phone: t.exposeString('phone', {
      nullable: true,
      authScopes: (user, _args, ctx) => isSelf(user, ctx),
    }),
    memberships: t.relation('memberships', {
      authScopes: (user, _args, ctx) => isSelf(user, ctx),
      query: { where: { revokedAt: null }, orderBy: { createdAt: 'asc' } },
    }),
    customerOf: t.field({
      type: [ShopRef],
      description: 'Shops the user is a customer of (the Mini App offers them when there are several).',
      authScopes: (user, _args, ctx) => isSelf(user, ctx),
      select: { customerProfiles: { select: { shop: true }, orderBy: { createdAt: 'asc' } } },
      resolve: (user) => user.customerProfiles.map((profile) => profile.shop),
    }),
  }),
});

/**
 * Users a sign-in just proved to be the caller (`AuthPayload.user`): that request carries no token
 * yet, but the answer (email, memberships) is theirs to see.
 */
const signedInUsers = new WeakSet<object>();

/** Marks the user a sign-in mutation returns as the caller's own record. */
export function asSignedInUser<T extends object>(user: T): T {
  signedInUsers.add(user);
  return user;
}

function isSelf(user: { id: string }, ctx: Context) {
  return signedInUsers.has(user) || (ctx.viewer.kind === 'user' && ctx.viewer.userId === user.id);
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
