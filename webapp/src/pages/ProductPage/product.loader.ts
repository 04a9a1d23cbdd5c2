import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { productIdFromParams } from '../../route-paths';
import { CatalogProductFields } from '../ShopPage/shop.loader';

export const ProductQuery = graphql(
  `
  query CatalogProduct($id: ID!) {
    node(id: $id) {
      __typename
      ... on Product {
        ...CatalogProductFields
        active
        composition {
          name
          quantity
        }
      }
    }
  }
`,
  [CatalogProductFields],
);

export function preloadProduct({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(ProductQuery, { id: productIdFromParams(params) }, intent, 'shop');
}
