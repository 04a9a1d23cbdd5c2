import { createSignal, Show } from 'solid-js';
import { t } from '../../i18n/i18n';
import { courierQueue, queueCourierAction } from '../../offline/courier-sync';
import { nextSteps, predictedStatus } from '../../offline/predicted-delivery';
import type { CourierDelivery } from '../CourierPage/use-courier-day';
import { LocationSharing } from './LocationSharing';
import { sharingFor, stopSharing } from './location-sharing';

/**
 * The next steps of one delivery: picked up, on my way, handed over (with the code the recipient was
 * sent, and a photo), or not delivered (with why). Every step goes through the queue, online or not, so
 * there is one way a step reaches the server; the buttons follow the status as the courier left it.
 */
export function DeliverySteps(props: { order: CourierDelivery }) {
  const [code, setCode] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [failing, setFailing] = createSignal(false);
  const waiting = () => courierQueue().filter((entry) => entry.orderId === props.order.id);
  const status = () => predictedStatus(props.order.delivery?.status, waiting());
  const steps = () => nextSteps(status());
  const photoQueued = () => waiting().some((entry) => entry.kind === 'proof' && !entry.refusal);
  const codeSent = () => props.order.delivery?.handoverCodeSent ?? false;
  const on = () => ({
    orderId: props.order.id,
    orderNumber: props.order.number,
    version: props.order.version,
  });

  function complete(event: SubmitEvent) {
    event.preventDefault();
    // The bouquet is handed over (or will be, once sent): nothing more to share.
    if (sharingFor() === props.order.id) stopSharing();
    void queueCourierAction({ kind: 'complete', code: code().trim() }, on());
    setCode('');
  }

  function fail(event: SubmitEvent) {
    event.preventDefault();
    if (!reason().trim()) return;
    if (sharingFor() === props.order.id) stopSharing();
    void queueCourierAction({ kind: 'fail', reason: reason().trim() }, on());
    setReason('');
    setFailing(false);
  }

  function photoChosen(input: HTMLInputElement) {
    const photo = input.files?.[0];
    if (!photo) return;
    void queueCourierAction({ kind: 'proof', photo, fileName: photo.name || 'proof.jpg' }, on());
    input.value = '';
  }

  return (
    <div class="delivery-steps">
      <Show when={steps().pickUp}>
        <button
          type="button"
          class="button button--primary"
          onClick={() => void queueCourierAction({ kind: 'pickUp' }, on())}
        >
          {t('courier.step.pickUp')}
        </button>
      </Show>
      <Show when={steps().startRoute}>
        <button
          type="button"
          class="button button--primary"
          onClick={() => void queueCourierAction({ kind: 'startRoute' }, on())}
        >
          {t('courier.step.startRoute')}
        </button>
      </Show>
      <Show when={steps().handOver}>
        {/* The server's status, not the guess: a position is refused until the pick-up reached it. */}
        <Show when={nextSteps(props.order.delivery?.status).handOver}>
          <LocationSharing orderId={props.order.id} />
        </Show>
        <section class="section">
          <h2 class="section__title">{t('courier.handover.title')}</h2>
          <div class="section__body form">
            <label class="field">
              <span class="field__label">{t('courier.photo.label')}</span>
              <input
                class="field__input"
                type="file"
                accept="image/*"
                capture="environment"
                onChange={(event) => photoChosen(event.currentTarget)}
              />
            </label>
            <Show when={photoQueued()}>
              <p class="hint">{t('courier.photo.queued')}</p>
            </Show>
            <form class="form" onSubmit={complete}>
              <Show when={codeSent()} fallback={<p class="hint">{t('courier.handover.noCode')}</p>}>
                <label class="field">
                  <span class="field__label">{t('courier.handover.code')}</span>
                  <input
                    class="field__input field__input--code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    pattern="\d{4}"
                    maxlength="4"
                    required
                    value={code()}
                    onInput={(event) => setCode(event.currentTarget.value)}
                  />
                </label>
              </Show>
              <button type="submit" class="button button--primary">
                {t('courier.step.complete')}
              </button>
            </form>
          </div>
        </section>
        <section class="section">
          <Show
            when={failing()}
            fallback={
              <button type="button" class="button button--destructive" onClick={() => setFailing(true)}>
                {t('courier.step.fail')}
              </button>
            }
          >
            <form class="form section__body" onSubmit={fail}>
              <label class="field">
                <span class="field__label">{t('courier.fail.reason')}</span>
                <textarea
                  class="field__input"
                  required
                  rows="3"
                  value={reason()}
                  onInput={(event) => setReason(event.currentTarget.value)}
                />
              </label>
              <div class="confirm__buttons">
                <button type="submit" class="button button--destructive">
                  {t('courier.fail.confirm')}
                </button>
                <button type="button" class="button" onClick={() => setFailing(false)}>
                  {t('app.cancel')}
                </button>
              </div>
            </form>
          </Show>
        </section>
      </Show>
    </div>
  );
}
