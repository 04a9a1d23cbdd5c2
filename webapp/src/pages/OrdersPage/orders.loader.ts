import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { VariablesOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { type OrdersSearch, ordersFilter, parseOrdersSearch } from './orders-filter';

/** One order card on the board. */
export const OrderCardFields = graphql(`
  fragment OrderCardFields on Order @_unmask {
    id
    number
    status
    paymentStatus
    fulfillment
    customer {
      id
      name
    }
    recipientName
    deliveryAddress
    windowStart
    windowEnd
    total {
      amountMinor
      currency
    }
  }
`);

export const OrdersQuery = graphql(
  `
  query Orders($first: Int!, $after: String, $filter: OrdersFilter) {
    orders(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...OrderCardFields
        }
      }
    }
  }
`,
  [OrderCardFields],
);

/** Orders per page of the board (and per "load more"). */
export const ordersPageSize = 20;

export function ordersVariables(search: OrdersSearch, after: string | null): VariablesOf<typeof OrdersQuery> {
  return { first: ordersPageSize, after, filter: ordersFilter(search) };
}

/** The board's first page for the filter in the URL. */
export function preloadOrders({ location, intent }: RoutePreloadFuncArgs): void {
  loadQuery(OrdersQuery, ordersVariables(parseOrdersSearch(location.query), null), intent, 'shop');
}
