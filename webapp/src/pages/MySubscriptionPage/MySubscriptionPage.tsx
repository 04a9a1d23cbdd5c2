import { A, useNavigate } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { Index, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { telHref } from '../../components/Section/Section';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { t } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { SubscriptionChangedSubscription } from '../SubscriptionsPage/subscriptions.documents';
import { createRenewalOutcomes, MySubscriptionCard } from './MySubscriptionCard';
import { MySubscriptionsQuery } from './my-subscription.loader';

/**
 * The customer's subscriptions: what each brings, until when, the next delivery, and renewing one by a term
 * at its price (MySubscriptionCard). Other changes are the shop's, so the page says whom to ask; they show
 * without a reload (subscriptionChanged: the server tells a customer of their own only).
 */
export default function MySubscriptionPage() {
  const navigate = useNavigate();
  const telegramBack = useTelegramBackButton(() => navigate(href.myOrders()));
  const [result, refetch] = createQuery({ query: MySubscriptionsQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive([liveFeed(SubscriptionChangedSubscription, { pause: outsideSection('myOrders') })], reload);
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const outcomes = createRenewalOutcomes();
  return (
    <main class="page">
      <PageHeader title={t('mySubscription.title')} backHref={telegramBack ? undefined : href.myOrders()} />
      <Show when={result.data} fallback={result.error ? null : <Spinner />}>
        {(data) => (
          <>
            {/* By position, not by object: a re-read after a refusal keeps each card and the refusal it shows. */}
            <Index
              each={data().subscriptions.edges}
              fallback={<p class="empty">{t('mySubscription.none')}</p>}
            >
              {(edge) => (
                <MySubscriptionCard
                  subscription={edge().node}
                  timeZone={timeZone()}
                  outcomes={outcomes}
                  onRefused={reload}
                />
              )}
            </Index>
            <p class="hint">
              {t('mySubscription.contact')}{' '}
              <Show when={data().shop.phone}>{(phone) => <a href={telHref(phone())}>{phone()}</a>}</Show>
            </p>
            <A class="button button--plain button--outlined" href={href.shop()}>
              {t('cart.toShop')}
            </A>
          </>
        )}
      </Show>
      <ErrorMessage error={result.error} onRetry={reload} />
    </main>
  );
}
