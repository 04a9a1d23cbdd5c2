import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { shopVariables } from './shop-variables';

/** A product as the catalog and its page show it to customers: no cost, margin or stock items. */
export const CatalogProductFields = graphql(`
  fragment CatalogProductFields on Product @_unmask {
    id
    name
    description
    leadTimeMinutes
    price {
      amountMinor
      currency
    }
    category {
      id
    }
    photos {
      id
      image {
        id
        url
        thumbnails {
          url
          width
        }
      }
    }
  }
`);

/** The shelves (categories) with something on sale, for the catalog's chips: none leads to an empty shelf. */
export const ShopShelvesQuery = graphql(`
  query ShopShelves {
    categories(withProductsOnSale: true) {
      id
      name
    }
  }
`);

/**
 * One page of the catalog, on sale only, of one shelf or all; a page of 24 with their photos keeps the
 * query well inside the server's cost limit (a hundred with their photos is above it).
 */
export const CatalogQuery = graphql(
  `
  query Catalog($categoryId: ID, $first: Int!, $after: String) {
    products(activeOnly: true, categoryId: $categoryId, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...CatalogProductFields
        }
      }
    }
  }
`,
  [CatalogProductFields],
);

/** The shelves and the first page of every shelf (no chip is chosen when the catalog opens). */
export function preloadShop({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(ShopShelvesQuery, {}, intent, 'shop');
  loadQuery(CatalogQuery, shopVariables(null, null), intent, 'shop');
}
