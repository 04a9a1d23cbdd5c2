import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** What a subscription's card shows and renewing sends back (`version`); the renewal answers with the same. */
export const MySubscriptionFields = graphql(`
  fragment MySubscriptionFields on CustomerSubscription @_unmask {
    id
    version
    plan
    status
    frequency
    validFrom
    validUntil
    termDays
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
`);

/** A customer's subscriptions (the server lists their own only) and how to reach the shop about them. */
export const MySubscriptionsQuery = graphql(
  `
  query MySubscriptions {
    subscriptions(first: 10) {
      edges {
        node {
          ...MySubscriptionFields
        }
      }
    }
    shop {
      id
      phone
    }
  }
`,
  [MySubscriptionFields],
);

export type MySubscription = ResultOf<typeof MySubscriptionFields>;

export function preloadMySubscription({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(MySubscriptionsQuery, {}, intent, 'myOrders');
}
