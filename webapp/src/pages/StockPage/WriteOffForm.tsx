import { createMutation } from '@urql/solid';
import { createSignal, For } from 'solid-js';
import { FieldError } from '../../components/FieldError/FieldError';
import { FormCard } from '../../components/FormCard/FormCard';
import { t } from '../../i18n/i18n';
import { WriteOffMutation } from './stock.documents';
import type { StockItem } from './stock.loader';

export const writeOffReasons = ['EXPIRED', 'DAMAGED', 'OTHER'] as const;
type WriteOffReason = (typeof writeOffReasons)[number];

/**
 * Write units of a stock item off with a reason (and a note for the ledger). More than is available is
 * refused by the server, beside the quantity.
 */
export function WriteOffForm(props: { items: readonly StockItem[]; onWrittenOff: () => void }) {
  const [state, writeOff] = createMutation(WriteOffMutation);
  const [stockItemId, setStockItemId] = createSignal(props.items[0]?.id ?? '');
  const [quantity, setQuantity] = createSignal('');
  const [reason, setReason] = createSignal<WriteOffReason>('DAMAGED');
  const [note, setNote] = createSignal('');
  const [done, setDone] = createSignal<string>();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setDone(undefined);
    const result = await writeOff({
      stockItemId: stockItemId(),
      quantity: Number(quantity()),
      reason: reason(),
      note: note().trim() || null,
    });
    const item = result.data?.writeOff;
    if (item) {
      setDone(t('stock.writeOff.done', { name: item.name, count: item.onHand }));
      setQuantity('');
      setNote('');
      props.onWrittenOff();
    }
  }

  return (
    <FormCard
      id="write-off"
      title={t('stock.writeOff.title')}
      submitLabel={t('stock.writeOff.submit')}
      error={state.error}
      busy={state.fetching}
      done={done()}
      onSubmit={submit}
    >
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
            aria-describedby="write-off-quantity-error"
            onInput={(event) => setQuantity(event.currentTarget.value)}
          />
          <FieldError error={state.error} field="quantity" id="write-off-quantity-error" />
        </label>
        <label class="field">
          <span class="field__label">{t('stock.writeOff.reason')}</span>
          <select
            class="field__input"
            name="reason"
            value={reason()}
            onChange={(event) => setReason(event.currentTarget.value as WriteOffReason)}
          >
            <For each={writeOffReasons}>
              {(value) => <option value={value}>{t(`writeOffReason.${value}`)}</option>}
            </For>
          </select>
        </label>
      </div>
      <label class="field">
        <span class="field__label">{t('stock.writeOff.note')}</span>
        <input
          class="field__input"
          name="note"
          maxLength={500}
          value={note()}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
    </FormCard>
  );
}
