import { useNavigate, useParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For, Match, Show, Switch } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { t, timeWindow } from '../../i18n/i18n';
import { CourierOrderQuery } from '../../offline/courier-actions.documents';
import { courierQueue, startCourierSync } from '../../offline/courier-sync';
import { predictedStatus } from '../../offline/predicted-delivery';
import { href, orderIdFromParams } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { CourierSyncStatus } from '../CourierPage/CourierSyncStatus';
import { DeliveryStatusBadge } from '../CourierPage/DeliveryStatusBadge';
import { useCourierDay } from '../CourierPage/use-courier-day';
import { DeliverySteps } from './DeliverySteps';
import { GiveBack } from './GiveBack';
import '../CourierPage/courier.css';
import { Section, telHref } from '../../components/Section/Section';

/**
 * One delivery for its courier: where, whom, what the card says, the next steps, and giving it back. Read from the day's
 * list (so it opens offline too); an order of another day is asked for on its own.
 */
export default function CourierDeliveryPage() {
  startCourierSync();
  const params = useParams<{ orderId: string }>();
  const navigate = useNavigate();
  const telegramBack = useTelegramBackButton(() => navigate(href.courier()));
  const orderId = () => orderIdFromParams(params);
  const courierDay = useCourierDay();
  const fromDay = () => courierDay.day()?.myDeliveries.find((order) => order.id === orderId());
  const [single] = createQuery({
    query: CourierOrderQuery,
    variables: () => ({ id: orderId() }),
    pause: () => courierDay.day() === undefined || fromDay() !== undefined,
  });
  const order = () => fromDay() ?? single.data?.order ?? undefined;
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const backHref = telegramBack ? undefined : href.courier();

  return (
    <main class="page courier">
      <Switch>
        <Match when={order()}>
          {(order) => (
            <>
              <PageHeader
                title={t('courier.delivery', { number: order().number })}
                subtitle={
                  timeWindow(order().windowStart, order().windowEnd, { timeZone: timeZone() }) ??
                  t('order.windowMissing')
                }
                backHref={backHref}
              />
              <div class="order-status-row">
                <DeliveryStatusBadge
                  status={predictedStatus(
                    order().delivery?.status,
                    courierQueue().filter((entry) => entry.orderId === order().id),
                  )}
                />
              </div>
              <CourierSyncStatus savedAt={courierDay.savedAt()} orderId={order().id} timeZone={timeZone()} />
              <Section title={t('order.address')}>
                <Show when={order().deliveryAddress} fallback={<p>—</p>}>
                  {(address) => (
                    <Show when={order().mapsUrl} fallback={<p>{address()}</p>}>
                      {(mapsUrl) => (
                        <a class="courier-card__address" href={mapsUrl()} target="_blank" rel="noopener">
                          {t('courier.openMaps', { address: address() })}
                        </a>
                      )}
                    </Show>
                  )}
                </Show>
                <Show when={order().addressComment}>{(comment) => <p class="hint">{comment()}</p>}</Show>
              </Section>
              <Section title={t('order.recipient')}>
                <p>{order().recipientName ?? order().customer?.name ?? '—'}</p>
                <Show when={order().recipientPhone ?? order().customer?.phone}>
                  {(phone) => (
                    <a class="courier-card__phone" href={telHref(phone())}>
                      {t('courier.callNumber', { phone: phone() })}
                    </a>
                  )}
                </Show>
              </Section>
              <Show when={order().cardText}>
                {(cardText) => (
                  <Section title={t('order.card')}>
                    <blockquote class="card-text">{cardText()}</blockquote>
                  </Section>
                )}
              </Show>
              <Show when={order().note}>
                {(note) => (
                  <Section title={t('courier.note')}>
                    <p>{note()}</p>
                  </Section>
                )}
              </Show>
              <Section title={t('order.items')}>
                <ul class="items">
                  <For each={order().items}>
                    {(item) => (
                      <li class="items__row">
                        <span class="items__name">{item.productName}</span>
                        <span class="items__quantity">× {item.quantity}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Section>
              <DeliverySteps order={order()} />
              <GiveBack
                order={order()}
                onGivenBack={() => {
                  courierDay.reload();
                  navigate(href.courier());
                }}
                onRefused={courierDay.reload}
              />
            </>
          )}
        </Match>
        <Match when={courierDay.fetching() || single.fetching}>
          <PageHeader title={t('courier.title')} backHref={backHref} />
          <Spinner />
        </Match>
        <Match when={true}>
          <PageHeader title={t('courier.title')} backHref={backHref} />
          <Show
            when={courierDay.error() ?? single.error}
            fallback={<p class="empty">{t('order.notFound')}</p>}
          >
            {(error) => <ErrorMessage error={error()} onRetry={courierDay.reload} />}
          </Show>
        </Match>
      </Switch>
    </main>
  );
}
