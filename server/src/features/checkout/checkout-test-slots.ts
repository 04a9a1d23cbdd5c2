import type { TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { isoWeekday } from './local-time.js';

/** A local date `days` from now, YYYY-MM-DD; far enough ahead, the shop's zone does not change the day. */
export const dateAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A fixed-offset zone where it is now between 12:00 and 13:00 local (Etc/GMT-12 … Etc/GMT+11): a test of
 * today's slots run in it has eleven hours either side before local midnight changes which day is today,
 * whenever the suite runs. The shop's own zone (Europe/Moscow) would move "today" under a test run at
 * 23:59 there. Etc/GMT's sign is POSIX's, inverted: Etc/GMT-3 is UTC+3.
 */
export function midDayZone(now = new Date()): string {
  const offsetHours = 12 - now.getUTCHours();
  if (offsetHours === 0) return 'Etc/GMT';
  return `Etc/GMT${offsetHours > 0 ? '-' : '+'}${Math.abs(offsetHours)}`;
}

/**
 * A slot on every weekday from `startMinutes` to `endMinutes` local with `capacity` places, inserted
 * directly (the settings mutations have tests of their own); answers the SlotChoiceInput of a date.
 */
export async function openSlots(
  app: TestApp,
  shopId: string,
  { startMinutes = 7 * 60, endMinutes = 8 * 60, capacity = 10_000 } = {},
) {
  const slots = await Promise.all(
    [1, 2, 3, 4, 5, 6, 7].map((weekday) =>
      app.prisma.deliverySlot.create({ data: { shopId, weekday, startMinutes, endMinutes, capacity } }),
    ),
  );
  return (date: string) => ({
    slotId: encodeGlobalId('DeliverySlot', slots.find((s) => s.weekday === isoWeekday(date))!.id),
    date,
  });
}
