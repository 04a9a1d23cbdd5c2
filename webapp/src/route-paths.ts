import { type OrdersSearch, ordersQueryString } from './pages/OrdersPage/orders-filter';

/**
 * The route table's paths (routes.tsx pairs each with its page and loader). Links are built with
 * `href` below, never by hand, so a renamed path breaks the type check instead of a link.
 */
export const routePaths = {
  login: '/login',
  shops: '/shops',
  orders: '/orders',
  order: '/orders/:orderId',
} as const;

export const href = {
  /** The login page; `next` is where to go after signing in. */
  login: (next?: string) =>
    next ? `${routePaths.login}?next=${encodeURIComponent(next)}` : routePaths.login,
  shops: () => routePaths.shops,
  orders: (search?: OrdersSearch) => `${routePaths.orders}${search ? ordersQueryString(search) : ''}`,
  /** Relay global IDs are base64 and may hold "/", "+" and "=", so the segment is encoded. */
  order: (orderId: string) => routePaths.order.replace(':orderId', encodeURIComponent(orderId)),
} as const;

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

/** Where to go after signing in: the login page's `next` query value when it is safe, else the order board. */
export function afterLoginPath(next: string | string[] | undefined): string {
  const path = inAppPath(Array.isArray(next) ? next[0] : next, routePaths.orders);
  const isLoginPage = path === routePaths.login || path.startsWith(`${routePaths.login}?`);
  return isLoginPage ? routePaths.orders : path;
}
