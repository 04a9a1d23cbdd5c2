/** What a product costs to make: its components' quantities at their stock items' unit costs. */
export function productCostMinor(components: { quantity: number; stockItem: { unitCostMinor: number } }[]) {
  return components.reduce((sum, c) => sum + c.quantity * c.stockItem.unitCostMinor, 0);
}

/** Share of the price left after cost, e.g. 0.62; null when the price is zero. */
export function marginOf(priceMinor: number, costMinor: number): number | null {
  if (priceMinor <= 0) return null;
  return Math.round(((priceMinor - costMinor) / priceMinor) * 10_000) / 10_000;
}
