import { builder } from '../../builder.js';
import { activeShop } from './shops.service.js';

export const ShopRef = builder.prismaNode('Shop', {
  select: { id: true },
  id: { field: 'id' },
  // A shop is reachable by id only as the active shop the viewer was admitted to.
  findUnique: (id, ctx) => ({ id, AND: [{ id: ctx.shopId ?? '' }] }),
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    slug: t.exposeString('slug'),
    currency: t.exposeString('currency'),
    timezone: t.exposeString('timezone'),
    phone: t.exposeString('phone', { nullable: true }),
    address: t.exposeString('address', { nullable: true }),
  }),
});

builder.queryField('shop', (t) =>
  t.prismaField({
    type: 'Shop',
    description: 'The active shop (chosen with the X-Shop-Id header).',
    authScopes: { signedIn: true },
    resolve: (query, _root, _args, ctx) => activeShop(ctx, query),
  }),
);
