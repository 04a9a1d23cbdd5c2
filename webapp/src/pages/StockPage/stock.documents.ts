import { graphql } from '../../graphql/graphql';
import { StockItemFields } from './stock.loader';

/** One supply of one stock item (the form receives a line at a time: what a delivery note lists). */
export const ReceiveSupplyMutation = graphql(
  `
  mutation ReceiveSupply($supplierName: String!, $lines: [SupplyLineInput!]!, $note: String) {
    receiveSupply(supplierName: $supplierName, lines: $lines, note: $note) {
      id
      batches {
        id
        quantityReceived
        stockItem {
          ...StockItemFields
        }
      }
    }
  }
`,
  [StockItemFields],
);

/** Takes units off expired batches first, then the soonest to expire (the server decides); the reason goes in the ledger. */
export const WriteOffMutation = graphql(
  `
  mutation WriteOff($stockItemId: ID!, $quantity: Int!, $reason: WriteOffReason!, $note: String) {
    writeOff(stockItemId: $stockItemId, quantity: $quantity, reason: $reason, note: $note) {
      ...StockItemFields
    }
  }
`,
  [StockItemFields],
);

/** A new stock item, with nothing on hand until a supply of it is received. */
export const CreateStockItemMutation = graphql(
  `
  mutation CreateStockItem($name: String!, $unit: StockUnit!, $reorderLevel: Int) {
    createStockItem(name: $name, unit: $unit, reorderLevel: $reorderLevel) {
      ...StockItemFields
    }
  }
`,
  [StockItemFields],
);

/**
 * Each stock item of the shop as its levels or details change (a supply, a write-off, an order reserving
 * or using it). Only the id: a live screen reads its own data again (the stock's value, the catalog's costs).
 */
export const StockItemChangedSubscription = graphql(`
  subscription StockItemChanged {
    stockItemChanged {
      id
    }
  }
`);
