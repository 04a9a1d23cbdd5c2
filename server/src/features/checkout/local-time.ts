/**
 * Wall-clock time in an IANA zone with Intl only: a slot is "14:00–16:00 local" and must stay so across DST,
 * so its UTC instant is found by asking Intl for the zone's offset at that moment.
 */

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function offsetMinutes(zone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The UTC instant of `minutes` past local midnight of `date` (YYYY-MM-DD) in `zone`. */
export function localToUtc(date: string, minutes: number, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minutes);
  // Two passes: the offset at the guess may differ from the offset at the answer on a DST day.
  let guess = naive - offsetMinutes(zone, new Date(naive)) * 60_000;
  guess = naive - offsetMinutes(zone, new Date(guess)) * 60_000;
  return new Date(guess);
}

/** The local date (YYYY-MM-DD) and minutes past local midnight of `at` in `zone`. */
export function utcToLocal(at: Date, zone: string): { date: string; minutes: number } {
  const shifted = new Date(at.getTime() + offsetMinutes(zone, at) * 60_000);
  return {
    date: shifted.toISOString().slice(0, 10),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isLocalDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
