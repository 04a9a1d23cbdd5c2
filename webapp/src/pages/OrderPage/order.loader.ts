import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { orderIdFromParams } from '../../route-paths';

const MoneyFields = graphql(`
  fragment MoneyFields on Money @_unmask {
    amountMinor
    currency
  }
`);

/** Everything the order page shows: the query and the live updates select the same. */
export const OrderDetailsFields = graphql(
  `
  fragment OrderDetailsFields on Order @_unmask {
    id
    number
    status
    paymentStatus
    fulfillment
    version
    nextStatuses
    createdAt
    customer {
      id
      name
      phone
    }
    recipientName
    recipientPhone
    deliveryAddress
    windowStart
    windowEnd
    cardText
    items {
      id
      quantity
      productName
      unitPrice {
        ...MoneyFields
      }
      total {
        ...MoneyFields
      }
    }
    subtotal {
      ...MoneyFields
    }
    deliveryFee {
      ...MoneyFields
    }
    total {
      ...MoneyFields
    }
    florist {
      id
      name
    }
    courier {
      id
      name
    }
    cancelReason
    paymentMethod
    paymentReference
    bouquetPhoto {
      id
      url
    }
    events {
      id
      at
      fromStatus
      toStatus
      note
      actor {
        id
        name
      }
    }
  }
`,
  [MoneyFields],
);

export const OrderQuery = graphql(
  `
  query Order($id: ID!) {
    order(id: $id) {
      ...OrderDetailsFields
    }
  }
`,
  [OrderDetailsFields],
);

/** The order again each time it changes (status, assignment, payment), over the WebSocket. */
export const OrderUpdatedSubscription = graphql(
  `
  subscription OrderUpdated($id: ID!) {
    orderUpdated(id: $id) {
      ...OrderDetailsFields
    }
  }
`,
  [OrderDetailsFields],
);

/** The order behind `/orders/:orderId`. */
export function preloadOrder({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(OrderQuery, { id: orderIdFromParams(params) }, intent, 'shop');
}
