import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** A customer's subscriptions (the server lists their own only) and how to reach the shop about them. */
export const MySubscriptionsQuery = graphql(`
  query MySubscriptions {
    subscriptions(first: 10) {
      edges {
        node {
          id
          plan
          status
          frequency
          validFrom
          validUntil
          nextDeliveryAt
          quantity
          price {
            amountMinor
            currency
          }
          product {
            id
            name
          }
        }
      }
    }
    shop {
      id
      phone
    }
  }
`);

export function preloadMySubscription({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(MySubscriptionsQuery, {}, intent, 'myOrders');
}
