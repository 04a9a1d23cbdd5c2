import { createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { BarChart, type BarChartPoint } from '../../components/BarChart/BarChart';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, liveFeed } from '../../graphql/live-refresh';
import type { Money } from '../../i18n/format';
import { money, t, tPlural } from '../../i18n/i18n';
import {
  type DashboardData,
  DashboardQuery,
  DashboardTickSubscription,
  dashboardPeriod,
} from './dashboard.loader';
import { type CsvFailure, downloadOrdersCsv } from './orders-csv';
import { addDays, daysOf } from './report-period';

/** "12.03" from "2026-03-12": the charts' day labels, short enough for 360 px. */
const shortDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}`;

/**
 * Today's figures for admins and managers (booked and paid revenue, late and at-risk deliveries,
 * production, expiring stock), charts of the last two weeks' orders, revenue and late deliveries by day, the period's
 * write-offs by stock item, and the period's orders as CSV.
 */
export default function DashboardPage() {
  const period = dashboardPeriod();
  const [result, refetch] = createQuery({ query: DashboardQuery, variables: { period } });
  const [csvFailure, setCsvFailure] = createSignal<CsvFailure>();
  const [downloading, setDownloading] = createSignal(false);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  // Live: each tick (or the socket coming back, as ticks sent meanwhile are lost) re-reads the figures once.
  followLive([liveFeed(DashboardTickSubscription)], reload);

  async function download() {
    setDownloading(true);
    setCsvFailure(await downloadOrdersCsv(period));
    setDownloading(false);
  }

  const byDay = (data: DashboardData) => {
    const sales = new Map(data.salesReport.byDay.map((day) => [day.day, day]));
    const currency = data.dashboard.bookedRevenue.currency;
    return daysOf(period).map((day) => ({
      day,
      orders: sales.get(day)?.orders ?? 0,
      revenue: sales.get(day)?.revenue ?? ({ amountMinor: 0, currency } satisfies Money),
    }));
  };
  const orderPoints = (data: DashboardData): BarChartPoint[] =>
    byDay(data).map((day) => ({
      label: shortDay(day.day),
      value: day.orders,
      display: tPlural('dashboard.orders', day.orders),
    }));
  const latePoints = (data: DashboardData): BarChartPoint[] => {
    const deliveries = new Map(data.deliveryReport.byDay.map((day) => [day.day, day]));
    return daysOf(period).map((day) => {
      const { due = 0, late = 0 } = deliveries.get(day) ?? {};
      return { label: shortDay(day), value: late, display: t('dashboard.lateOfDue', { late, due }) };
    });
  };
  const revenuePoints = (data: DashboardData): BarChartPoint[] =>
    byDay(data).map((day) => ({
      label: shortDay(day.day),
      value: day.revenue.amountMinor,
      display: money(day.revenue),
    }));

  return (
    <main class="page">
      <PageHeader
        title={t('dashboard.title')}
        subtitle={<Show when={result.data}>{(loaded) => loaded().dashboard.date}</Show>}
      />
      <ErrorMessage error={result.error} onRetry={reload} />
      <Show when={result.data} fallback={<Show when={result.fetching}>{<Spinner />}</Show>}>
        {(loaded) => (
          <>
            <dl class="figures dashboard-figures">
              <div class="figures__item">
                <dt>{t('dashboard.bookedOrders')}</dt>
                <dd data-figure="bookedOrders">{loaded().dashboard.bookedOrders}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('dashboard.bookedRevenue')}</dt>
                <dd data-figure="bookedRevenue">{money(loaded().dashboard.bookedRevenue)}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('dashboard.paidRevenue')}</dt>
                <dd data-figure="paidRevenue">{money(loaded().dashboard.paidRevenue)}</dd>
              </div>
              <div
                class="figures__item"
                classList={{ 'figures__item--alert': loaded().dashboard.lateDeliveries > 0 }}
              >
                <dt>{t('dashboard.lateDeliveries')}</dt>
                <dd data-figure="lateDeliveries">{loaded().dashboard.lateDeliveries}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('dashboard.atRiskDeliveries')}</dt>
                <dd data-figure="atRiskDeliveries">{loaded().dashboard.atRiskDeliveries}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('dashboard.production')}</dt>
                <dd data-figure="production">
                  {t('dashboard.productionFigures', {
                    waiting: loaded().dashboard.productionWaiting,
                    inProgress: loaded().dashboard.productionInProgress,
                  })}
                </dd>
              </div>
              <div class="figures__item">
                <dt>{t('dashboard.expiringBatches')}</dt>
                <dd data-figure="expiringBatches">{loaded().dashboard.expiringBatches}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('dashboard.subscriptionsEnding')}</dt>
                <dd data-figure="subscriptionsEnding">{loaded().dashboard.subscriptionsEnding}</dd>
              </div>
            </dl>
            <section class="card dashboard-charts">
              <BarChart title={t('dashboard.chart.orders')} points={orderPoints(loaded())} />
              <BarChart title={t('dashboard.chart.revenue')} points={revenuePoints(loaded())} />
              <BarChart title={t('dashboard.chart.late')} points={latePoints(loaded())} />
            </section>
            <section class="section" aria-labelledby="dashboard-write-offs">
              <h2 class="section__title" id="dashboard-write-offs">
                {t('dashboard.writeOffs')}
              </h2>
              <Show
                when={loaded().writeOffReport.byStockItem.length > 0}
                fallback={<p class="list-summary">{t('dashboard.writeOffsNone')}</p>}
              >
                <ul class="list write-off-list">
                  <For each={loaded().writeOffReport.byStockItem}>
                    {(item) => (
                      <li class="list__item write-off-row">
                        <span class="list__main">
                          <span class="list__title">{item.stockItemName}</span>
                          <span class="list__subtitle">
                            {item.quantity} {t(`stockUnit.${item.unit}`)}
                          </span>
                        </span>
                        <span class="write-off-row__cost">{money(item.cost)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <section class="card form" aria-labelledby="dashboard-export">
              <h2 class="form__title" id="dashboard-export">
                {t('dashboard.export.title')}
              </h2>
              <p class="list-summary">
                {t('dashboard.export.period', { from: period.from, to: addDays(period.to, -1) })}
              </p>
              <button type="button" class="button" disabled={downloading()} onClick={() => void download()}>
                {t('dashboard.export.download')}
              </button>
              <Show when={csvFailure()}>
                {(failure) => (
                  <div class="error-message" role="alert">
                    <span class="error-message__text">{t(`error.${failure()}`)}</span>
                  </div>
                )}
              </Show>
            </section>
          </>
        )}
      </Show>
    </main>
  );
}
