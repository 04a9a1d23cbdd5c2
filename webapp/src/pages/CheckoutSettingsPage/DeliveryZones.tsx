import { createMutation } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { FieldError } from '../../components/FieldError/FieldError';
import { money, t } from '../../i18n/i18n';
import { parseMoneyInput } from '../../i18n/money-input';
import { ArchiveDeliveryZoneMutation, UpsertDeliveryZoneMutation } from './checkout-settings.documents';
import type { CheckoutSettings } from './checkout-settings.loader';

/** The delivery zones with their fees (archived ones stay listed, marked), and a form for a new zone. */
export function DeliveryZones(props: { zones: CheckoutSettings['zones']; onChanged: () => void }) {
  const [saving, upsertDeliveryZone] = createMutation(UpsertDeliveryZoneMutation);
  const [archiving, archiveDeliveryZone] = createMutation(ArchiveDeliveryZoneMutation);
  const [name, setName] = createSignal('');
  const [fee, setFee] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [badFee, setBadFee] = createSignal(false);
  const currency = () => activeShopAccess()?.shop.currency ?? 'RUB';

  async function add(event: SubmitEvent) {
    event.preventDefault();
    const feeMinor = parseMoneyInput(fee(), currency());
    setBadFee(feeMinor === undefined);
    if (feeMinor === undefined) return;
    const result = await upsertDeliveryZone({
      input: { name: name().trim(), feeMinor, description: description().trim() || null },
    });
    if (result.data) {
      setName('');
      setFee('');
      setDescription('');
      props.onChanged();
    }
  }

  async function archive(id: string) {
    const result = await archiveDeliveryZone({ id });
    if (result.data) props.onChanged();
  }

  return (
    <section class="section" aria-labelledby="checkout-zones">
      <h2 class="section__title" id="checkout-zones">
        {t('checkout.zones.title')} · {props.zones.length}
      </h2>
      <Show when={props.zones.length > 0}>
        <ul class="list zone-list">
          <For each={props.zones}>
            {(zone) => (
              <li class="list__item delivery-zone">
                <span class="list__main">
                  <span class="list__title">{zone.name}</span>
                  <span class="list__subtitle">
                    {money(zone.fee)}
                    {zone.description ? ` · ${zone.description}` : ''}
                    {zone.active ? '' : ` · ${t('checkout.zones.archived')}`}
                  </span>
                </span>
                <Show when={zone.active}>
                  <button
                    type="button"
                    class="button button--small button--plain button--destructive"
                    disabled={archiving.fetching}
                    onClick={() => void archive(zone.id)}
                  >
                    {t('checkout.zones.archive')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ErrorMessage error={archiving.error} />
      <form class="card form" onSubmit={add} aria-label={t('checkout.zones.add')}>
        <div class="form__row">
          <label class="field">
            <span class="field__label">{t('checkout.zones.name')}</span>
            <input
              class="field__input"
              name="zoneName"
              required
              maxLength={100}
              value={name()}
              aria-describedby="zone-name-error"
              onInput={(event) => setName(event.currentTarget.value)}
            />
            <FieldError error={saving.error} field="name" id="zone-name-error" />
          </label>
          <label class="field">
            <span class="field__label">{t('checkout.zones.fee', { currency: currency() })}</span>
            <input
              class="field__input"
              name="zoneFee"
              inputmode="decimal"
              required
              value={fee()}
              aria-invalid={badFee()}
              aria-describedby="zone-fee-error"
              onInput={(event) => setFee(event.currentTarget.value)}
            />
            {badFee() && (
              <span class="field-error" id="zone-fee-error" role="alert">
                {t('form.badAmount')}
              </span>
            )}
          </label>
        </div>
        <label class="field">
          <span class="field__label">{t('checkout.zones.description')}</span>
          <input
            class="field__input"
            name="zoneDescription"
            maxLength={300}
            value={description()}
            onInput={(event) => setDescription(event.currentTarget.value)}
          />
        </label>
        <ErrorMessage error={saving.error} />
        <button type="submit" class="button" disabled={saving.fetching}>
          {t('checkout.zones.add')}
        </button>
      </form>
    </section>
  );
}
