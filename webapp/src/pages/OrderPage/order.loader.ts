import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { loadQuery } from '../../graphql/client';
import { graphql } from '../../graphql/graphql';
import { orderIdFromParams } from '../../route-paths';

const MoneyFields = graphql(`
  fragment MoneyFields on Money @_unmask {
    amountMinor
    currency
  }
`);

export const OrderQuery = graphql(
  `
  query Order($id: ID!) {
    order(id: $id) {
      id
      number
      status
      paymentStatus
      fulfillment
      version
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
        product {
          id
          name
        }
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
  }
`,
  [MoneyFields],
);

/** The order behind `/orders/:orderId`. */
export function preloadOrder({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(OrderQuery, { id: orderIdFromParams(params) }, intent, 'shop');
}
