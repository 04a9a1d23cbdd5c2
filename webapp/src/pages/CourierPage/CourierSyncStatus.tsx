import { For, Show } from 'solid-js';
import { dateTime, t } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import type { QueuedAction } from '../../offline/courier-queue';
import {
  courierQueue,
  courierSyncing,
  dismissRefusal,
  proofUploadProgress,
} from '../../offline/courier-sync';
import { isOnline } from '../../offline/online-status';

const actionLabels: Record<QueuedAction['kind'], MessageKey> = {
  pickUp: 'courier.action.pickUp',
  startRoute: 'courier.action.startRoute',
  complete: 'courier.action.complete',
  fail: 'courier.action.fail',
  proof: 'courier.action.proof',
};

/** What a refusal from the replay means to the courier; anything else says it was refused. */
const refusalLabels: Record<string, MessageKey> = {
  WrongHandoverCode: 'courier.refused.wrongCode',
  HandoverCodeLocked: 'courier.refused.locked',
  NotYourDelivery: 'courier.refused.notYours',
  InvalidDeliveryStatus: 'courier.refused.status',
  BouquetNotApproved: 'courier.refused.notApproved',
  UnsupportedImage: 'courier.refused.image',
};

/**
 * The link and the queue, in words: offline (and from when the shown day is), the steps waiting to be
 * sent (of the order `orderId` only, when given), and those the server refused, each to dismiss once read.
 */
export function CourierSyncStatus(props: {
  savedAt?: string | undefined;
  orderId?: string;
  timeZone?: string;
}) {
  const entries = () => courierQueue().filter((entry) => !props.orderId || entry.orderId === props.orderId);
  const waiting = () => entries().filter((entry) => !entry.refusal);
  const refused = () => entries().filter((entry) => entry.refusal);
  return (
    <div class="courier-sync" aria-live="polite">
      <Show when={!isOnline() || props.savedAt}>
        <p class="courier-sync__offline" role="status">
          {props.savedAt
            ? t('courier.offline.savedAt', { at: dateTime(props.savedAt, { timeZone: props.timeZone }) })
            : t('courier.offline')}
        </p>
      </Show>
      <Show when={waiting().length > 0}>
        <section class="courier-sync__queue" aria-label={t('courier.queue.title')}>
          <p class="courier-sync__summary" data-testid="courier-queue-count">
            {courierSyncing() && isOnline()
              ? t('courier.queue.sending', { count: waiting().length })
              : t('courier.queue.waiting', { count: waiting().length })}
          </p>
          <ul class="courier-sync__list">
            <For each={waiting()}>
              {(entry) => (
                <li class="courier-sync__item">
                  {t('courier.queue.item', {
                    number: entry.orderNumber,
                    action: t(actionLabels[entry.kind]),
                  })}
                  <Show when={proofUploadProgress()?.entryId === entry.id}>
                    <progress
                      class="courier-sync__progress"
                      max="1"
                      value={proofUploadProgress()?.fraction ?? 0}
                      aria-label={t('courier.photo.progress')}
                    />
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <For each={refused()}>
        {(entry) => (
          <div class="error-message courier-sync__refused" role="alert">
            <span class="error-message__text">
              {t('courier.refused', {
                number: entry.orderNumber,
                action: t(actionLabels[entry.kind]),
                reason: t(refusalLabels[entry.refusal ?? ''] ?? 'courier.refused.other'),
              })}
            </span>
            <button type="button" class="button button--small" onClick={() => void dismissRefusal(entry)}>
              {t('courier.refused.dismiss')}
            </button>
          </div>
        )}
      </For>
    </div>
  );
}
