import { describe, expect, it } from 'vitest';
import { latestOrder } from './latest-order';

const order = (id: string, version: number, status = 'NEW') => ({ id, version, status });

describe('latestOrder', () => {
  it('shows a live update that is newer than the fetched order', () => {
    expect(latestOrder('a', order('a', 1), order('a', 2, 'CONFIRMED'))).toEqual(order('a', 2, 'CONFIRMED'));
  });

  it('keeps a refetch that overtook the last live update', () => {
    expect(latestOrder('a', order('a', 3, 'READY'), order('a', 2))).toEqual(order('a', 3, 'READY'));
  });

  it('shows whichever arrived when there is only one', () => {
    expect(latestOrder('a', undefined, order('a', 1))).toEqual(order('a', 1));
    expect(latestOrder('a', order('a', 1), null)).toEqual(order('a', 1));
    expect(latestOrder('a', null, undefined)).toBeUndefined();
  });

  it('ignores an update or a result for another order', () => {
    expect(latestOrder('b', order('b', 1), order('a', 5))).toEqual(order('b', 1));
    expect(latestOrder('b', order('a', 1), undefined)).toBeUndefined();
  });
});
