import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

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

/** The server shows a customer their own orders only; fifty is more than a customer keeps track of. */
export const MyOrdersQuery = graphql(
  `
  query MyOrders {
    orders(first: 50) {
      edges {
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

export function preloadMyOrders({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(MyOrdersQuery, {}, intent, 'myOrders');
}
