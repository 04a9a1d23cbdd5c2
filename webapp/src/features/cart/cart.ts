import { createSignal } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import {
  addLine,
  type CartLine,
  cartItemCount,
  cartSubtotalMinor,
  parseCart,
  setLineQuantity,
} from './cart-lines';

/** localStorage key of a shop's cart: each shop has its own, and it survives closing the Mini App. */
export const cartStorageKey = (shopId: string) => `posy.cart.${shopId}`;

const [carts, setCarts] = createSignal<Record<string, CartLine[]>>({});

function linesOf(shopId: string): CartLine[] {
  const cached = carts()[shopId];
  if (cached) return cached;
  const stored = parseCart(localStorage.getItem(cartStorageKey(shopId)));
  setCarts((all) => ({ ...all, [shopId]: stored }));
  return stored;
}

function save(shopId: string, lines: CartLine[]): void {
  setCarts((all) => ({ ...all, [shopId]: lines }));
  if (lines.length === 0) localStorage.removeItem(cartStorageKey(shopId));
  else localStorage.setItem(cartStorageKey(shopId), JSON.stringify(lines));
}

/** The active shop's cart, reactive; everything is a no-op without an active shop. */
export function useCart() {
  const shopId = () => activeShopAccess()?.shop.id;
  const lines = () => {
    const id = shopId();
    return id ? linesOf(id) : [];
  };
  const change = (next: (lines: CartLine[]) => CartLine[]) => {
    const id = shopId();
    if (id) save(id, next(linesOf(id)));
  };
  return {
    lines,
    count: () => cartItemCount(lines()),
    subtotalMinor: () => cartSubtotalMinor(lines()),
    add: (line: CartLine) => change((current) => addLine(current, line)),
    setQuantity: (productId: string, quantity: number) =>
      change((current) => setLineQuantity(current, productId, quantity)),
    clear: () => change(() => []),
  };
}
