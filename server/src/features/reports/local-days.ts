import { localToUtc, utcToLocal } from '../checkout/local-time.js';

/** The local date (YYYY-MM-DD) `days` after `date`; calendar arithmetic, so DST does not shift it. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from local date `from` to local date `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instants `[start, end)` of local dates `[from, to)` in `zone`: local midnight to local midnight. */
export function localDaysRange(from: string, to: string, zone: string): { start: Date; end: Date } {
  return { start: localToUtc(from, 0, zone), end: localToUtc(to, 0, zone) };
}

/** Today in `zone` at `now`: its local date and its instants `[start, end)` (23 or 25 hours on DST days). */
export function localToday(now: Date, zone: string): { date: string; start: Date; end: Date } {
  const { date } = utcToLocal(now, zone);
  return { date, ...localDaysRange(date, addDays(date, 1), zone) };
}
