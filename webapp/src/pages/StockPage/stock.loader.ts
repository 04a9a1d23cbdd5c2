import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** Batches expiring within this many hours are listed as "expiring soon" (the seed's peonies: 30 h). */
export const expiringWithinHours = 72;

export const StockItemFields = graphql(`
  fragment StockItemFields on StockItem @_unmask {
    id
    name
    unit
    onHand
    reserved
    available
    reorderLevel
    needsReorder
    unitCost {
      amountMinor
      currency
    }
    value {
      amountMinor
      currency
    }
  }
`);

/** Every live stock item with its levels, and the batches that expire soon (already expired ones first). */
export const StockQuery = graphql(
  `
  query Stock($withinHours: Int!) {
    stockItems {
      ...StockItemFields
    }
    expiringBatches(withinHours: $withinHours) {
      id
      expiresAt
      quantityRemaining
      stockItem {
        id
        name
        unit
      }
    }
    stockValue {
      amountMinor
      currency
    }
  }
`,
  [StockItemFields],
);

export type StockItem = ResultOf<typeof StockItemFields>;
export type StockUnit = StockItem['unit'];

export function preloadStock({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(StockQuery, { withinHours: expiringWithinHours }, intent, 'stock');
}
