import { useLocation, useNavigate, useParams } from '@solidjs/router';
import { createQuery, createSubscription } from '@urql/solid';
import { createEffect, For, Match, on, Show, Switch } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Row, Section, telHref } from '../../components/Section/Section';
import { Spinner } from '../../components/Spinner/Spinner';
import { StatusBadge } from '../../components/StatusBadge/StatusBadge';
import { subscriptionsReconnected } from '../../graphql/subscription-socket';
import { dateTime, money, t, timeWindow } from '../../i18n/i18n';
import { href, inAppPath, orderIdFromParams } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { latestOrder } from './latest-order';
import { OrderManageActions } from './OrderManageActions';
import { OrderNotifications } from './OrderNotifications';
import { OrderStatusActions } from './OrderStatusActions';
import { OrderQuery, OrderUpdatedSubscription } from './order.loader';
import { seesNotifications } from './order-notifications';

/**
 * One order: who, where, when, what it costs, who works on it and what happened to it. It follows the
 * order live (orderUpdated over the WebSocket), so a status change made elsewhere shows without a reload.
 */
export default function OrderPage() {
  const params = useParams<{ orderId: string }>();
  const location = useLocation<{ backTo?: string }>();
  const navigate = useNavigate();

  // Back to the board as the user left it (filter, search) when they came from it.
  const backTo = inAppPath(location.state?.backTo, href.orders());
  const telegramBack = useTelegramBackButton(() => navigate(backTo));

  const orderId = () => orderIdFromParams(params);
  const [result, refetch] = createQuery({ query: OrderQuery, variables: () => ({ id: orderId() }) });
  const [live] = createSubscription({
    query: OrderUpdatedSubscription,
    variables: () => ({ id: orderId() }),
  });
  // Changes made while the socket was down are not replayed: ask for the order again once it is back.
  createEffect(
    on(subscriptionsReconnected, () => refetch({ requestPolicy: 'network-only' }), { defer: true }),
  );
  const shownOrder = () => latestOrder(orderId(), result.data?.order, live.data?.orderUpdated);
  const timeZone = () => activeShopAccess()?.shop.timezone;

  return (
    <main class="page">
      <Switch>
        <Match when={shownOrder()}>
          {(order) => (
            <>
              <PageHeader
                title={t('order.title', { number: order().number })}
                subtitle={t('order.createdAt', {
                  date: dateTime(order().createdAt, { timeZone: timeZone() }),
                })}
                backHref={telegramBack ? undefined : backTo}
              />
              <div class="order-status-row">
                <StatusBadge status={order().status} />
                <span class={`payment payment--${order().paymentStatus.toLowerCase()}`}>
                  {t(`paymentStatus.${order().paymentStatus}`)}
                </span>
              </div>
              <OrderStatusActions
                order={order()}
                onChanged={() => refetch({ requestPolicy: 'network-only' })}
              />
              <OrderManageActions
                order={order()}
                onChanged={() => refetch({ requestPolicy: 'network-only' })}
              />

              <Section title={t(`fulfillment.${order().fulfillment}`)}>
                <Row label={t('order.window')}>
                  {timeWindow(order().windowStart, order().windowEnd, { timeZone: timeZone() }) ??
                    t('order.windowMissing')}
                </Row>
                <Show when={order().fulfillment === 'DELIVERY'}>
                  <Row label={t('order.address')}>{order().deliveryAddress ?? '—'}</Row>
                </Show>
              </Section>

              <Section title={t('order.customer')}>
                {/* Null for the courier of an anonymous order: the recipient is who they deal with. */}
                <Show when={order().customer}>
                  {(customer) => (
                    <Row label={customer().name}>
                      <Phone number={customer().phone} />
                    </Row>
                  )}
                </Show>
                <Show when={order().recipientName || order().recipientPhone}>
                  <Row label={`${t('order.recipient')}: ${order().recipientName ?? ''}`}>
                    <Phone number={order().recipientPhone} />
                  </Row>
                </Show>
              </Section>

              <Show when={order().cardText}>
                {(cardText) => (
                  <Section title={t('order.card')}>
                    <blockquote class="card-text">{cardText()}</blockquote>
                  </Section>
                )}
              </Show>

              <Section title={t('order.items')}>
                <ul class="items">
                  <For each={order().items}>
                    {(item) => (
                      <li class="items__row">
                        <span class="items__name">{item.productName}</span>
                        <span class="items__quantity">
                          {t('order.quantity', { quantity: item.quantity, price: money(item.unitPrice) })}
                        </span>
                        <span class="items__total">{money(item.total)}</span>
                      </li>
                    )}
                  </For>
                </ul>
                <dl class="totals">
                  <dt>{t('order.subtotal')}</dt>
                  <dd>{money(order().subtotal)}</dd>
                  <dt>{t('order.deliveryFee')}</dt>
                  <dd>{money(order().deliveryFee)}</dd>
                  <dt class="totals__grand">{t('order.total')}</dt>
                  <dd class="totals__grand">{money(order().total)}</dd>
                </dl>
              </Section>

              <Section title={t('order.team')}>
                <Row label={t('order.florist')}>{order().florist?.name ?? t('order.unassigned')}</Row>
                <Row label={t('order.courier')}>{order().courier?.name ?? t('order.unassigned')}</Row>
              </Section>

              <Show when={order().paymentMethod}>
                {(method) => (
                  <Section title={t('order.payment')}>
                    <Row label={t('orderManage.paymentMethod')}>
                      {[paymentMethodLabel(method()), order().paymentReference].filter(Boolean).join(' · ')}
                    </Row>
                  </Section>
                )}
              </Show>

              <Show when={order().bouquetPhoto?.url}>
                {(url) => (
                  <Section title={t('productionTask.photo')}>
                    <img class="task-photo" src={url()} alt={t('productionTask.photoPreview')} />
                  </Section>
                )}
              </Show>

              <Show when={order().cancelReason}>
                {(reason) => (
                  <Section title={t('order.cancelReason')}>
                    <p>{reason()}</p>
                  </Section>
                )}
              </Show>

              <Show when={seesNotifications(activeShopAccess()?.role)}>
                <OrderNotifications orderId={order().id} />
              </Show>

              <Section title={t('order.history')}>
                <ol class="timeline">
                  <For each={order().events}>
                    {(event) => (
                      <li class="timeline__event">
                        <div class="timeline__what">
                          {(() => {
                            const from = event.fromStatus;
                            return from
                              ? t('order.event.changed', {
                                  from: t(`orderStatus.${from}`),
                                  to: t(`orderStatus.${event.toStatus}`),
                                })
                              : t('order.event.created', { to: t(`orderStatus.${event.toStatus}`) });
                          })()}
                        </div>
                        <div class="timeline__meta">
                          {dateTime(event.at, { timeZone: timeZone() })} ·{' '}
                          {event.actor?.name ?? t('order.event.system')}
                        </div>
                        <Show when={event.note}>
                          <div class="timeline__note">{event.note}</div>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Section>
            </>
          )}
        </Match>
        <Match when={result.fetching}>
          <PageHeader title={t('orders.title')} backHref={telegramBack ? undefined : backTo} />
          <Spinner />
        </Match>
        <Match when={true}>
          <PageHeader title={t('orders.title')} backHref={telegramBack ? undefined : backTo} />
          <Show when={result.error} fallback={<p class="empty">{t('order.notFound')}</p>}>
            <ErrorMessage
              error={result.error}
              overrides={{ NOT_FOUND: 'order.notFound' }}
              onRetry={() => refetch({ requestPolicy: 'network-only' })}
            />
          </Show>
        </Match>
      </Switch>
    </main>
  );
}

function Phone(props: { number: string | null | undefined }) {
  return (
    <Show when={props.number} fallback="—">
      {(number) => <a href={telHref(number())}>{number()}</a>}
    </Show>
  );
}

const knownPaymentMethods = ['CASH', 'CARD', 'TRANSFER', 'TELEGRAM'] as const;

/** The method in the viewer's language when it is one the app records; an integrator's own word as it is. */
function paymentMethodLabel(method: string): string {
  const known = knownPaymentMethods.find((code) => code === method);
  return known ? t(`paymentMethod.${known}`) : method;
}
