import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { FieldError } from '../../components/FieldError/FieldError';
import { todayIn } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { AddShopClosureMutation, RemoveShopClosureMutation } from './checkout-settings.documents';
import type { CheckoutSettings } from './checkout-settings.loader';

/** The days ahead the shop takes no deliveries (holidays, stocktaking), each removable, and a form for one more. */
export function ShopClosures(props: {
  closures: CheckoutSettings['closures'];
  timeZone: string;
  onChanged: () => void;
}) {
  const [adding, addShopClosure] = createMutation(AddShopClosureMutation);
  const [removing, removeShopClosure] = createMutation(RemoveShopClosureMutation);
  const [day, setDay] = createSignal('');
  const [reason, setReason] = createSignal('');

  async function add(event: SubmitEvent) {
    event.preventDefault();
    const result = await addShopClosure({ date: day(), reason: reason().trim() || null });
    if (result.data) {
      setDay('');
      setReason('');
      props.onChanged();
    }
  }

  async function remove(date: string) {
    const result = await removeShopClosure({ date });
    if (result.data) props.onChanged();
  }

  return (
    <section class="section" aria-labelledby="checkout-closures">
      <h2 class="section__title" id="checkout-closures">
        {t('checkout.closures.title')} · {props.closures.length}
      </h2>
      <Show when={props.closures.length > 0}>
        <ul class="list closure-list">
          <For each={props.closures}>
            {(closure) => (
              <li class="list__item shop-closure">
                <span class="list__main">
                  <span class="list__title">{closure.date}</span>
                  <Show when={closure.reason}>
                    <span class="list__subtitle">{closure.reason}</span>
                  </Show>
                </span>
                <button
                  type="button"
                  class="button button--small button--plain button--destructive"
                  disabled={removing.fetching}
                  onClick={() => void remove(closure.date)}
                >
                  {t('checkout.remove')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ErrorMessage error={removing.error} />
      <form class="card form" onSubmit={add} aria-label={t('checkout.closures.add')}>
        <div class="form__row">
          <label class="field">
            <span class="field__label">{t('checkout.closures.date')}</span>
            <input
              class="field__input"
              type="date"
              name="closureDate"
              required
              min={todayIn(props.timeZone)}
              value={day()}
              aria-describedby="closure-date-error"
              onInput={(event) => setDay(event.currentTarget.value)}
            />
            <FieldError error={adding.error} field="date" id="closure-date-error" />
          </label>
          <label class="field">
            <span class="field__label">{t('checkout.closures.reason')}</span>
            <input
              class="field__input"
              name="closureReason"
              maxLength={200}
              value={reason()}
              onInput={(event) => setReason(event.currentTarget.value)}
            />
          </label>
        </div>
        <ErrorMessage error={adding.error} />
        <button type="submit" class="button" disabled={adding.fetching}>
          {t('checkout.closures.add')}
        </button>
      </form>
    </section>
  );
}
