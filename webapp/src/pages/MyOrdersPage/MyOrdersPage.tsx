import { A } from '@solidjs/router';
import { createQuery, createSubscription } from '@urql/solid';
import { createEffect, For, on, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { StatusBadge } from '../../components/StatusBadge/StatusBadge';
import { subscriptionsReconnected } from '../../graphql/subscription-socket';
import { money, t, timeWindow } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { MyOrderChangedSubscription, MyOrdersQuery } from './my-orders.loader';

/** The customer's own orders, newest first, their status following the shop's work live. */
export default function MyOrdersPage() {
  const [result, refetch] = createQuery({ query: MyOrdersQuery });
  // Each change arrives with the order's new card fields: urql's cache updates the list by the order's id;
  // a new order (made on another device) is not in the list yet, so the list is asked for again.
  createSubscription({ query: MyOrderChangedSubscription }, (_previous, data) => {
    const changed = data.myOrderChanged;
    if (changed && !result.data?.orders.edges.some((edge) => edge.node.id === changed.id))
      refetch({ requestPolicy: 'network-only' });
    return data;
  });
  createEffect(
    on(subscriptionsReconnected, () => refetch({ requestPolicy: 'network-only' }), { defer: true }),
  );
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
      <Show when={result.data} fallback={result.error ? null : <Spinner />}>
        {(data) => (
          <ul class="order-list">
            <For
              each={data().orders.edges}
              fallback={
                <li class="empty">
                  {t('myOrders.empty')} <A href={href.shop()}>{t('cart.toShop')}</A>
                </li>
              }
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
            </For>
          </ul>
        )}
      </Show>
      <ErrorMessage error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
    </main>
  );
}
