import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** One task in the florist's queue: when it is due, what it is, who holds it. */
export const ProductionTaskCardFields = graphql(`
  fragment ProductionTaskCardFields on ProductionTask @_unmask {
    id
    status
    dueAt
    takenAt
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
    }
    composition {
      productName
      quantity
    }
  }
`);

/** Open tasks, soonest due first (the server orders them). */
export const ProductionQueueQuery = graphql(
  `
  query ProductionQueue {
    productionQueue {
      ...ProductionTaskCardFields
    }
  }
`,
  [ProductionTaskCardFields],
);

/** Any task of the shop as it changes: the queue reads itself again. */
export const ProductionTaskChangedSubscription = graphql(`
  subscription ProductionTaskChanged {
    productionTaskChanged {
      id
      status
    }
  }
`);

export function preloadProductionQueue({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(ProductionQueueQuery, {}, intent, 'production');
}
