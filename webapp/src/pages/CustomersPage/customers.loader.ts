import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** The list shows this many; a search by name, phone or email narrows it to the one wanted. */
export const customersPageSize = 50;

export const CustomersQuery = graphql(`
  query Customers($search: String, $first: Int!) {
    customers(search: $search, first: $first) {
      totalCount
      edges {
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

export function preloadCustomers({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(CustomersQuery, { search: null, first: customersPageSize }, intent, 'customers');
}
