import type { RoutePreloadFuncArgs } from '@solidjs/router';
import { activeShopAccess } from '../../auth/session';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { todayIn } from '../../i18n/format';

/** What the courier needs of one delivery, on the day's list and on its own page (offline too). */
export const CourierDeliveryFields = graphql(`
  fragment CourierDeliveryFields on Order @_unmask {
    id
    number
    status
    version
    fulfillment
    windowStart
    windowEnd
    deliveryAddress
    addressComment
    mapsUrl
    recipientName
    recipientPhone
    cardText
    note
    customer {
      id
      name
      phone
    }
    items {
      id
      productName
      quantity
    }
    delivery {
      status
      handoverCodeSent
      handoverCodeLocked
      failedReason
    }
  }
`);

/** The courier's deliveries of one day of the shop, in window order, and whether they may take more. */
export const CourierDayQuery = graphql(
  `
  query CourierDay($date: String!) {
    shop {
      id
      courierAssignment
    }
    myDeliveries(date: $date) {
      ...CourierDeliveryFields
    }
  }
`,
  [CourierDeliveryFields],
);

/** Today on the shop's clock (the courier may be anywhere; the shop's day is what the list is of). */
export function courierToday(now: Date = new Date()): string {
  return todayIn(activeShopAccess()?.shop.timezone ?? 'UTC', now);
}

/** The courier's day behind `/courier` (and `/courier/deliveries/:orderId`, which reads the same list). */
export function preloadCourier({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(CourierDayQuery, { date: courierToday() }, intent, 'courier');
}
