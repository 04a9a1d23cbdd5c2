import type { OrderStatus } from './orders-filter';

// The filter's URL form, apart from its parsing: links to the board are built on every screen (route-paths.ts),
// the parsing only runs on the board.

/** The order board's filter as it lives in the URL (`?status=NEW,READY&q=roses`), so it survives reloads and links. */
export interface OrdersSearch {
  statuses: OrderStatus[];
  search: string;
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
