/** One product in the cart, with what the catalog showed when it was added (the server prices the order). */
export interface CartLine {
  productId: string;
  name: string;
  priceMinor: number;
  currency: string;
  quantity: number;
}

/** The most of one product a cart holds: createOrder checks stock, this only stops a runaway tap. */
export const MAX_LINE_QUANTITY = 99;

const clampQuantity = (quantity: number) => Math.min(MAX_LINE_QUANTITY, Math.max(0, Math.floor(quantity)));

/** The cart with `line` added: a product already in it gets the quantities summed. */
export function addLine(lines: readonly CartLine[], line: CartLine): CartLine[] {
  const existing = lines.find((l) => l.productId === line.productId);
  if (!existing) return [...lines, { ...line, quantity: clampQuantity(line.quantity) }];
  return setLineQuantity(lines, line.productId, existing.quantity + line.quantity);
}

/** The cart with one product's quantity set; 0 takes it out. */
export function setLineQuantity(lines: readonly CartLine[], productId: string, quantity: number): CartLine[] {
  const next = clampQuantity(quantity);
  return lines
    .map((line) => (line.productId === productId ? { ...line, quantity: next } : line))
    .filter((line) => line.quantity > 0);
}

/** What the lines cost at the catalog's prices, in minor units. */
export function cartSubtotalMinor(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.priceMinor * line.quantity, 0);
}

export function cartItemCount(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** A stored cart, or an empty one when there is none or it is not a cart of this shape (edited, older). */
export function parseCart(stored: string | null): CartLine[] {
  if (!stored) return [];
  try {
    const value: unknown = JSON.parse(stored);
    if (!Array.isArray(value)) return [];
    return value.filter(isCartLine).map((line) => ({ ...line, quantity: clampQuantity(line.quantity) }));
  } catch {
    return [];
  }
}

function isCartLine(value: unknown): value is CartLine {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  return (
    typeof line.productId === 'string' &&
    typeof line.name === 'string' &&
    typeof line.currency === 'string' &&
    Number.isInteger(line.priceMinor) &&
    Number.isInteger(line.quantity) &&
    (line.quantity as number) > 0
  );
}
