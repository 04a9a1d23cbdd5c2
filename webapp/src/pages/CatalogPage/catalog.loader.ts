import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { catalogVariables } from './catalog-variables';

/** Products with what the back office weighs them by: price, cost of the composition and margin. */
export const CatalogQuery = graphql(`
  query Catalog($search: String, $first: Int!, $after: String) {
    products(search: $search, first: $first, after: $after) {
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

/** The catalog's first page, unsearched (the search box starts empty). */
export function preloadCatalog({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(CatalogQuery, catalogVariables(null, null), intent, 'catalog');
}
