import { describe, expect, it } from 'vitest';
import {
  endOfDayIn,
  formatDate,
  formatDateTime,
  formatMoney,
  formatWindow,
  retryDelay,
  todayIn,
} from './format';

// Intl separates groups and units with (narrow) no-break spaces; compare with plain ones.
const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('turns minor units into the currency amount in the language', () => {
    expect(plain(formatMoney({ amountMinor: 350_000, currency: 'RUB' }, 'ru'))).toBe('3 500,00 ₽');
    expect(plain(formatMoney({ amountMinor: 1_234_550, currency: 'USD' }, 'en'))).toBe('$12,345.50');
  });

  it('knows currencies without minor units', () => {
    expect(plain(formatMoney({ amountMinor: 1500, currency: 'JPY' }, 'en'))).toBe('¥1,500');
  });

  it('keeps the sign of refunds', () => {
    expect(plain(formatMoney({ amountMinor: -990, currency: 'EUR' }, 'en'))).toBe('-€9.90');
  });
});

describe('dates', () => {
  const options = { timeZone: 'Europe/Moscow' };

  it('shows date and time on the shop’s clock', () => {
    expect(plain(formatDateTime('2026-03-12T11:30:00Z', 'en', options))).toBe('Mar 12, 2:30 PM');
    expect(plain(formatDateTime('2026-03-12T11:30:00Z', 'ru', options))).toBe('12 мар., 14:30');
  });

  it('writes a same-day window once with both times', () => {
    const window = plain(formatWindow('2026-03-12T11:00:00Z', '2026-03-12T13:00:00Z', 'ru', options));
    expect(window).toMatch(/^12 мар\., 14:00\s*[–-]\s*16:00$/);
  });

  it('shows the known end of an open window and nothing without one', () => {
    expect(plain(formatWindow('2026-03-12T11:00:00Z', null, 'en', options))).toBe('Mar 12, 2:00 PM');
    expect(formatWindow(null, undefined, 'en', options)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('says seconds under a minute, rounding up', () => {
    expect(retryDelay(1)).toEqual({ unit: 'seconds', count: 1 });
    expect(retryDelay(29.2)).toEqual({ unit: 'seconds', count: 30 });
    expect(retryDelay(59)).toEqual({ unit: 'seconds', count: 59 });
  });

  it('says whole minutes from one minute on, never less than the wait', () => {
    expect(retryDelay(60)).toEqual({ unit: 'minutes', count: 1 });
    expect(retryDelay(61)).toEqual({ unit: 'minutes', count: 2 });
    expect(retryDelay(900)).toEqual({ unit: 'minutes', count: 15 });
  });

  it('never says zero', () => {
    expect(retryDelay(0)).toEqual({ unit: 'seconds', count: 1 });
  });
});

describe('endOfDayIn', () => {
  it('is the day’s last second on the zone’s clock', () => {
    expect(endOfDayIn('2030-01-31', 'Europe/Moscow')).toBe('2030-01-31T20:59:59.000Z');
    expect(endOfDayIn('2030-01-31', 'UTC')).toBe('2030-01-31T23:59:59.000Z');
  });

  it('follows daylight saving time', () => {
    expect(endOfDayIn('2030-07-01', 'America/New_York')).toBe('2030-07-02T03:59:59.000Z');
    expect(endOfDayIn('2030-01-01', 'America/New_York')).toBe('2030-01-02T04:59:59.000Z');
  });
});

describe('todayIn', () => {
  it('is the date on the zone’s clock', () => {
    const instant = new Date('2030-03-01T22:30:00Z');
    expect(todayIn('Europe/Moscow', instant)).toBe('2030-03-02');
    expect(todayIn('UTC', instant)).toBe('2030-03-01');
  });
});

describe('formatDate', () => {
  it('is the day on the shop’s clock', () => {
    expect(plain(formatDate('2026-03-12T22:30:00Z', 'en', { timeZone: 'Europe/Moscow' }))).toBe(
      'Mar 13, 2026',
    );
    expect(plain(formatDate('2026-03-12T10:00:00Z', 'ru', { timeZone: 'Europe/Moscow' }))).toBe(
      '12 мар. 2026 г.',
    );
  });
});
