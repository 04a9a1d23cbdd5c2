import { createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { t, tPlural } from '../../i18n/i18n';
import { SubscriptionRow } from './SubscriptionRow';
import { SubscriptionChangedSubscription } from './subscriptions.documents';
import { SubscriptionsQuery, subscriptionsPageSize } from './subscriptions.loader';

/**
 * The shop's subscriptions for admins and managers, newest first, with a switch to those the
 * generator paused for someone to act on; each row pauses, resumes, renews or cancels its subscription.
 * Live: a change made elsewhere (a colleague, the customer, the generator) shows without a reload.
 */
export default function SubscriptionsPage() {
  const [attentionOnly, setAttentionOnly] = createSignal(false);
  const [result, refetch] = createQuery({
    query: SubscriptionsQuery,
    variables: () => ({
      filter: attentionOnly() ? { needsAttention: true } : null,
      first: subscriptionsPageSize,
    }),
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive([liveFeed(SubscriptionChangedSubscription, { pause: outsideSection('subscriptions') })], reload);

  return (
    <main class="page">
      <PageHeader title={t('subscriptions.title')} />
      <label class="checkbox">
        <input
          type="checkbox"
          checked={attentionOnly()}
          onChange={(event) => setAttentionOnly(event.currentTarget.checked)}
        />
        <span>{t('subscriptions.attentionOnly')}</span>
      </label>
      <ErrorMessage error={result.error} onRetry={reload} />
      <Show when={result.data} fallback={<Show when={result.fetching}>{<Spinner />}</Show>}>
        {(loaded) => (
          <>
            <p class="list-summary">{tPlural('subscriptions.count', loaded().subscriptions.totalCount)}</p>
            <ul class="list subscription-list">
              <For each={loaded().subscriptions.edges}>
                {(edge) => <SubscriptionRow subscription={edge.node} onChanged={reload} />}
              </For>
            </ul>
          </>
        )}
      </Show>
    </main>
  );
}
