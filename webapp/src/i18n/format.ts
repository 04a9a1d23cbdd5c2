import type { Locale } from '@posy/bot/locale';

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

/** "Mar 12, 2026" (en) / "12 мар. 2026 г." (ru): a day, when the time of day does not matter. */
export function formatDate(iso: string, locale: Locale, options: DateFormatOptions = {}): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: options.timeZone,
  }).format(new Date(iso));
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

/** A wait as the interface says it: seconds under a minute, whole minutes (rounded up) from one minute on. */
export interface RetryDelay {
  unit: 'seconds' | 'minutes';
  count: number;
}

/** How to say the server's `retryAfterSeconds`: "in 30 seconds", "in 2 minutes" (90 s is 2 minutes, never less). */
export function retryDelay(seconds: number): RetryDelay {
  const whole = Math.max(1, Math.ceil(seconds));
  return whole < 60 ? { unit: 'seconds', count: whole } : { unit: 'minutes', count: Math.ceil(whole / 60) };
}

/** The zone's offset from UTC at an instant, in milliseconds (Moscow: +3 h), as Intl knows the zone's rules. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wallClock - Math.floor(instant / 1000) * 1000;
}

/**
 * The last second of a calendar day (`YYYY-MM-DD`, as `<input type="date">` gives it) on a zone's wall
 * clock, as an ISO instant: "expires on 31 January" in the shop's time, wherever the admin is.
 */
export function endOfDayIn(date: string, timeZone: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallClock = Date.UTC(year, month - 1, day, 23, 59, 59);
  // The offset at the guess, corrected once when the guess and the answer fall on two sides of a DST change.
  let instant = wallClock - zoneOffsetMs(wallClock, timeZone);
  instant = wallClock - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

/** Today's date (`YYYY-MM-DD`) on a zone's wall clock: the earliest expiry a date input should offer. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // The Canadian English format is ISO's year-month-day.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
