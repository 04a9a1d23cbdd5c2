import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { customerIdFromParams } from '../../route-paths';

/** The important dates as the page lists them; the date mutations answer with the customer's whole list. */
export const ImportantDateFields = graphql(`
  fragment ImportantDateFields on Customer @_unmask {
    id
    importantDates {
      id
      kind
      title
      day
      month
      year
      remindDaysBefore
    }
  }
`);

/** One customer: contacts, totals, their latest orders and their important dates. */
export const CustomerQuery = graphql(
  `
  query Customer($id: ID!) {
    node(id: $id) {
      __typename
      ... on Customer {
        id
        name
        phone
        email
        note
        totals {
          orderCount
          lastOrderAt
          spent {
            amountMinor
            currency
          }
        }
        orders(first: 20) {
          edges {
            node {
              id
              number
              status
              createdAt
              total {
                amountMinor
                currency
              }
            }
          }
        }
        ...ImportantDateFields
      }
    }
  }
`,
  [ImportantDateFields],
);

export type ImportantDate = ResultOf<typeof ImportantDateFields>['importantDates'][number];

export function preloadCustomer({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(CustomerQuery, { id: customerIdFromParams(params) }, intent, 'customers');
}
