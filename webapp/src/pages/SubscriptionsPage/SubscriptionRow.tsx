import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { dateTime, money, t } from '../../i18n/i18n';
import { PauseSubscriptionMutation, ResumeSubscriptionMutation } from './subscriptions.documents';
import type { ShopSubscription } from './subscriptions.loader';

type Refusal = { __typename: 'InvalidSubscriptionTransition' | 'StaleVersion'; message: string };

const refusalMessages = {
  InvalidSubscriptionTransition: 'subscriptions.refused.transition',
  StaleVersion: 'subscriptions.refused.stale',
} as const;

/**
 * One subscription: whose, what and how often, its next delivery, and pause or resume (sent with the
 * version shown, so a change made meanwhile is refused rather than overwritten).
 */
export function SubscriptionRow(props: { subscription: ShopSubscription; onChanged: () => void }) {
  const [pausing, pauseSubscription] = createMutation(PauseSubscriptionMutation);
  const [resuming, resumeSubscription] = createMutation(ResumeSubscriptionMutation);
  const [refusal, setRefusal] = createSignal<Refusal>();
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const busy = () => pausing.fetching || resuming.fetching;

  async function change(action: 'pause' | 'resume') {
    const variables = { id: props.subscription.id, version: props.subscription.version };
    const answer =
      action === 'pause'
        ? (await pauseSubscription(variables)).data?.pauseSubscription
        : (await resumeSubscription(variables)).data?.resumeSubscription;
    if (!answer) return;
    const refused =
      answer.__typename === 'InvalidSubscriptionTransition' || answer.__typename === 'StaleVersion';
    setRefusal(refused ? (answer as Refusal) : undefined);
    props.onChanged();
  }

  return (
    <li class="subscription-row" data-subscription={props.subscription.id}>
      <div class="list__item">
        <span class="list__main">
          <span class="list__title">
            {props.subscription.customer.name} · {props.subscription.product?.name ?? props.subscription.plan}
          </span>
          <span class="list__subtitle">
            {t(`subscriptions.status.${props.subscription.status}`)} ·{' '}
            {t(`subscriptionFrequency.${props.subscription.frequency}`)} · {props.subscription.quantity} ×{' '}
            {money(props.subscription.price)}
          </span>
          <Show when={props.subscription.nextDeliveryAt}>
            {(next) => (
              <span class="list__subtitle">
                {t('subscriptions.next', { when: dateTime(next(), { timeZone: timeZone() }) })}
              </span>
            )}
          </Show>
          <Show when={props.subscription.needsAttention}>
            <span class="subscription-row__attention">
              {t('subscriptions.needsAttention')}
              {props.subscription.pauseReason ? `: ${props.subscription.pauseReason}` : ''}
            </span>
          </Show>
        </span>
        <Show when={props.subscription.status === 'ACTIVE'}>
          <button
            type="button"
            class="button button--small"
            disabled={busy()}
            onClick={() => void change('pause')}
          >
            {t('subscriptions.pause')}
          </button>
        </Show>
        <Show when={props.subscription.status === 'PAUSED'}>
          <button
            type="button"
            class="button button--small"
            disabled={busy()}
            onClick={() => void change('resume')}
          >
            {t('subscriptions.resume')}
          </button>
        </Show>
      </div>
      <RefusalMessage refusal={refusal()} messages={refusalMessages} />
      <ErrorMessage error={pausing.error ?? resuming.error} />
    </li>
  );
}
