import type { graphql } from '../../graphql/graphql';

export type OrderStatus = ReturnType<typeof graphql.scalar<'OrderStatus'>>;

/** Every order status, in the order an order moves through them: the filter chips' order. */
export const orderStatuses = [
  'NEW',
  'CONFIRMED',
  'IN_PRODUCTION',
  'READY',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'CANCELLED',
] as const satisfies readonly OrderStatus[];

/** The order board's filter as it lives in the URL (`?status=NEW,READY&q=roses`), so it survives reloads and links. */
export interface OrdersSearch {
  statuses: OrderStatus[];
  search: string;
}

type QueryValue = string | string[] | undefined;

function first(value: QueryValue): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function isOrderStatus(value: string): value is OrderStatus {
  return (orderStatuses as readonly string[]).includes(value);
}

/** Reads the filter from the URL's query; unknown statuses are dropped, duplicates collapse. */
export function parseOrdersSearch(query: { status?: QueryValue; q?: QueryValue }): OrdersSearch {
  const requested = new Set(first(query.status).split(',').filter(isOrderStatus));
  return {
    statuses: orderStatuses.filter((status) => requested.has(status)),
    search: first(query.q).trim(),
  };
}

/** The query values to write back (undefined removes a key), in the shape useSearchParams' setter takes. */
export function ordersSearchParams(search: OrdersSearch): {
  status: string | undefined;
  q: string | undefined;
} {
  return {
    status: search.statuses.length ? search.statuses.join(',') : undefined,
    q: search.search.trim() || undefined,
  };
}

/** `?status=…&q=…`, or '' for the unfiltered board. */
export function ordersQueryString(search: OrdersSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(ordersSearchParams(search))) {
    if (value !== undefined) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The `filter` argument of `orders`, leaving out what is not set. */
export function ordersFilter(search: OrdersSearch): { status?: OrderStatus[]; search?: string } {
  const filter: { status?: OrderStatus[]; search?: string } = {};
  if (search.statuses.length) filter.status = search.statuses;
  if (search.search) filter.search = search.search;
  return filter;
}
