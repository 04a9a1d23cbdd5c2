import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** A shop's catalog is a few dozen products: one page of this size holds it, and a search narrows it. */
export const catalogPageSize = 100;

/** Products with what the back office weighs them by: price, cost of the composition and margin. */
export const CatalogQuery = graphql(`
  query Catalog($search: String, $first: Int!) {
    products(search: $search, first: $first) {
      totalCount
      edges {
        node {
          id
          name
          active
          price {
            amountMinor
            currency
          }
          cost {
            amountMinor
            currency
          }
          margin
          photos {
            id
            image {
              id
              thumbnails {
                url
                width
              }
            }
          }
        }
      }
    }
  }
`);

export type CatalogProduct = ResultOf<typeof CatalogQuery>['products']['edges'][number]['node'];

export function preloadCatalog({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(CatalogQuery, { search: null, first: catalogPageSize }, intent, 'catalog');
}
