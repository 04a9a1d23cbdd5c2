import type { Locale } from './messages';

/** Money as the API sends it: an integer count of the currency's minor units (kopecks, cents). */
export interface Money {
  amountMinor: number;
  currency: string;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format;
}

/**
 * Formats money in the user's language. The number of minor units per major unit comes from the
 * currency itself (2 for RUB and EUR, 0 for JPY), as Intl knows it.
 */
export function formatMoney(money: Money, locale: Locale): string {
  const format = moneyFormat(locale, money.currency);
  const fractionDigits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** fractionDigits);
}

/** Options shared by date formatting: the shop's IANA time zone, so times read as on the shop's wall clock. */
export interface DateFormatOptions {
  timeZone?: string;
}

const dayAndTime: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
};

/** "Mar 12, 2:30 PM" (en) / "12 мар., 14:30" (ru). */
export function formatDateTime(iso: string, locale: Locale, options: DateFormatOptions = {}): string {
  return new Intl.DateTimeFormat(locale, { ...dayAndTime, timeZone: options.timeZone }).format(new Date(iso));
}

/**
 * A delivery or pickup window. Intl's formatRange drops what both ends share, so the same day reads
 * "12 мар., 14:00 – 16:00"; an open end shows the known end alone.
 */
export function formatWindow(
  startIso: string | null | undefined,
  endIso: string | null | undefined,
  locale: Locale,
  options: DateFormatOptions = {},
): string | undefined {
  if (!startIso && !endIso) return undefined;
  if (!startIso || !endIso) return formatDateTime((startIso ?? endIso) as string, locale, options);
  const format = new Intl.DateTimeFormat(locale, { ...dayAndTime, timeZone: options.timeZone });
  return format.formatRange(new Date(startIso), new Date(endIso));
}
