import { createMutation } from '@urql/solid';
import { createSignal, For } from 'solid-js';
import { FieldError } from '../../components/FieldError/FieldError';
import { FormCard } from '../../components/FormCard/FormCard';
import { t } from '../../i18n/i18n';
import { CreateStockItemMutation } from './stock.documents';
import type { StockUnit } from './stock.loader';

/** Every unit a stock item can be counted in (the server's StockUnit), in the order the form offers them. */
export const stockUnits = [
  'STEM',
  'PIECE',
  'BUNCH',
  'GRAM',
  'CENTIMETER',
] as const satisfies readonly StockUnit[];

/**
 * A new stock item: its name, the unit it is counted in and an optional reorder level. The server refuses a
 * name the shop already has, or one of spaces only, beside the name; nothing is created then.
 */
export function CreateStockItemForm(props: { onCreated: () => void }) {
  const [state, createStockItem] = createMutation(CreateStockItemMutation);
  const [name, setName] = createSignal('');
  const [unit, setUnit] = createSignal<StockUnit>('STEM');
  const [reorderLevel, setReorderLevel] = createSignal('');
  const [created, setCreated] = createSignal<string>();

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setCreated(undefined);
    const result = await createStockItem({
      // Trimmed by the server too; sent as typed so spaces alone are refused beside the field.
      name: name(),
      unit: unit(),
      reorderLevel: reorderLevel() ? Number(reorderLevel()) : null,
    });
    const item = result.data?.createStockItem;
    if (item) {
      setCreated(t('stock.create.done', { name: item.name }));
      setName('');
      setReorderLevel('');
      props.onCreated();
    }
  }

  return (
    <FormCard
      id="create-stock-item"
      title={t('stock.create.title')}
      submitLabel={t('stock.create.submit')}
      error={state.error}
      busy={state.fetching}
      done={created()}
      onSubmit={submit}
    >
      <label class="field">
        <span class="field__label">{t('stock.create.name')}</span>
        <input
          class="field__input"
          name="name"
          required
          maxLength={100}
          value={name()}
          aria-describedby="stock-item-name-error"
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <FieldError error={state.error} field="name" id="stock-item-name-error" />
      </label>
      <div class="form__row">
        <label class="field">
          <span class="field__label">{t('stock.create.unit')}</span>
          <select
            class="field__input"
            name="unit"
            value={unit()}
            onChange={(event) => setUnit(event.currentTarget.value as StockUnit)}
          >
            <For each={stockUnits}>
              {(value) => <option value={value}>{t(`stockUnitName.${value}`)}</option>}
            </For>
          </select>
        </label>
        <label class="field">
          <span class="field__label">{t('stock.create.reorderLevel')}</span>
          <input
            class="field__input"
            name="reorderLevel"
            type="number"
            inputmode="numeric"
            min="0"
            step="1"
            value={reorderLevel()}
            aria-describedby="stock-item-reorder-error"
            onInput={(event) => setReorderLevel(event.currentTarget.value)}
          />
          <FieldError error={state.error} field="reorderLevel" id="stock-item-reorder-error" />
        </label>
      </div>
    </FormCard>
  );
}
