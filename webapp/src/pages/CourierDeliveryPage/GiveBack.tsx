import { createMutation } from '@urql/solid';
import { createSignal, Show } from 'solid-js';
import { ConfirmButton } from '../../components/ConfirmButton/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { type Refusal, RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { t } from '../../i18n/i18n';
import { courierQueue } from '../../offline/courier-sync';
import { nextSteps, predictedStatus } from '../../offline/predicted-delivery';
import { resultFeedback } from '../../telegram/haptics';
import type { CourierDelivery } from '../CourierPage/use-courier-day';
import { ReleaseDeliveryMutation } from './give-back.documents';

type GiveBackRefusal = Refusal<'StaleVersion' | 'InvalidDeliveryStatus' | 'NotYourDelivery' | 'NotADelivery'>;

const refusalMessages = {
  StaleVersion: 'courier.giveBack.refused.stale',
  InvalidDeliveryStatus: 'courier.giveBack.refused.status',
  NotYourDelivery: 'courier.giveBack.refused.notYours',
  NotADelivery: 'courier.giveBack.refused.notADelivery',
} as const;

/**
 * Giving a delivery back to the pool before the bouquet is picked up, after asking (ConfirmButton, in place:
 * the one confirmation the Mini App and the PWA share). Online only, unlike the steps, which queue: it is
 * the shop that must learn of it, now, so that another courier takes the bouquet, and a give-back sent
 * hours later would take away a delivery the courier may have made meanwhile. Offered only where both the
 * server's status and the one the queue will leave allow it, so no waiting step is overtaken.
 */
export function GiveBack(props: { order: CourierDelivery; onGivenBack: () => void; onRefused: () => void }) {
  const [releasing, release] = createMutation(ReleaseDeliveryMutation);
  const [refusal, setRefusal] = createSignal<GiveBackRefusal>();
  const waiting = () => courierQueue().filter((entry) => entry.orderId === props.order.id);
  const allowed = () =>
    nextSteps(props.order.delivery?.status).giveBack &&
    nextSteps(predictedStatus(props.order.delivery?.status, waiting())).giveBack;

  async function giveBack() {
    setRefusal(undefined);
    const answer = (await release({ orderId: props.order.id, version: props.order.version })).data
      ?.releaseDelivery;
    if (!answer) return resultFeedback('error');
    if (answer.__typename === 'MutationReleaseDeliverySuccess') {
      resultFeedback('success');
      return props.onGivenBack();
    }
    setRefusal(answer as GiveBackRefusal);
    resultFeedback('warning');
    props.onRefused();
  }

  return (
    <>
      <Show when={allowed()}>
        <section class="section">
          <ConfirmButton
            label={t('courier.giveBack')}
            question={t('courier.giveBack.question')}
            disabled={releasing.fetching}
            onConfirm={() => void giveBack()}
          />
        </section>
      </Show>
      <RefusalMessage refusal={refusal()} messages={refusalMessages} />
      <ErrorMessage error={releasing.error} />
    </>
  );
}
