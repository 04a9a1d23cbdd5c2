import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { subscriptionsVariables } from './subscriptions-variables';

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
  query Subscriptions($filter: SubscriptionsFilter, $first: Int!, $after: String) {
    subscriptions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
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

/** The list's first page, every subscription (the switch starts off). */
export function preloadSubscriptions({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(SubscriptionsQuery, subscriptionsVariables(false, null), intent, 'subscriptions');
}
