import { describe, expect, it } from 'vitest';
import {
  addLine,
  cartItemCount,
  cartSubtotalMinor,
  MAX_LINE_QUANTITY,
  parseCart,
  setLineQuantity,
} from './cart-lines';

const roses = { productId: 'p1', name: 'Roses', priceMinor: 250_000, currency: 'RUB', quantity: 1 };
const tulips = { productId: 'p2', name: 'Tulips', priceMinor: 120_000, currency: 'RUB', quantity: 2 };

describe('cart lines', () => {
  it('adds products, summing the quantity of one already in the cart', () => {
    const cart = addLine(addLine(addLine([], roses), tulips), { ...roses, quantity: 2 });
    expect(cart.map((line) => [line.productId, line.quantity])).toEqual([
      ['p1', 3],
      ['p2', 2],
    ]);
    expect(cartItemCount(cart)).toBe(5);
    expect(cartSubtotalMinor(cart)).toBe(3 * 250_000 + 2 * 120_000);
  });

  it('sets a quantity within bounds, and takes the product out at 0', () => {
    expect(setLineQuantity([roses], 'p1', 1000)[0]?.quantity).toBe(MAX_LINE_QUANTITY);
    expect(setLineQuantity([roses, tulips], 'p1', 0)).toEqual([tulips]);
    expect(setLineQuantity([roses], 'p1', -3)).toEqual([]);
  });

  it('reads back a stored cart and drops what is not a cart line', () => {
    expect(parseCart(JSON.stringify([roses, tulips]))).toEqual([roses, tulips]);
    expect(parseCart(JSON.stringify([roses, { productId: 1 }, { ...tulips, quantity: 0 }]))).toEqual([roses]);
    expect(parseCart('{not json')).toEqual([]);
    expect(parseCart(JSON.stringify({ lines: [] }))).toEqual([]);
    expect(parseCart(null)).toEqual([]);
  });
});
