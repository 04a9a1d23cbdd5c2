// Who may do what with deliveries (features/delivery). Beside access.ts, which holds the rules of every
// other feature and had reached its size; the same habits: named rules, written once, used by every path.
import type { OrderStatus, Prisma } from '@posy/prisma';
import { type Context, requireShop } from '../../context.js';
import { forbidden } from '../../errors.js';

/** Orders that may still be given a courier: the bouquet has not left the shop, nor is it cancelled. */
export const ASSIGNABLE_STATUSES: readonly OrderStatus[] = ['NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY'];

/**
 * Whether the viewer runs the shop's deliveries: assigns couriers, acts on any delivery, sees every
 * courier's day. Admins and managers, and API keys holding orders:write (the shop's own dispatch systems),
 * like every other change to orders.
 */
export function managesDeliveries(ctx: Context): boolean {
  if (ctx.shopRole === 'ADMIN' || ctx.shopRole === 'MANAGER') return true;
  return ctx.shopRole === 'API_KEY' && ctx.viewer.kind === 'apiKey' && ctx.viewer.scopes.has('orders:write');
}

/** Refuses anyone but those who run the shop's deliveries ({@link managesDeliveries}). */
export function assertManagesDeliveries(ctx: Context) {
  if (!managesDeliveries(ctx)) throw forbidden('Assigning couriers is for the shop’s admins and managers');
}

/** The courier the viewer is, or null when they are not acting as a courier of the shop. */
export function courierSelf(ctx: Context): string | null {
  return ctx.shopRole === 'COURIER' && ctx.viewer.kind === 'user' ? ctx.viewer.userId : null;
}

/**
 * Whether the viewer may move this delivery along (pick up, go, complete, fail, attach a proof): its own
 * courier, or those who manage deliveries. Florists and customers act on no delivery (the fields' auth
 * scopes refuse them before this).
 */
export function actsOnDelivery(ctx: Context, order: { courierId: string | null }): boolean {
  if (managesDeliveries(ctx)) return true;
  const self = courierSelf(ctx);
  return self !== null && order.courierId === self;
}

/**
 * The orders a delivery step may name: those the viewer sees (a courier: their own) and, for a courier,
 * the shop's other deliveries, so that one taken by someone else answers DeliveryTaken or NotYourDelivery
 * rather than NOT_FOUND. Ids are random uuids a courier only learns from the pool or their own list.
 */
export function deliveryLookup(ctx: Context): Prisma.OrderWhereInput {
  const shopId = requireShop(ctx);
  if (courierSelf(ctx) !== null || managesDeliveries(ctx)) return { shopId };
  throw forbidden('Deliveries are for the shop’s couriers and managers');
}

/**
 * The delivery pool (`deliveryPool`): the shop's delivery orders no courier has yet that may still get
 * one. For couriers only while the shop lets them take deliveries (its courierAssignment); managers see it
 * always, to assign from.
 */
export function pooledDeliveries(ctx: Context): Prisma.OrderWhereInput {
  const shopId = requireShop(ctx);
  const pool: Prisma.OrderWhereInput = {
    shopId,
    fulfillment: 'DELIVERY',
    courierId: null,
    status: { in: [...ASSIGNABLE_STATUSES] },
  };
  if (managesDeliveries(ctx)) return pool;
  if (courierSelf(ctx) === null) throw forbidden('The delivery pool is for the shop’s couriers and managers');
  return { ...pool, shop: { courierAssignment: 'COURIERS_TAKE_FROM_POOL' } };
}

/**
 * One courier's deliveries (`myDeliveries`, `deliveries`): a courier sees their own day only; those who
 * manage deliveries, and keys reading orders, any courier's.
 */
export function courierDeliveries(ctx: Context, courierId: string): Prisma.OrderWhereInput {
  const shopId = requireShop(ctx);
  const self = courierSelf(ctx);
  const readsOrders =
    ctx.shopRole === 'API_KEY' && ctx.viewer.kind === 'apiKey' && ctx.viewer.scopes.has('orders:read');
  if (self !== courierId && !managesDeliveries(ctx) && !readsOrders)
    throw forbidden('A courier sees their own deliveries; the others’ are for managers');
  return { shopId, fulfillment: 'DELIVERY', courierId };
}

/**
 * Whether the viewer sees a delivery's proof photo and its code attempts: the shop's staff (the courier
 * took it, managers approve with it). Not the customer: a proof shows the recipient's door, and maybe the
 * recipient, whom an anonymous sender or a customer need not see; nor API keys (visibleImages agrees).
 */
export function seesDeliveryProof(ctx: Context): boolean {
  return (
    ctx.shopRole === 'ADMIN' ||
    ctx.shopRole === 'MANAGER' ||
    ctx.shopRole === 'FLORIST' ||
    ctx.shopRole === 'COURIER'
  );
}
