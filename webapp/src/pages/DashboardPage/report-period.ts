/** A span of the shop's local days as the reports take it: `from` included, `to` (the day after the last) excluded. */
export interface ReportPeriod {
  from: string;
  to: string;
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days; calendar arithmetic, no time zone involved. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** The `days` local days ending with `today`, today included. */
export function lastDays(today: string, days: number): ReportPeriod {
  return { from: addDays(today, 1 - days), to: addDays(today, 1) };
}

/** Every day of the period in order, so a chart shows days without sales as zero, not as a gap. */
export function daysOf(period: ReportPeriod): string[] {
  const days: string[] = [];
  for (let day = period.from; day < period.to; day = addDays(day, 1)) days.push(day);
  return days;
}
