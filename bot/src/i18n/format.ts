import type { Locale } from './locale.js';

const STYLES = {
  date: { dateStyle: 'long' },
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Formats an ISO 8601 timestamp for `locale` in `timeZone` (an IANA zone such as `Europe/Moscow`).
 * Throws a RangeError naming `field` when the value is not a date, so a bad payload is caught where it is rendered.
 */
export function formatDate(
  locale: Locale,
  iso: string,
  options: { timeZone: string; style: keyof typeof STYLES; field: string },
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${options.field} is not an ISO date: "${iso}"`);
  return new Intl.DateTimeFormat(locale, { ...STYLES[options.style], timeZone: options.timeZone }).format(
    date,
  );
}

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(value);
}
