import type { graphql } from '../../graphql/graphql';
import type { OrdersSearch } from './orders-search';

export { type OrdersSearch, ordersQueryString, ordersSearchParams } from './orders-search';

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

/** The `filter` argument of `orders`, leaving out what is not set. */
export function ordersFilter(search: OrdersSearch): { status?: OrderStatus[]; search?: string } {
  const filter: { status?: OrderStatus[]; search?: string } = {};
  if (search.statuses.length) filter.status = search.statuses;
  if (search.search) filter.search = search.search;
  return filter;
}
