import { describe, expect, it } from 'vitest';
import { shopPageSize, shopVariables } from './shop-variables';

describe('the customer’s catalog’s pages', () => {
  it('fills whole rows of the grid', () => {
    for (const columns of [2, 3, 4]) expect(shopPageSize % columns).toBe(0);
  });

  it('asks for every shelf or one, each page after the previous one’s cursor', () => {
    expect(shopVariables(null, null)).toEqual({ categoryId: null, first: shopPageSize, after: null });
    expect(shopVariables('category-1', 'cursor-24')).toEqual({
      categoryId: 'category-1',
      first: shopPageSize,
      after: 'cursor-24',
    });
  });
});
