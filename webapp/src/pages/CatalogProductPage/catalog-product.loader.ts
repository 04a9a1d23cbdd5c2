import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { productIdFromParams } from '../../route-paths';

/** What the product page shows and edits; updateProduct and the photo mutations answer with the same. */
export const ProductFields = graphql(`
  fragment ProductFields on Product @_unmask {
    id
    name
    description
    active
    leadTimeMinutes
    price {
      amountMinor
      currency
    }
    cost {
      amountMinor
      currency
    }
    marginAmount {
      amountMinor
      currency
    }
    margin
    components {
      quantity
      stockItem {
        id
        name
        unit
        unitCost {
          amountMinor
          currency
        }
      }
    }
    photos {
      id
      position
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

/** The product, and the stock items its composition may use (with their unit costs, for the preview). */
export const ProductQuery = graphql(
  `
  query Product($id: ID!) {
    node(id: $id) {
      __typename
      ... on Product {
        ...ProductFields
      }
    }
    stockItems {
      id
      name
      unit
      unitCost {
        amountMinor
        currency
      }
    }
  }
`,
  [ProductFields],
);

export type Product = ResultOf<typeof ProductFields>;
export type CompositionStockItem = ResultOf<typeof ProductQuery>['stockItems'][number];

export function preloadCatalogProduct({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(ProductQuery, { id: productIdFromParams(params) }, intent, 'catalog');
}
