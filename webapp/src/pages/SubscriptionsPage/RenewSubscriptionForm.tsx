import { createMutation } from '@urql/solid';
import { createSignal } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { FieldError } from '../../components/FieldError/FieldError';
import { endOfDayIn, todayIn } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { renewalLastDay } from './subscription-actions';
import type { SubscriptionAnswer } from './subscription-refusals';
import { RenewSubscriptionMutation } from './subscriptions.documents';
import type { ShopSubscription } from './subscriptions.loader';

/**
 * Extend a subscription to a new last day, on the shop's clock (its end of day is sent), one more term by
 * default. A day not after the current end is refused by the server, beside the field.
 */
export function RenewSubscriptionForm(props: {
  subscription: ShopSubscription;
  onAnswer: (answer: SubscriptionAnswer | undefined) => void;
}) {
  const [state, renewSubscription] = createMutation(RenewSubscriptionMutation);
  const timeZone = () => activeShopAccess()?.shop.timezone ?? 'UTC';
  const [lastDay, setLastDay] = createSignal(renewalLastDay(props.subscription, timeZone()));
  const fieldId = () => `renew-until-${props.subscription.id}`;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const result = await renewSubscription({
      id: props.subscription.id,
      version: props.subscription.version,
      validUntil: endOfDayIn(lastDay(), timeZone()),
    });
    const answer = result.data?.renewSubscription;
    // Renewed: the next renewal proposes one more term after the new end.
    if (answer?.__typename === 'MutationRenewSubscriptionSuccess')
      setLastDay(renewalLastDay(answer.data, timeZone()));
    props.onAnswer(answer);
  }

  return (
    <form class="form" onSubmit={submit}>
      <div class="field">
        <label class="field__label" for={fieldId()}>
          {t('subscriptions.renewUntil')}
        </label>
        <input
          id={fieldId()}
          class="field__input"
          type="date"
          name="validUntil"
          required
          min={todayIn(timeZone())}
          value={lastDay()}
          aria-describedby={`${fieldId()}-error`}
          onInput={(event) => setLastDay(event.currentTarget.value)}
        />
        <FieldError error={state.error} field="validUntil" id={`${fieldId()}-error`} />
      </div>
      <button type="submit" class="button button--primary" disabled={state.fetching}>
        {t('subscriptions.renewSubmit')}
      </button>
      <ErrorMessage error={state.error} />
    </form>
  );
}
