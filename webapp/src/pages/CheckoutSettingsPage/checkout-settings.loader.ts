import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';

/** Everything checkout offers: the rules, the weekly slots, the closure days ahead and the delivery zones. */
export const CheckoutSettingsQuery = graphql(`
  query CheckoutSettings {
    checkoutSettings {
      timezone
      sameDayCutoffMinutes
      cardTextMaxLength
      deliveryFee {
        amountMinor
        currency
      }
      slots {
        id
        weekday
        startMinutes
        endMinutes
        capacity
        active
      }
      closures {
        date
        reason
      }
      zones {
        id
        name
        description
        active
        fee {
          amountMinor
          currency
        }
      }
    }
  }
`);

export type CheckoutSettings = ResultOf<typeof CheckoutSettingsQuery>['checkoutSettings'];

export function preloadCheckoutSettings({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(CheckoutSettingsQuery, {}, intent, 'checkoutSettings');
}
