import { Role } from '@posy/prisma';
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { personName, personView } from '../common/access.js';
import { ShopRef } from '../shops/shops.schema.js';
import { findMe } from './users.service.js';

export const RoleEnum = builder.enumType(Role, { name: 'Role' });

builder.prismaObject('Membership', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    role: t.expose('role', { type: RoleEnum }),
    shop: t.relation('shop'),
    user: t.relation('user'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const seesSelf = (user: { id: string }, _args: unknown, ctx: Context) => personView(ctx, user) === 'self';
const seesAsStaff = (user: { id: string }, _args: unknown, ctx: Context) =>
  personView(ctx, user) !== 'public';

/**
 * A person. What each viewer sees of them is decided by `personView` (common/access.ts): themself
 * everything, the shop's staff the name, Telegram username and locale, a customer a first name only.
 * Users are not Relay nodes on purpose: a global user lookup by id would cross shop boundaries.
 */
builder.prismaObject('User', {
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.string({
      description: 'The full name; a customer (anyone but the shop’s staff) sees others’ first name only.',
      select: { name: true },
      resolve: (user, _args, ctx) => personName(ctx, user),
    }),
    telegramUsername: t.exposeString('telegramUsername', { nullable: true, authScopes: seesAsStaff }),
    locale: t.exposeString('locale', { authScopes: seesAsStaff }),
    email: t.exposeString('email', { nullable: true, authScopes: seesSelf }),
    phone: t.exposeString('phone', { nullable: true, authScopes: seesSelf }),
    memberships: t.relation('memberships', {
      authScopes: seesSelf,
      query: { where: { revokedAt: null }, orderBy: { createdAt: 'asc' } },
    }),
    customerOf: t.field({
      type: [ShopRef],
      description: 'Shops the user is a customer of (the Mini App offers them when there are several).',
      authScopes: seesSelf,
      select: { customerProfiles: { select: { shop: true }, orderBy: { createdAt: 'asc' } } },
      resolve: (user) => user.customerProfiles.map((profile) => profile.shop),
    }),
  }),
});

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in user, or null for anonymous callers and API keys.',
    resolve: (query, _root, _args, ctx) => findMe(ctx, query),
  }),
);
