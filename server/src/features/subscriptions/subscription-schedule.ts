import type { SubscriptionFrequency } from '@posy/prisma';
import { localToUtc, utcToLocal } from '../checkout/local-time.js';

/**
 * The delivery after `at`, at the same wall-clock minute in the shop's zone (a 10:00 delivery stays 10:00
 * across DST). MONTHLY keeps the day of the month, or the month's last day when it is shorter (31 Jan →
 * 28 Feb → 28 Mar: the shorter day then sticks, as the subscription has no separate anchor day).
 */
export function nextDelivery(at: Date, frequency: SubscriptionFrequency, timeZone: string): Date {
  const { date, minutes } = utcToLocal(at, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  let next: Date;
  if (frequency === 'MONTHLY') {
    const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    next = new Date(Date.UTC(y, m, Math.min(d, lastDay)));
  } else {
    next = new Date(Date.UTC(y, m - 1, d + (frequency === 'WEEKLY' ? 7 : 14)));
  }
  return localToUtc(next.toISOString().slice(0, 10), minutes, timeZone);
}

/** The first delivery on the schedule of `at` that is not before `notBefore` (resuming after a pause). */
export function firstDeliveryFrom(
  at: Date,
  frequency: SubscriptionFrequency,
  timeZone: string,
  notBefore: Date,
): Date {
  let next = at;
  while (next < notBefore) next = nextDelivery(next, frequency, timeZone);
  return next;
}

/** The shop-local date (YYYY-MM-DD) of a delivery: one order per subscription and date. */
export function deliveryDate(at: Date, timeZone: string): string {
  return utcToLocal(at, timeZone).date;
}

/**
 * `days` calendar days after `at` in the shop's zone, at the same wall-clock time to the millisecond (a term
 * ending at 18:00 keeps ending at 18:00 across DST).
 */
export function addDays(at: Date, days: number, timeZone: string): Date {
  const { date, minutes } = utcToLocal(at, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
  return new Date(localToUtc(day, minutes, timeZone).getTime() + (at.getTime() % 60_000));
}
