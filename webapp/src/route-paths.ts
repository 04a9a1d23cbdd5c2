// A type only: the audit filter's code (every action's name) stays off the first screen.
import type { AuditSearch } from './pages/AuditPage/audit-filter';
import { type OrdersSearch, ordersQueryString } from './pages/OrdersPage/orders-search';

/**
 * The route table's paths (routes.tsx pairs each with its page and loader). Links are built with
 * `href` below, never by hand, so a renamed path breaks the type check instead of a link.
 */
export const routePaths = {
  login: '/login',
  shops: '/shops',
  orders: '/orders',
  order: '/orders/:orderId',
  team: '/team',
  apiKeys: '/api-keys',
  audit: '/audit',
  invite: '/invite/:token',
  // Customer (issue 12)
  shop: '/shop',
  product: '/shop/products/:productId',
  cart: '/shop/cart',
  checkout: '/shop/checkout',
  myOrders: '/my/orders',
  myOrder: '/my/orders/:orderId',
  mySubscription: '/my/subscription',
  // Orders and production (issue 13)
  newOrder: '/orders/new',
  production: '/production',
  productionTask: '/production/:taskId',
  // The courier's day (issue 12).
  courier: '/courier',
  courierDelivery: '/courier/deliveries/:orderId',
  // Back office (issue 13)
  stock: '/stock',
  catalog: '/catalog',
  catalogProduct: '/catalog/:productId',
  customers: '/customers',
  customer: '/customers/:customerId',
  checkoutSettings: '/settings/checkout',
  subscriptions: '/subscriptions',
  dashboard: '/dashboard',
} as const;

export const href = {
  /** The login page; `next` is where to go after signing in. */
  login: (next?: string) =>
    next ? `${routePaths.login}?next=${encodeURIComponent(next)}` : routePaths.login,
  shops: () => routePaths.shops,
  orders: (search?: OrdersSearch) => `${routePaths.orders}${search ? ordersQueryString(search) : ''}`,
  /** Relay global IDs are base64 and may hold "/", "+" and "=", so the segment is encoded. */
  order: (orderId: string) => routePaths.order.replace(':orderId', encodeURIComponent(orderId)),
  team: () => routePaths.team,
  apiKeys: () => routePaths.apiKeys,
  audit: (search?: AuditSearch) =>
    `${routePaths.audit}${search?.action ? `?${new URLSearchParams({ action: search.action })}` : ''}`,
  /** The web link of an invite, as the server builds it (`/invite/<token>`). */
  invite: (token: string) => routePaths.invite.replace(':token', encodeURIComponent(token)),
  // Customer (issue 12)
  shop: () => routePaths.shop,
  product: (productId: string) => routePaths.product.replace(':productId', encodeURIComponent(productId)),
  cart: () => routePaths.cart,
  checkout: () => routePaths.checkout,
  myOrders: () => routePaths.myOrders,
  myOrder: (orderId: string) => routePaths.myOrder.replace(':orderId', encodeURIComponent(orderId)),
  mySubscription: () => routePaths.mySubscription,
  // Orders and production (issue 13)
  newOrder: () => routePaths.newOrder,
  production: () => routePaths.production,
  productionTask: (taskId: string) =>
    routePaths.productionTask.replace(':taskId', encodeURIComponent(taskId)),
  // The courier's day (issue 12).
  courier: () => routePaths.courier,
  courierDelivery: (orderId: string) =>
    routePaths.courierDelivery.replace(':orderId', encodeURIComponent(orderId)),
  // Back office (issue 13); IDs are encoded as order IDs are.
  stock: () => routePaths.stock,
  catalog: () => routePaths.catalog,
  catalogProduct: (productId: string) =>
    routePaths.catalogProduct.replace(':productId', encodeURIComponent(productId)),
  customers: () => routePaths.customers,
  customer: (customerId: string) =>
    routePaths.customer.replace(':customerId', encodeURIComponent(customerId)),
  checkoutSettings: () => routePaths.checkoutSettings,
  subscriptions: () => routePaths.subscriptions,
  dashboard: () => routePaths.dashboard,
} as const;

/** The product ID from `/shop/products/:productId` and `/catalog/:productId` params (still encoded, like the order's). */
export function productIdFromParams(params: { productId?: string }): string {
  return decodeURIComponent(params.productId ?? '');
}

/** The order ID from `/orders/:orderId` params (the router hands the segment over still encoded). */
export function orderIdFromParams(params: { orderId?: string }): string {
  return decodeURIComponent(params.orderId ?? '');
}

/**
 * `value` when it is a path inside this app, else `fallback`. Another origin, `//host`, `/\host` and
 * `javascript:` are refused, so a crafted link or history state cannot send the user elsewhere.
 */
export function inAppPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

/** Pages that work without an active shop: the shop picker, and an invite (which is how one gets a shop). */
function needsNoShop(path: string): boolean {
  const pathname = path.split(/[?#]/)[0] ?? '';
  return pathname === routePaths.shops || pathname.startsWith(routePaths.invite.replace(':token', ''));
}

/**
 * Where to go after signing in: the login page's `next` query value when it is safe, else the start
 * page `/` (which sends each role to its home, auth/access.ts `homePath`). Without an active shop (several to pick from, or none yet) only pages that need no shop are
 * kept, so an invite link opened before signing in comes back to the invite; the rest go to the picker.
 */
export function afterLoginPath(next: string | string[] | undefined, hasShop = true): string {
  const path = inAppPath(Array.isArray(next) ? next[0] : next, '/');
  const isLoginPage = path === routePaths.login || path.startsWith(`${routePaths.login}?`);
  const destination = isLoginPage ? '/' : path;
  if (hasShop || needsNoShop(destination)) return destination;
  return routePaths.shops;
}

/** The invite token from `/invite/:token` params (the router hands the segment over still encoded). */
export function inviteTokenFromParams(params: { token?: string }): string {
  return decodeURIComponent(params.token ?? '');
}

/** The task ID from `/production/:taskId` params (encoded like an order's). */
export function taskIdFromParams(params: { taskId?: string }): string {
  return decodeURIComponent(params.taskId ?? '');
}

/** The customer ID from `/customers/:customerId` params (still encoded, like an order's). */
export function customerIdFromParams(params: { customerId?: string }): string {
  return decodeURIComponent(params.customerId ?? '');
}
