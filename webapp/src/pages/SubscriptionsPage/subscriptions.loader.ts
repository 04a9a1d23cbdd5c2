import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

export const subscriptionsPageSize = 50;

/**
 * What a row shows and its actions send back (`version`); pause, resume, cancel and renew answer with the
 * same. `validFrom` and `validUntil` give the length of a term, which a renewal adds by default.
 */
export const SubscriptionFields = graphql(`
  fragment SubscriptionFields on CustomerSubscription @_unmask {
    id
    version
    status
    plan
    frequency
    quantity
    needsAttention
    pauseReason
    nextDeliveryAt
    validFrom
    validUntil
    customer {
      id
      name
    }
    product {
      id
      name
    }
    price {
      amountMinor
      currency
    }
  }
`);

/** The shop's subscriptions, newest first; `needsAttention` narrows to those the generator paused. */
export const SubscriptionsQuery = graphql(
  `
  query Subscriptions($filter: SubscriptionsFilter, $first: Int!) {
    subscriptions(filter: $filter, first: $first) {
      totalCount
      edges {
        node {
          ...SubscriptionFields
        }
      }
    }
  }
`,
  [SubscriptionFields],
);

export type ShopSubscription = ResultOf<typeof SubscriptionFields>;

export function preloadSubscriptions({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(SubscriptionsQuery, { filter: null, first: subscriptionsPageSize }, intent, 'subscriptions');
}
