import { describe, expect, it } from 'vitest';
import { addDays, daysOf, lastDays } from './report-period';

describe('report periods', () => {
  it('moves across months, years and leap days', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('takes the last days with today included and the day after excluded', () => {
    const period = lastDays('2026-12-03', 7);
    expect(period).toEqual({ from: '2026-11-27', to: '2026-12-04' });
    expect(daysOf(period)).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
  });
});
