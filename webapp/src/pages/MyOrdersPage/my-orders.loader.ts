import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { myOrdersVariables } from './my-orders-variables';

/** One of the customer's orders in their list: no staff names, no payment references. */
export const MyOrderCardFields = graphql(`
  fragment MyOrderCardFields on Order @_unmask {
    id
    number
    status
    paymentStatus
    fulfillment
    recipientName
    windowStart
    windowEnd
    total {
      amountMinor
      currency
    }
  }
`);

/** One page of the customer's orders, newest first (the server shows a customer their own only). */
export const MyOrdersQuery = graphql(
  `
  query MyOrders($first: Int!, $after: String) {
    orders(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...MyOrderCardFields
        }
      }
    }
  }
`,
  [MyOrderCardFields],
);

export const MyOrderChangedSubscription = graphql(
  `
  subscription MyOrderChanged {
    myOrderChanged {
      ...MyOrderCardFields
    }
  }
`,
  [MyOrderCardFields],
);

/** The list's first page. */
export function preloadMyOrders({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(MyOrdersQuery, myOrdersVariables(null), intent, 'myOrders');
}
