import type { RoutePreloadFuncArgs } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { activeShopAccess } from '../../auth/session';
import { graphql } from '../../graphql/graphql';
import { loadQuery } from '../../graphql/load-query';
import { todayIn } from '../../i18n/format';
import { lastDays, type ReportPeriod } from './report-period';

/** The charts cover this many local days, today included. */
export const chartDays = 14;

/**
 * Today's figures and the period's sales by day, late deliveries by day and write-offs by stock item, in one
 * round trip.
 */
export const DashboardQuery = graphql(`
  query Dashboard($period: ReportPeriodInput!) {
    dashboard {
      date
      timeZone
      bookedOrders
      bookedRevenue {
        amountMinor
        currency
      }
      paidRevenue {
        amountMinor
        currency
      }
      lateDeliveries
      atRiskDeliveries
      expiringBatches
      productionWaiting
      productionInProgress
      subscriptionsEnding
    }
    salesReport(period: $period) {
      byDay {
        day
        orders
        revenue {
          amountMinor
          currency
        }
      }
    }
    deliveryReport(period: $period) {
      byDay {
        day
        due
        late
      }
    }
    writeOffReport(period: $period) {
      byStockItem {
        stockItemId
        stockItemName
        quantity
        unit
        cost {
          amountMinor
          currency
        }
      }
    }
  }
`);

export type DashboardData = ResultOf<typeof DashboardQuery>;

/** The charts' period, on the shop's calendar. */
export function dashboardPeriod(now: Date = new Date()): ReportPeriod {
  return lastDays(todayIn(activeShopAccess()?.shop.timezone ?? 'UTC', now), chartDays);
}

export function preloadDashboard({ intent }: RoutePreloadFuncArgs): void {
  loadQuery(DashboardQuery, { period: dashboardPeriod() }, intent, 'dashboard');
}

/**
 * The server's nudge to read the figures again: after the shop's orders or production change (coalesced
 * to one tick every couple of seconds) and every minute for the clock. Only that it came matters: the
 * page re-reads its whole query, charts included.
 */
export const DashboardTickSubscription = graphql(`
  subscription DashboardTick {
    dashboardTick {
      at
    }
  }
`);
