import type { TestApp } from '../../../test/harness.js';
import { encodeGlobalId } from '../../graphql/global-id.js';
import { isoWeekday } from './local-time.js';

/** A local date `days` from now, YYYY-MM-DD; far enough ahead, the shop's zone does not change the day. */
export const dateAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

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
