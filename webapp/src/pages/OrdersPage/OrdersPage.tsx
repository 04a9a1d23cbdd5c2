import { A, useLocation, useSearchParams } from '@solidjs/router';
import type { ResultOf } from 'gql.tada';
import { createComputed, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { canOpen } from '../../auth/access';
import { activeShopAccess } from '../../auth/session';
import { PagedConnection } from '../../components/PagedConnection/PagedConnection';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { searchDelayMs } from '../../components/SearchField/settled-search';
import { StatusBadge } from '../../components/StatusBadge/StatusBadge';
import { followLive, liveFeed } from '../../graphql/live-refresh';
import { money, t, timeWindow, tPlural } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { type OrderCardFields, OrdersQuery, ordersVariables } from './orders.loader';
import {
  type OrderStatus,
  type OrdersSearch,
  orderStatuses,
  ordersSearchParams,
  parseOrdersSearch,
} from './orders-filter';
import { liveBoardFeed, MyOrderChangedSubscription, ShopOrderChangedSubscription } from './orders-live';

/** How long typing pauses before the search is sent. */

/**
 * The order board: status chips and a search box (both kept in the URL), then the orders, newest
 * first, a page at a time, kept live (shopOrderChanged, or myOrderChanged for a customer). Each loaded page is its own query (urql's recipe for "load more" with the
 * document cache); the first one is fetched by the loader (orders.loader.ts) whenever the board is opened.
 */
export default function OrdersPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = createMemo(() => parseOrdersSearch(searchParams), undefined, {
    equals: (a, b) => a.search === b.search && a.statuses.join() === b.statuses.join(),
  });

  const [typed, setTyped] = createSignal(search().search);
  // Follow the URL when it changes under the box (back and forward between searches).
  createComputed(on(search, (current) => setTyped(current.search), { defer: true }));
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(searchTimer));
  function onSearchInput(value: string) {
    setTyped(value);
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => update({ ...search(), search: value }), searchDelayMs);
  }

  // Live: any change of an order the viewer sees re-reads the loaded pages (see followLive).
  const [refreshes, setRefreshes] = createSignal(0);
  const feed = () => liveBoardFeed(activeShopAccess()?.role);
  followLive(
    [
      liveFeed(ShopOrderChangedSubscription, { pause: () => feed() !== 'shop' }),
      liveFeed(MyOrderChangedSubscription, { pause: () => feed() !== 'mine' }),
    ],
    () => setRefreshes((count) => count + 1),
  );

  function update(next: OrdersSearch) {
    setSearchParams(ordersSearchParams(next), { replace: true });
  }

  function toggleStatus(status: OrderStatus) {
    const current = search().statuses;
    const statuses = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
    update({ ...search(), statuses });
  }

  return (
    <main class="page">
      <PageHeader
        title={t('orders.title')}
        subtitle={activeShopAccess()?.shop.name}
        actions={
          <>
            <A class="button button--small button--plain" href={href.shops()}>
              {t('orders.switchShop')}
            </A>
            {/* Orders and production (issue 13) */}
            <Show when={canOpen('newOrder', activeShopAccess()?.role)}>
              <A class="button button--small button--primary" href={href.newOrder()}>
                {t('newOrder.title')}
              </A>
            </Show>
          </>
        }
      />
      <div class="toolbar">
        <input
          class="field__input toolbar__search"
          type="search"
          enterkeyhint="search"
          placeholder={t('orders.search')}
          aria-label={t('orders.search')}
          value={typed()}
          onInput={(event) => onSearchInput(event.currentTarget.value)}
        />
        <fieldset class="chips">
          <legend class="visually-hidden">{t('orders.filter.status')}</legend>
          <button
            type="button"
            class="chip"
            aria-pressed={search().statuses.length === 0}
            onClick={() => update({ ...search(), statuses: [] })}
          >
            {t('orders.filter.all')}
          </button>
          <For each={orderStatuses}>
            {(status) => (
              <button
                type="button"
                class={`chip chip--${status.toLowerCase()}`}
                aria-pressed={search().statuses.includes(status)}
                onClick={() => toggleStatus(status)}
              >
                {t(`orderStatus.${status}`)}
              </button>
            )}
          </For>
        </fieldset>
      </div>
      <PagedConnection
        filter={search()}
        refreshes={refreshes}
        query={OrdersQuery}
        variables={ordersVariables}
        connection={(data) => data.orders}
        listClass="order-list"
        emptyText={t('orders.empty')}
        loadMoreText={t('orders.loadMore')}
        summary={(orders) => <p class="list-summary">{tPlural('orders.count', orders().totalCount)}</p>}
      >
        {(edge) => <OrderCard order={edge.node} />}
      </PagedConnection>
    </main>
  );
}

function OrderCard(props: { order: ResultOf<typeof OrderCardFields> }) {
  const location = useLocation();
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const deliveryWindow = () =>
    timeWindow(props.order.windowStart, props.order.windowEnd, { timeZone: timeZone() });
  return (
    <li>
      <A
        class="order-card"
        href={href.order(props.order.id)}
        state={{ backTo: `${location.pathname}${location.search}` }}
      >
        <div class="order-card__top">
          <span class="order-card__number">#{props.order.number}</span>
          <StatusBadge status={props.order.status} />
          <span class="order-card__total">{money(props.order.total)}</span>
        </div>
        <div class="order-card__customer">{props.order.recipientName ?? props.order.customer?.name}</div>
        <div class="order-card__meta">
          <span>{t(`fulfillment.${props.order.fulfillment}`)}</span>
          <Show when={deliveryWindow()}>
            <span>{deliveryWindow()}</span>
          </Show>
          <span class={`payment payment--${props.order.paymentStatus.toLowerCase()}`}>
            {t(`paymentStatus.${props.order.paymentStatus}`)}
          </span>
        </div>
        <Show when={props.order.fulfillment === 'DELIVERY' && props.order.deliveryAddress}>
          <div class="order-card__address">{props.order.deliveryAddress}</div>
        </Show>
      </A>
    </li>
  );
}
