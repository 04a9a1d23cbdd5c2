import { useLocation, useNavigate, useParams } from '@solidjs/router';
import { createMutation, createQuery, createSubscription, useClient } from '@urql/solid';
import type { ResultOf } from 'gql.tada';
import { createEffect, createSignal, For, Match, on, onCleanup, Show, Switch } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Row, Section } from '../../components/Section/Section';
import { Spinner } from '../../components/Spinner/Spinner';
import { StatusBadge } from '../../components/StatusBadge/StatusBadge';
import { type PaymentOutcome, payOrder } from '../../features/payment/pay-order';
import { subscriptionsReconnected } from '../../graphql/subscription-socket';
import { dateTime, money, t, timeWindow, tPlural } from '../../i18n/i18n';
import { href, orderIdFromParams } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { resultFeedback } from '../../telegram/haptics';
import { useLaunch } from '../../telegram/launch';
import { latestOrder } from '../OrderPage/latest-order';
import { photoUrl } from '../ShopPage/product-photo';
import { positionAge, positionAgeSeconds, positionMapUrl } from './courier-position';
import {
  ApproveBouquetMutation,
  MyCourierPositionSubscription,
  MyOrderQuery,
  MyOrderUpdatedSubscription,
  RejectBouquetMutation,
} from './my-order.loader';

/**
 * One of the customer's orders: its status live (orderUpdated), the bouquet's photo to approve when the
 * shop asks, the courier's position and its age while on the way, and paying it in Telegram.
 */
export default function MyOrderPage() {
  const params = useParams<{ orderId: string }>();
  const location = useLocation<{ placed?: boolean; payment?: PaymentOutcome }>();
  const navigate = useNavigate();
  const client = useClient();
  const launch = useLaunch();
  const telegramBack = useTelegramBackButton(() => navigate(href.myOrders()));
  const orderId = () => orderIdFromParams(params);
  const [result, refetch] = createQuery({ query: MyOrderQuery, variables: () => ({ id: orderId() }) });
  const [live] = createSubscription({
    query: MyOrderUpdatedSubscription,
    variables: () => ({ id: orderId() }),
  });
  // The courier's position is followed only while the order (as the query and orderUpdated have it) is on the way.
  const fetchedOrder = () => latestOrder(orderId(), result.data?.order, live.data?.orderUpdated);
  const onTheWay = (): boolean => fetchedOrder()?.status === 'OUT_FOR_DELIVERY';
  const [position] = createSubscription({
    query: MyCourierPositionSubscription,
    variables: () => ({ orderId: orderId() }),
    pause: () => !onTheWay(),
  });
  createEffect(
    on(subscriptionsReconnected, () => refetch({ requestPolicy: 'network-only' }), { defer: true }),
  );
  const shownOrder = () => latestOrder(orderId(), fetchedOrder(), position.data?.courierPositionChanged);
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const [payment, setPayment] = createSignal<PaymentOutcome | undefined>(location.state?.payment);
  const [paying, setPaying] = createSignal(false);
  // Telegram closes its form as paid before or after the bot hears of the payment; until the order shows
  // it paid, ask again now and then (bounded), in case the live update came before this page listened.
  createEffect(() => {
    if (payment() !== 'paid' || shownOrder()?.paymentStatus !== 'UNPAID') return;
    let asked = 0;
    const timer = setInterval(() => {
      asked += 1;
      if (asked > 10) clearInterval(timer);
      else refetch({ requestPolicy: 'network-only' });
    }, 2000);
    onCleanup(() => clearInterval(timer));
  });
  const canPayInTelegram = () =>
    launch.kind === 'telegram' && result.data?.shop.telegramPaymentsEnabled === true;

  async function pay() {
    setPaying(true);
    const outcome = await payOrder(client, orderId());
    setPaying(false);
    setPayment(outcome);
    resultFeedback(outcome === 'paid' ? 'success' : outcome === 'cancelled' ? 'warning' : 'error');
  }

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
                backHref={telegramBack ? undefined : href.myOrders()}
              />
              <Show when={location.state?.placed}>
                <p class="notice" role="status">
                  {t('myOrder.placed')}
                </p>
              </Show>
              {/* Whether or not the bot has recorded the payment yet (the order may show paid already). */}
              <Show when={payment() === 'paid'}>
                <p class="notice" role="status">
                  {t('myOrder.payment.paid')}
                </p>
              </Show>
              <div class="order-status-row" aria-live="polite">
                <StatusBadge status={order().status} />
                <span class={`payment payment--${order().paymentStatus.toLowerCase()}`}>
                  {t(`paymentStatus.${order().paymentStatus}`)}
                </span>
              </div>
              <p class="hint">{t(`myOrder.status.${order().status}`)}</p>

              <Show when={order().paymentStatus === 'UNPAID' && order().status !== 'CANCELLED'}>
                <section class="section">
                  <h2 class="section__title">{t('myOrder.payment')}</h2>
                  <Show when={payment() !== 'paid' && payment()}>
                    {(outcome) => (
                      <p class={outcome() === 'paid' ? 'notice' : 'error-message'} role="status">
                        {t(`myOrder.payment.${outcome()}`)}
                      </p>
                    )}
                  </Show>
                  <Show
                    when={canPayInTelegram() && payment() !== 'paid' && payment() !== 'pending'}
                    fallback={
                      <Show when={!canPayInTelegram()}>
                        <p class="hint">{t('myOrder.payAtShop')}</p>
                      </Show>
                    }
                  >
                    <button
                      type="button"
                      class="button button--primary"
                      disabled={paying()}
                      onClick={() => void pay()}
                    >
                      {t('myOrder.pay', { total: money(order().total) })}
                    </button>
                  </Show>
                </section>
              </Show>

              <BouquetApproval order={order()} />

              <Show when={onTheWay() && order().courierPosition}>
                {(where) => <CourierPosition position={where()} />}
              </Show>

              <Section title={t(`fulfillment.${order().fulfillment}`)}>
                <Row label={t('order.window')}>
                  {timeWindow(order().windowStart, order().windowEnd, { timeZone: timeZone() }) ??
                    t('order.windowMissing')}
                </Row>
                <Show
                  when={order().fulfillment === 'DELIVERY'}
                  fallback={
                    <Row label={t('checkout.pickupPoint')}>
                      {order().pickupPoint
                        ? `${order().pickupPoint?.name}, ${order().pickupPoint?.address}`
                        : '—'}
                    </Row>
                  }
                >
                  <Row label={t('order.address')}>{order().deliveryAddress ?? '—'}</Row>
                </Show>
                <Show when={order().recipientName}>
                  <Row label={t('order.recipient')}>{order().recipientName}</Row>
                </Show>
              </Section>

              <Show when={order().cardText}>
                {(cardText) => (
                  <Section title={t('order.card')}>
                    <blockquote class="card-text">{cardText()}</blockquote>
                    <Show when={order().anonymousSender}>
                      <p class="hint">{t('myOrder.anonymous')}</p>
                    </Show>
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

              <Show when={order().cancelReason}>
                {(reason) => (
                  <Section title={t('order.cancelReason')}>
                    <p>{reason()}</p>
                  </Section>
                )}
              </Show>

              <Section title={t('order.history')}>
                <ol class="timeline">
                  {/* Status changes only: a payment or an edit keeps the status, and says nothing new here. */}
                  <For each={order().events.filter((event) => event.fromStatus !== event.toStatus)}>
                    {(event) => (
                      <li class="timeline__event">
                        <div class="timeline__what">{t(`orderStatus.${event.toStatus}`)}</div>
                        <div class="timeline__meta">{dateTime(event.at, { timeZone: timeZone() })}</div>
                      </li>
                    )}
                  </For>
                </ol>
              </Section>
            </>
          )}
        </Match>
        <Match when={result.fetching}>
          <Spinner />
        </Match>
        <Match when={true}>
          <PageHeader title={t('myOrders.title')} backHref={telegramBack ? undefined : href.myOrders()} />
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

type ShownOrder = NonNullable<ResultOf<typeof MyOrderQuery>['order']>;

/** The bouquet's photo; when the shop asked, buttons to approve it or ask for changes with a comment. */
function BouquetApproval(props: { order: ShownOrder }) {
  const [approved, approve] = createMutation(ApproveBouquetMutation);
  const [rejected, reject] = createMutation(RejectBouquetMutation);
  const [comment, setComment] = createSignal('');
  const [asking, setAsking] = createSignal(false);
  const photo = () => props.order.bouquetApproval?.photo ?? props.order.bouquetPhoto;
  const pending = () => props.order.bouquetApproval?.status === 'PENDING';
  const refusal = () => {
    for (const answer of [approved.data?.approveBouquet, rejected.data?.rejectBouquet])
      if (answer && 'message' in answer) return answer.message;
    return undefined;
  };
  return (
    <Show when={photo()}>
      {(image) => (
        <section class="section">
          <h2 class="section__title">{t('myOrder.bouquet')}</h2>
          <img class="product__photo" src={photoUrl(image(), 360)} alt={t('myOrder.bouquetPhoto')} />
          <Show when={props.order.bouquetApproval}>
            {(approval) => (
              <Switch>
                <Match when={pending()}>
                  <p class="hint">{t('myOrder.approval.asked')}</p>
                  <Show when={refusal()}>
                    {(text) => (
                      <p class="error-message" role="alert">
                        {text()}
                      </p>
                    )}
                  </Show>
                  <Show
                    when={asking()}
                    fallback={
                      <div class="order-actions">
                        <button
                          type="button"
                          class="button button--primary"
                          disabled={approved.fetching}
                          onClick={async () => {
                            const answer = await approve({ orderId: props.order.id });
                            resultFeedback(
                              answer.data?.approveBouquet.__typename === 'MutationApproveBouquetSuccess'
                                ? 'success'
                                : 'error',
                            );
                          }}
                        >
                          {t('myOrder.approval.approve')}
                        </button>
                        <button
                          type="button"
                          class="button button--plain button--outlined"
                          onClick={() => setAsking(true)}
                        >
                          {t('myOrder.approval.changes')}
                        </button>
                      </div>
                    }
                  >
                    <form
                      class="form"
                      onSubmit={async (event) => {
                        event.preventDefault();
                        if (comment().trim() === '') return;
                        await reject({ orderId: props.order.id, comment: comment().trim() });
                      }}
                    >
                      <div class="field">
                        <label class="field__label" for="bouquet-comment">
                          {t('myOrder.approval.comment')}
                        </label>
                        <textarea
                          id="bouquet-comment"
                          class="field__input"
                          rows={3}
                          required
                          value={comment()}
                          onInput={(event) => setComment(event.currentTarget.value)}
                        />
                      </div>
                      <button type="submit" class="button button--primary" disabled={rejected.fetching}>
                        {t('myOrder.approval.send')}
                      </button>
                    </form>
                  </Show>
                </Match>
                <Match when={approval().status === 'APPROVED'}>
                  <p class="notice">{t('myOrder.approval.approved')}</p>
                </Match>
                <Match when={approval().status === 'REJECTED'}>
                  <p class="hint">{t('myOrder.approval.rejected')}</p>
                </Match>
              </Switch>
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}

/** Where the courier was last, with how long ago: the age ticks on by this device's clock. */
function CourierPosition(props: { position: { latitude: number; longitude: number; recordedAt: string } }) {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 5000);
  onCleanup(() => clearInterval(timer));
  const age = () => positionAge(positionAgeSeconds(props.position.recordedAt, now()));
  return (
    <section class="section">
      <h2 class="section__title">{t('myOrder.courier')}</h2>
      <p class="courier-position">
        <a
          href={positionMapUrl(props.position.latitude, props.position.longitude)}
          target="_blank"
          rel="noopener"
        >
          {t('myOrder.courierOnMap')}
        </a>{' '}
        <span class="hint">{tPlural(`myOrder.courierAge.${age().unit}`, age().count)}</span>
      </p>
    </section>
  );
}
