import { describe, expect, it } from 'vitest';
import { barLayout } from './bar-layout';

describe('barLayout', () => {
  it('scales the largest value to the full height and keeps bars inside the width', () => {
    const bars = barLayout([1, 4, 2], 300, 100);
    expect(bars.map((bar) => bar.height)).toEqual([25, 100, 50]);
    expect(bars.map((bar) => bar.y)).toEqual([75, 0, 50]);
    expect(bars[0]?.x).toBeCloseTo(12.5);
    const last = bars[2];
    expect(last && last.x + last.width).toBeLessThanOrEqual(300);
  });

  it('draws nothing tall for zeros, negatives or no values', () => {
    expect(barLayout([], 300, 100)).toEqual([]);
    expect(barLayout([0, 0], 300, 100).map((bar) => bar.height)).toEqual([0, 0]);
    expect(barLayout([-5, 5], 300, 100).map((bar) => bar.height)).toEqual([0, 100]);
  });
});
