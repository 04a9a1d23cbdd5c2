import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { customersVariables } from './customers-variables';

export const CustomersQuery = graphql(`
  query Customers($search: String, $first: Int!, $after: String) {
    customers(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          phone
          email
          totals {
            orderCount
            lastOrderAt
            spent {
              amountMinor
              currency
            }
          }
        }
      }
    }
  }
`);

/** The list's first page, unsearched (the search box starts empty). */
export function preloadCustomers({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(CustomersQuery, customersVariables(null, null), intent, 'customers');
}
