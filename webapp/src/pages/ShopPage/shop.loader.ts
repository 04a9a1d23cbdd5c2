import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

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

/**
 * The catalog holds one shop's bouquets in one page: 48 is more than a florist's shelf, and keeps the
 * query well inside the server's cost limit (a hundred with their photos is above it).
 */
export const CatalogQuery = graphql(
  `
  query Catalog {
    categories {
      id
      name
    }
    products(activeOnly: true, first: 48) {
      edges {
        node {
          ...CatalogProductFields
        }
      }
    }
  }
`,
  [CatalogProductFields],
);

export function preloadShop({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(CatalogQuery, {}, intent, 'shop');
}
