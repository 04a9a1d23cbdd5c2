import { createMutation } from '@urql/solid';
import { createSignal } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { FieldError } from '../../components/FieldError/FieldError';
import { t } from '../../i18n/i18n';
import { UpdateCheckoutRulesMutation } from './checkout-settings.documents';
import type { CheckoutSettings } from './checkout-settings.loader';
import { clockTime, minutesOf } from './clock-time';

/** The same-day cut-off (empty: none) and the card text's length limit. */
export function CheckoutRulesForm(props: { settings: CheckoutSettings; onSaved: () => void }) {
  const [state, updateCheckoutRules] = createMutation(UpdateCheckoutRulesMutation);
  const initialCutoff = props.settings.sameDayCutoffMinutes;
  const [cutoff, setCutoff] = createSignal(initialCutoff === null ? '' : clockTime(initialCutoff));
  const [cardTextMaxLength, setCardTextMaxLength] = createSignal(String(props.settings.cardTextMaxLength));
  const [saved, setSaved] = createSignal(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const result = await updateCheckoutRules({
      input: {
        sameDayCutoffMinutes: cutoff() ? (minutesOf(cutoff()) ?? null) : null,
        cardTextMaxLength: Number(cardTextMaxLength()),
      },
    });
    if (result.data) {
      setSaved(true);
      props.onSaved();
    }
  }

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="checkout-rules-title">
      <h2 class="form__title" id="checkout-rules-title">
        {t('checkout.rules.title')}
      </h2>
      <p class="list-summary">{t('checkout.rules.timezone', { zone: props.settings.timezone })}</p>
      <div class="form__row">
        <label class="field">
          <span class="field__label">{t('checkout.rules.cutoff')}</span>
          <input
            class="field__input"
            type="time"
            name="sameDayCutoff"
            value={cutoff()}
            aria-describedby="checkout-cutoff-error"
            onInput={(event) => setCutoff(event.currentTarget.value)}
          />
          <FieldError error={state.error} field="sameDayCutoffMinutes" id="checkout-cutoff-error" />
        </label>
        <label class="field">
          <span class="field__label">{t('checkout.rules.cardTextMaxLength')}</span>
          <input
            class="field__input"
            type="number"
            inputmode="numeric"
            name="cardTextMaxLength"
            min="1"
            step="1"
            required
            value={cardTextMaxLength()}
            aria-describedby="checkout-card-text-error"
            onInput={(event) => setCardTextMaxLength(event.currentTarget.value)}
          />
          <FieldError error={state.error} field="cardTextMaxLength" id="checkout-card-text-error" />
        </label>
      </div>
      <ErrorMessage error={state.error} />
      {saved() && (
        <p class="form__done" role="status">
          {t('checkout.saved')}
        </p>
      )}
      <button type="submit" class="button" disabled={state.fetching}>
        {t('checkout.rules.save')}
      </button>
    </form>
  );
}
