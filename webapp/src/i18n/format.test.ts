import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney, formatWindow } from './format';

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
