import { createSignal } from 'solid-js';
import { PagedConnection } from '../../components/PagedConnection/PagedConnection';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { t, tPlural } from '../../i18n/i18n';
import { SubscriptionRow } from './SubscriptionRow';
import { SubscriptionChangedSubscription } from './subscriptions.documents';
import { SubscriptionsQuery } from './subscriptions.loader';
import { subscriptionsVariables } from './subscriptions-variables';

/**
 * The shop's subscriptions for admins and managers, newest first, a page at a time (each page its own
 * query, as on the order board), with a switch to those the generator paused for someone to act on; each
 * row pauses, resumes, renews or cancels its subscription. Live: a change made elsewhere (a colleague, the
 * customer, the generator) re-reads every loaded page, and so does a row's own action.
 */
export default function SubscriptionsPage() {
  const [attentionOnly, setAttentionOnly] = createSignal(false);
  const [refreshes, setRefreshes] = createSignal(0);
  const reread = () => setRefreshes((count) => count + 1);
  followLive([liveFeed(SubscriptionChangedSubscription, { pause: outsideSection('subscriptions') })], reread);

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
      <PagedConnection
        filter={attentionOnly()}
        refreshes={refreshes}
        query={SubscriptionsQuery}
        variables={subscriptionsVariables}
        connection={(data) => data.subscriptions}
        listClass="list subscription-list"
        emptyText={t('subscriptions.empty')}
        loadMoreText={t('app.loadMore')}
        summary={(subscriptions) => (
          <p class="list-summary">{tPlural('subscriptions.count', subscriptions().totalCount)}</p>
        )}
      >
        {(edge) => <SubscriptionRow subscription={edge.node} onChanged={reread} />}
      </PagedConnection>
    </main>
  );
}
