import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { Disclosure } from '../../components/Disclosure/Disclosure';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { ReasonForm } from '../../components/ReasonForm/ReasonForm';
import { date, dateTime, money, t } from '../../i18n/i18n';
import { RenewSubscriptionForm } from './RenewSubscriptionForm';
import { subscriptionActions } from './subscription-actions';
import {
  refusalOf,
  type SubscriptionAnswer,
  type SubscriptionRefusal,
  subscriptionRefusalMessages,
} from './subscription-refusals';
import {
  CancelSubscriptionMutation,
  PauseSubscriptionMutation,
  ResumeSubscriptionMutation,
} from './subscriptions.documents';
import type { ShopSubscription } from './subscriptions.loader';

/**
 * One subscription: whose, what and how often, its next delivery and last day, and what may be done with
 * it in its status (pause or resume, cancel with a reason, renew to a later day). Each is sent with the
 * version shown, so a change made meanwhile is refused rather than overwritten; the refusal shows in the
 * row and the list is read again.
 */
export function SubscriptionRow(props: { subscription: ShopSubscription; onChanged: () => void }) {
  const [pausing, pauseSubscription] = createMutation(PauseSubscriptionMutation);
  const [resuming, resumeSubscription] = createMutation(ResumeSubscriptionMutation);
  const [cancelling, cancelSubscription] = createMutation(CancelSubscriptionMutation);
  const [refusal, setRefusal] = createSignal<SubscriptionRefusal>();
  const [done, setDone] = createSignal<string>();
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const can = () => subscriptionActions(props.subscription.status);
  const busy = () => pausing.fetching || resuming.fetching;
  const variables = () => ({ id: props.subscription.id, version: props.subscription.version });

  function answered(answer: SubscriptionAnswer | undefined, success?: () => string) {
    if (!answer) return;
    const refused = refusalOf(answer);
    setRefusal(refused);
    setDone(refused ? undefined : success?.());
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
          <span class="list__subtitle subscription-row__until">
            {t('subscriptions.until', { day: date(props.subscription.validUntil, { timeZone: timeZone() }) })}
          </span>
          <Show when={props.subscription.needsAttention}>
            <span class="subscription-row__attention">
              {t('subscriptions.needsAttention')}
              {props.subscription.pauseReason ? `: ${props.subscription.pauseReason}` : ''}
            </span>
          </Show>
        </span>
        <Show when={can().pause}>
          <button
            type="button"
            class="button button--small"
            disabled={busy()}
            onClick={async () => answered((await pauseSubscription(variables())).data?.pauseSubscription)}
          >
            {t('subscriptions.pause')}
          </button>
        </Show>
        <Show when={can().resume}>
          <button
            type="button"
            class="button button--small"
            disabled={busy()}
            onClick={async () => answered((await resumeSubscription(variables())).data?.resumeSubscription)}
          >
            {t('subscriptions.resume')}
          </button>
        </Show>
      </div>
      <Show when={can().renew || can().cancel}>
        <div class="subscription-row__manage">
          <Show when={can().renew}>
            <Disclosure summary={t('subscriptions.renew')}>
              <RenewSubscriptionForm
                subscription={props.subscription}
                onAnswer={(answer) =>
                  answered(answer, () =>
                    answer?.__typename === 'MutationRenewSubscriptionSuccess'
                      ? t('subscriptions.renewed', {
                          day: date(answer.data.validUntil, { timeZone: timeZone() }),
                        })
                      : '',
                  )
                }
              />
            </Disclosure>
          </Show>
          <Show when={can().cancel}>
            <Disclosure summary={t('subscriptions.cancel')}>
              <ReasonForm
                id={`cancel-reason-${props.subscription.id}`}
                label={t('subscriptions.cancelReason')}
                submitLabel={t('subscriptions.cancelSubmit')}
                error={cancelling.error}
                busy={cancelling.fetching}
                onSubmit={async (reason) =>
                  answered(
                    (await cancelSubscription({ ...variables(), reason })).data?.cancelSubscription,
                    () => t('subscriptions.cancelled'),
                  )
                }
              />
            </Disclosure>
          </Show>
        </div>
      </Show>
      <Show when={done()}>
        {(text) => (
          <p class="subscription-row__done" role="status">
            {text()}
          </p>
        )}
      </Show>
      <RefusalMessage refusal={refusal()} messages={subscriptionRefusalMessages} />
      <ErrorMessage error={pausing.error ?? resuming.error} />
    </li>
  );
}
