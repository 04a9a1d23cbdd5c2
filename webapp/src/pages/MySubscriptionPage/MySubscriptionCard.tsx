import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { ConfirmButton } from '../../components/ConfirmButton/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { type Refusal, RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { Row } from '../../components/Section/Section';
import { date, dateTime, money, t, tPlural } from '../../i18n/i18n';
import { resultFeedback } from '../../telegram/haptics';
import { RenewSubscriptionByTermMutation } from './my-subscription.documents';
import type { MySubscription } from './my-subscription.loader';

type RenewalRefusal = Refusal<'InvalidSubscriptionTransition' | 'StaleVersion'>;

const refusalMessages = {
  InvalidSubscriptionTransition: 'mySubscription.refused.transition',
  StaleVersion: 'mySubscription.refused.stale',
} as const;

/** What the last renewal of a subscription came to, shown on its card. */
export interface RenewalOutcome {
  refusal?: RenewalRefusal;
  renewedUntil?: string;
}

/**
 * The page's renewal outcomes by subscription id. Kept by the page rather than each card: a live re-read
 * (the renewal's own subscriptionChanged among them) may render the cards anew, and the answer must stay.
 */
export function createRenewalOutcomes() {
  const [outcomes, setOutcomes] = createSignal<Record<string, RenewalOutcome>>({});
  return {
    of: (id: string): RenewalOutcome => outcomes()[id] ?? {},
    set: (id: string, outcome: RenewalOutcome) => setOutcomes((all) => ({ ...all, [id]: outcome })),
  };
}

export type RenewalOutcomes = ReturnType<typeof createRenewalOutcomes>;

/** Only a cancelled subscription has no future to extend (the server's RENEWABLE_STATUSES). */
const renewable = (status: MySubscription['status']) => status !== 'CANCELLED';

/**
 * One subscription of the customer's, and renewing it by one term at its price. The renewal is sent with the
 * version shown, so a change the shop made meanwhile is refused (and the page re-read) rather than renewed
 * unseen.
 */
export function MySubscriptionCard(props: {
  subscription: MySubscription;
  timeZone: string | undefined;
  outcomes: RenewalOutcomes;
  onRefused: () => void;
}) {
  const [renewal, renew] = createMutation(RenewSubscriptionByTermMutation);
  const outcome = () => props.outcomes.of(props.subscription.id);

  async function renewByTerm() {
    const id = props.subscription.id;
    props.outcomes.set(id, {});
    const answer = (await renew({ id, version: props.subscription.version })).data?.renewSubscriptionByTerm;
    if (!answer) return resultFeedback('error');
    if (answer.__typename === 'MutationRenewSubscriptionByTermSuccess') {
      props.outcomes.set(id, { renewedUntil: answer.data.validUntil });
      return resultFeedback('success');
    }
    if (answer.__typename === 'InvalidSubscriptionTransition' || answer.__typename === 'StaleVersion') {
      props.outcomes.set(id, { refusal: answer as RenewalRefusal });
      props.onRefused();
    }
    resultFeedback('warning');
  }

  return (
    <section class="section" data-subscription={props.subscription.id}>
      <h2 class="section__title">{props.subscription.plan}</h2>
      <div class="section__body">
        <Show when={props.subscription.product}>
          {(product) => <Row label={t('mySubscription.bouquet')}>{product().name}</Row>}
        </Show>
        <Row label={t('mySubscription.status')}>{t(`subscriptionStatus.${props.subscription.status}`)}</Row>
        <Row label={t('mySubscription.until')}>
          <span class="my-subscription__until">
            {date(props.subscription.validUntil, { timeZone: props.timeZone })}
          </span>
        </Row>
        <Show when={props.subscription.nextDeliveryAt}>
          {(next) => (
            <Row label={t('mySubscription.next')}>{dateTime(next(), { timeZone: props.timeZone })}</Row>
          )}
        </Show>
        <Row label={t('mySubscription.price')}>{money(props.subscription.price)}</Row>
      </div>
      <Show when={renewable(props.subscription.status)}>
        <ConfirmButton
          label={t('mySubscription.renew')}
          question={tPlural('mySubscription.renewQuestion', props.subscription.termDays, {
            price: money(props.subscription.price),
          })}
          destructive={false}
          disabled={renewal.fetching}
          onConfirm={() => void renewByTerm()}
        />
      </Show>
      <Show when={outcome().renewedUntil}>
        {(until) => (
          <p class="hint" role="status">
            {t('mySubscription.renewed', { date: date(until(), { timeZone: props.timeZone }) })}
          </p>
        )}
      </Show>
      <RefusalMessage refusal={outcome().refusal} messages={refusalMessages} />
      <ErrorMessage error={renewal.error} />
    </section>
  );
}
