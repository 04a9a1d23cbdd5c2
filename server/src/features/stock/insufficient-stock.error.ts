import { DomainError } from '../../domain-error.js';

export interface StockShortage {
  stockItemId: string;
  needed: number;
  available: number;
}

/** An order cannot be made from stock: names every short component, so staff know what to buy. */
export class InsufficientStockError extends DomainError {
  constructor(readonly shortages: StockShortage[]) {
    super(`Not enough stock of ${shortages.length} component${shortages.length === 1 ? '' : 's'}`);
  }
}
