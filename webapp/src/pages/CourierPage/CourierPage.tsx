import { A } from '@solidjs/router';
import { For, Match, Show, Switch } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { date, t, timeWindow } from '../../i18n/i18n';
import { courierQueue, startCourierSync } from '../../offline/courier-sync';
import { predictedStatus } from '../../offline/predicted-delivery';
import { href } from '../../route-paths';
import { CourierSyncStatus } from './CourierSyncStatus';
import { DeliveryPool } from './DeliveryPool';
import { DeliveryStatusBadge } from './DeliveryStatusBadge';
import { useCourierDay } from './use-courier-day';
import './courier.css';
import { telHref } from '../../components/Section/Section';

/**
 * The courier's day: today's deliveries (the shop's today) in window order, each with where, whom to
 * call, the card and where it stands, as the courier left it even before the server heard (the queue).
 * Readable offline from the last load; the pool below when the shop lets couriers take deliveries.
 */
export default function CourierPage() {
  startCourierSync();
  const courierDay = useCourierDay();
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const waitingFor = (orderId: string) => courierQueue().filter((entry) => entry.orderId === orderId);

  return (
    <main class="page courier">
      <PageHeader
        title={t('courier.title')}
        subtitle={date(`${courierDay.date}T12:00:00Z`, { timeZone: 'UTC' })}
      />
      <CourierSyncStatus savedAt={courierDay.savedAt()} timeZone={timeZone()} />
      <Switch>
        <Match when={courierDay.day()}>
          {(day) => (
            <>
              <Show when={day().myDeliveries.length > 0} fallback={<p class="empty">{t('courier.empty')}</p>}>
                <ol class="courier-list">
                  <For each={day().myDeliveries}>
                    {(order) => {
                      const status = () => predictedStatus(order.delivery?.status, waitingFor(order.id));
                      return (
                        <li class="courier-card card">
                          <div class="courier-card__top">
                            <A class="courier-card__number" href={href.courierDelivery(order.id)}>
                              {t('courier.delivery', { number: order.number })}
                            </A>
                            <span class="courier-card__window">
                              {timeWindow(order.windowStart, order.windowEnd, { timeZone: timeZone() }) ??
                                t('order.windowMissing')}
                            </span>
                            <DeliveryStatusBadge status={status()} />
                          </div>
                          <Show when={order.deliveryAddress}>
                            {(address) => (
                              <Show when={order.mapsUrl} fallback={<p>{address()}</p>}>
                                {(mapsUrl) => (
                                  <a
                                    class="courier-card__address"
                                    href={mapsUrl()}
                                    target="_blank"
                                    rel="noopener"
                                  >
                                    {address()}
                                  </a>
                                )}
                              </Show>
                            )}
                          </Show>
                          <Show when={order.recipientPhone}>
                            {(phone) => (
                              <a class="courier-card__phone" href={telHref(phone())}>
                                {t('courier.call', { name: order.recipientName ?? phone() })}
                              </a>
                            )}
                          </Show>
                          <Show when={order.cardText}>
                            {(cardText) => <blockquote class="card-text">{cardText()}</blockquote>}
                          </Show>
                        </li>
                      );
                    }}
                  </For>
                </ol>
              </Show>
              <Show when={day().shop.courierAssignment === 'COURIERS_TAKE_FROM_POOL'}>
                <DeliveryPool onTaken={courierDay.reload} />
              </Show>
            </>
          )}
        </Match>
        <Match when={courierDay.fetching()}>
          <Spinner />
        </Match>
        <Match when={courierDay.error()}>
          <ErrorMessage error={courierDay.error()} onRetry={courierDay.reload} />
        </Match>
      </Switch>
    </main>
  );
}
