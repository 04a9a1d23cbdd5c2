/** One bar of a chart, in the SVG's own units (the view box is `width` × `height`). */
export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Bars for `values` side by side across `width`, scaled so the largest reaches `height` (a zero-only or
 * empty series draws nothing tall: no division by zero). A gap of a quarter bar keeps neighbours apart;
 * negative values count as zero (the charts show counts and sums).
 */
export function barLayout(values: readonly number[], width: number, height: number): Bar[] {
  if (values.length === 0) return [];
  const max = Math.max(0, ...values);
  const slot = width / values.length;
  const barWidth = slot * 0.75;
  return values.map((value, index) => {
    const barHeight = max > 0 ? (Math.max(0, value) / max) * height : 0;
    return {
      x: index * slot + (slot - barWidth) / 2,
      y: height - barHeight,
      width: barWidth,
      height: barHeight,
    };
  });
}
