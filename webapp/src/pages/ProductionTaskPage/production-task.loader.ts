import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { taskIdFromParams } from '../../route-paths';

/** What the florist needs to make the bouquets: the composition, the batches to take stems from, the card. */
export const ProductionTaskFields = graphql(`
  fragment ProductionTaskFields on ProductionTask @_unmask {
    id
    status
    dueAt
    takenAt
    doneAt
    note
    florist {
      id
      name
    }
    order {
      id
      number
      fulfillment
      windowStart
      windowEnd
      cardText
    }
    composition {
      productName
      quantity
      components {
        perUnit
        quantity
        stockItem {
          id
          name
          unit
        }
      }
    }
    batches {
      quantity
      expiresAt
      batch {
        id
        receivedAt
      }
      stockItem {
        id
        name
      }
    }
    photo {
      id
      url
    }
  }
`);

export const ProductionTaskQuery = graphql(
  `
  query ProductionTask($id: ID!) {
    productionTask(id: $id) {
      ...ProductionTaskFields
    }
  }
`,
  [ProductionTaskFields],
);

export function preloadProductionTask({ params, intent }: RoutePreloadFuncArgs): void {
  loadQuery(ProductionTaskQuery, { id: taskIdFromParams(params) }, intent, 'production');
}
