import { A, useNavigate } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Row, telHref } from '../../components/Section/Section';
import { Spinner } from '../../components/Spinner/Spinner';
import { date, dateTime, money, t } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { MySubscriptionsQuery } from './my-subscription.loader';

/**
 * The customer's subscription: what it brings, until when, the next delivery. Renewing is the shop's
 * (renewSubscription is for managers: it sets a new end date and price), so the page says whom to ask.
 */
export default function MySubscriptionPage() {
  const navigate = useNavigate();
  const telegramBack = useTelegramBackButton(() => navigate(href.myOrders()));
  const [result, refetch] = createQuery({ query: MySubscriptionsQuery });
  const timeZone = () => activeShopAccess()?.shop.timezone;
  return (
    <main class="page">
      <PageHeader title={t('mySubscription.title')} backHref={telegramBack ? undefined : href.myOrders()} />
      <Show when={result.data} fallback={result.error ? null : <Spinner />}>
        {(data) => (
          <>
            <For each={data().subscriptions.edges} fallback={<p class="empty">{t('mySubscription.none')}</p>}>
              {({ node }) => (
                <section class="section">
                  <h2 class="section__title">{node.plan}</h2>
                  <div class="section__body">
                    <Show when={node.product}>
                      {(product) => <Row label={t('mySubscription.bouquet')}>{product().name}</Row>}
                    </Show>
                    <Row label={t('mySubscription.status')}>{t(`subscriptionStatus.${node.status}`)}</Row>
                    <Row label={t('mySubscription.until')}>
                      {date(node.validUntil, { timeZone: timeZone() })}
                    </Row>
                    <Show when={node.nextDeliveryAt}>
                      {(next) => (
                        <Row label={t('mySubscription.next')}>
                          {dateTime(next(), { timeZone: timeZone() })}
                        </Row>
                      )}
                    </Show>
                    <Row label={t('mySubscription.price')}>{money(node.price)}</Row>
                  </div>
                </section>
              )}
            </For>
            <p class="hint">
              {t('mySubscription.renewal')}{' '}
              <Show when={data().shop.phone}>{(phone) => <a href={telHref(phone())}>{phone()}</a>}</Show>
            </p>
            <A class="button button--plain button--outlined" href={href.shop()}>
              {t('cart.toShop')}
            </A>
          </>
        )}
      </Show>
      <ErrorMessage error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
    </main>
  );
}
