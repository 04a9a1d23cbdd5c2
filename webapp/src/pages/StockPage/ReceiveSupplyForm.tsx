import { createMutation } from '@urql/solid';
import { createSignal, For } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { FieldError } from '../../components/FieldError/FieldError';
import { FormCard } from '../../components/FormCard/FormCard';
import { endOfDayIn, todayIn } from '../../i18n/format';
import { t } from '../../i18n/i18n';
import { parseMoneyInput } from '../../i18n/money-input';
import { ReceiveSupplyMutation } from './stock.documents';
import type { StockItem } from './stock.loader';

/**
 * Receive a supply of one stock item: supplier, quantity, unit cost (in the shop's currency, as the
 * delivery note says it) and an optional last day of freshness, on the shop's clock. A cost that is no
 * amount is refused here; what the server refuses (an expiry in the past) shows beside its field.
 */
export function ReceiveSupplyForm(props: { items: readonly StockItem[]; onReceived: () => void }) {
  const [state, receiveSupply] = createMutation(ReceiveSupplyMutation);
  const [stockItemId, setStockItemId] = createSignal(props.items[0]?.id ?? '');
  const [supplierName, setSupplierName] = createSignal('');
  const [quantity, setQuantity] = createSignal('');
  const [unitCost, setUnitCost] = createSignal('');
  const [expiresOn, setExpiresOn] = createSignal('');
  const [badCost, setBadCost] = createSignal(false);
  const [received, setReceived] = createSignal<string>();
  const shop = () => activeShopAccess()?.shop;
  const currency = () => shop()?.currency ?? 'RUB';
  const timeZone = () => shop()?.timezone ?? 'UTC';

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setReceived(undefined);
    const unitCostMinor = parseMoneyInput(unitCost(), currency());
    setBadCost(unitCostMinor === undefined);
    if (unitCostMinor === undefined) return;
    const result = await receiveSupply({
      supplierName: supplierName().trim(),
      lines: [
        {
          stockItemId: stockItemId(),
          quantity: Number(quantity()),
          unitCostMinor,
          expiresAt: expiresOn() ? endOfDayIn(expiresOn(), timeZone()) : null,
        },
      ],
    });
    const batch = result.data?.receiveSupply.batches[0];
    if (batch) {
      setReceived(t('stock.supply.received', { name: batch.stockItem.name, count: batch.quantityReceived }));
      setQuantity('');
      setUnitCost('');
      setExpiresOn('');
      props.onReceived();
    }
  }

  return (
    <FormCard
      id="receive-supply"
      title={t('stock.supply.title')}
      submitLabel={t('stock.supply.submit')}
      error={state.error}
      busy={state.fetching}
      done={received()}
      onSubmit={submit}
    >
      <label class="field">
        <span class="field__label">{t('stock.supply.supplier')}</span>
        <input
          class="field__input"
          name="supplierName"
          required
          maxLength={200}
          value={supplierName()}
          onInput={(event) => setSupplierName(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field__label">{t('stock.item')}</span>
        <select
          class="field__input"
          name="stockItemId"
          value={stockItemId()}
          onChange={(event) => setStockItemId(event.currentTarget.value)}
        >
          <For each={props.items}>{(item) => <option value={item.id}>{item.name}</option>}</For>
        </select>
      </label>
      <div class="form__row">
        <label class="field">
          <span class="field__label">{t('stock.quantity')}</span>
          <input
            class="field__input"
            name="quantity"
            type="number"
            inputmode="numeric"
            min="1"
            step="1"
            required
            value={quantity()}
            aria-describedby="supply-quantity-error"
            onInput={(event) => setQuantity(event.currentTarget.value)}
          />
          <FieldError error={state.error} field="lines.0.quantity" id="supply-quantity-error" />
        </label>
        <label class="field">
          <span class="field__label">{t('stock.supply.unitCost', { currency: currency() })}</span>
          <input
            class="field__input"
            name="unitCost"
            inputmode="decimal"
            required
            value={unitCost()}
            aria-invalid={badCost()}
            aria-describedby="supply-cost-error"
            onInput={(event) => setUnitCost(event.currentTarget.value)}
          />
          {badCost() && (
            <span class="field-error" id="supply-cost-error" role="alert">
              {t('stock.supply.badCost')}
            </span>
          )}
        </label>
      </div>
      <label class="field">
        <span class="field__label">{t('stock.supply.expiresOn')}</span>
        <input
          class="field__input"
          name="expiresOn"
          type="date"
          min={todayIn(timeZone())}
          value={expiresOn()}
          aria-describedby="supply-expiry-error"
          onInput={(event) => setExpiresOn(event.currentTarget.value)}
        />
        <FieldError error={state.error} field="lines.0.expiresAt" id="supply-expiry-error" />
      </label>
    </FormCard>
  );
}
