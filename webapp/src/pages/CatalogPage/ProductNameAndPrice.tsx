import type { CombinedError } from '@urql/core';
import { FieldError } from '../../components/FieldError/FieldError';
import { t } from '../../i18n/i18n';

/**
 * A product's name and price inputs, as the create and edit forms both ask for them: the server's word on
 * either beside it, and `badPrice` (an amount the form could not read) beside the price.
 */
export function ProductNameAndPrice(props: {
  idPrefix: string;
  name: string;
  onName: (name: string) => void;
  price: string;
  onPrice: (price: string) => void;
  currency: string;
  badPrice: boolean;
  error: CombinedError | undefined;
}) {
  return (
    <>
      <label class="field">
        <span class="field__label">{t('catalog.name')}</span>
        <input
          class="field__input"
          name="name"
          required
          maxLength={200}
          value={props.name}
          aria-describedby={`${props.idPrefix}-name-error`}
          onInput={(event) => props.onName(event.currentTarget.value)}
        />
        <FieldError error={props.error} field="name" id={`${props.idPrefix}-name-error`} />
      </label>
      <label class="field">
        <span class="field__label">{t('catalog.price', { currency: props.currency })}</span>
        <input
          class="field__input"
          name="price"
          inputmode="decimal"
          required
          value={props.price}
          aria-invalid={props.badPrice}
          aria-describedby={`${props.idPrefix}-price-error`}
          onInput={(event) => props.onPrice(event.currentTarget.value)}
        />
        {props.badPrice && (
          <span class="field-error" id={`${props.idPrefix}-price-error`} role="alert">
            {t('form.badAmount')}
          </span>
        )}
        <FieldError error={props.error} field="priceMinor" id={`${props.idPrefix}-price-error`} />
      </label>
    </>
  );
}
