import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { PagedConnection } from '../../components/PagedConnection/PagedConnection';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { StatusBadge } from '../../components/StatusBadge/StatusBadge';
import { followLive, liveFeed } from '../../graphql/live-refresh';
import { money, t, timeWindow } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { MyOrderChangedSubscription, MyOrdersQuery } from './my-orders.loader';
import { myOrdersVariables } from './my-orders-variables';

/**
 * The customer's own orders, newest first, a page at a time (each page its own query, as on the order
 * board), their status following the shop's work live. Each change arrives with the order's new card
 * fields, which urql's normalized cache puts into the card by the order's id at once; the loaded pages
 * are read again after a burst too, for an order they do not hold yet (made on another device).
 */
export default function MyOrdersPage() {
  const [refreshes, setRefreshes] = createSignal(0);
  followLive([liveFeed(MyOrderChangedSubscription)], () => setRefreshes((count) => count + 1));
  const timeZone = () => activeShopAccess()?.shop.timezone;

  return (
    <main class="page">
      <PageHeader
        title={t('myOrders.title')}
        actions={
          <A class="button button--small button--plain" href={href.mySubscription()}>
            {t('myOrders.subscription')}
          </A>
        }
      />
      <PagedConnection
        filter={null}
        refreshes={refreshes}
        query={MyOrdersQuery}
        variables={(_filter, after) => myOrdersVariables(after)}
        connection={(data) => data.orders}
        listClass="order-list"
        emptyText={
          <>
            {t('myOrders.empty')} <A href={href.shop()}>{t('cart.toShop')}</A>
          </>
        }
        loadMoreText={t('app.loadMore')}
      >
        {(edge) => (
          <li>
            <A class="order-card" href={href.myOrder(edge.node.id)}>
              <div class="order-card__top">
                <span class="order-card__number">#{edge.node.number}</span>
                <StatusBadge status={edge.node.status} />
                <span class="order-card__total">{money(edge.node.total)}</span>
              </div>
              <div class="order-card__meta">
                <span>{t(`fulfillment.${edge.node.fulfillment}`)}</span>
                <Show
                  when={timeWindow(edge.node.windowStart, edge.node.windowEnd, {
                    timeZone: timeZone(),
                  })}
                >
                  {(window) => <span>{window()}</span>}
                </Show>
                <span class={`payment payment--${edge.node.paymentStatus.toLowerCase()}`}>
                  {t(`paymentStatus.${edge.node.paymentStatus}`)}
                </span>
              </div>
            </A>
          </li>
        )}
      </PagedConnection>
    </main>
  );
}
