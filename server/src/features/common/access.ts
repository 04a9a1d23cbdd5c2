import type { Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { forbidden } from '../../errors.js';

/**
 * Which orders of the active shop the viewer may see. The single place this rule lives: lists, node
 * lookups and nested fields all filter through it.
 */
export function visibleOrders(ctx: Context): Prisma.OrderWhereInput {
  const shopId = requireShop(ctx);
  const { viewer } = ctx;
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
    case 'FLORIST':
      return { shopId };
    case 'COURIER':
      // A courier sees only what they deliver.
      return { shopId, courierId: viewer.kind === 'user' ? viewer.userId : '' };
    case 'CUSTOMER':
      return { shopId, customerId: ctx.customerId ?? '' };
    case 'API_KEY':
      if (viewer.kind === 'apiKey' && viewer.scopes.has('orders:read')) return { shopId };
      throw forbidden('This API key lacks the orders:read scope');
    default:
      throw forbidden();
  }
}

/** Customers of the active shop the viewer may see: managers see all, a customer only themself. */
export function visibleCustomers(ctx: Context): Prisma.CustomerWhereInput {
  const shopId = requireShop(ctx);
  switch (ctx.shopRole) {
    case 'ADMIN':
    case 'MANAGER':
      return { shopId };
    case 'CUSTOMER':
      return { shopId, id: ctx.customerId ?? '' };
    case 'API_KEY':
      if (ctx.viewer.kind === 'apiKey' && ctx.viewer.scopes.has('customers:read')) return { shopId };
      throw forbidden('This API key lacks the customers:read scope');
    default:
      throw forbidden();
  }
}

/** The catalog is visible to everyone in the shop; API keys need catalog:read. */
export function visibleProducts(ctx: Context): Prisma.ProductWhereInput {
  const shopId = requireShop(ctx);
  if (
    ctx.shopRole === 'API_KEY' &&
    !(ctx.viewer.kind === 'apiKey' && ctx.viewer.scopes.has('catalog:read'))
  ) {
    throw forbidden('This API key lacks the catalog:read scope');
  }
  // Customers see what is on sale; staff also see inactive products.
  return ctx.shopRole === 'CUSTOMER' ? { shopId, active: true, archivedAt: null } : { shopId };
}
