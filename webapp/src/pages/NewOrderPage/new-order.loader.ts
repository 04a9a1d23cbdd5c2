import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** What the form offers: the catalog's active products, the pickup points and zones, the card text limit. */
export const NewOrderQuery = graphql(`
  query NewOrder {
    products(activeOnly: true, first: 100) {
      edges {
        node {
          id
          name
          price {
            amountMinor
            currency
          }
        }
      }
    }
    checkoutSettings {
      cardTextMaxLength
      pickupPoints {
        id
        name
        address
        active
      }
      zones {
        id
        name
        active
      }
    }
  }
`);

export const CustomerSearchQuery = graphql(`
  query CustomerSearch($search: String!) {
    customers(search: $search, first: 8) {
      edges {
        node {
          id
          name
          phone
        }
      }
    }
  }
`);

export const AvailableSlotsQuery = graphql(`
  query AvailableSlots($date: String!, $productIds: [ID!], $zoneId: ID) {
    availableSlots(date: $date, productIds: $productIds, zoneId: $zoneId) {
      slotId
      windowStart
      windowEnd
      available
      remaining
      reason
    }
  }
`);

export function preloadNewOrder({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(NewOrderQuery, {}, intent, 'newOrder');
}
