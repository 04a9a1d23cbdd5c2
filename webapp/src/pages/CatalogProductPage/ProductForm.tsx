import { createMutation } from '@urql/solid';
import { createSignal, For, Index } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { FieldError } from '../../components/FieldError/FieldError';
import { t } from '../../i18n/i18n';
import { moneyInputValue, parseMoneyInput } from '../../i18n/money-input';
import { ProductNameAndPrice } from '../CatalogPage/ProductNameAndPrice';
import { UpdateProductMutation } from './catalog-product.documents';
import type { CompositionStockItem, Product } from './catalog-product.loader';

interface Line {
  stockItemId: string;
  quantity: string;
}

/**
 * The product's name, price, sale flag and composition, saved together (updateProduct replaces the
 * whole composition). Cost and margin are the server's: the page shows them again from the answer.
 */
export function ProductForm(props: { product: Product; stockItems: readonly CompositionStockItem[] }) {
  const [state, updateProduct] = createMutation(UpdateProductMutation);
  const currency = () => props.product.price.currency;
  const [name, setName] = createSignal(props.product.name);
  const [price, setPrice] = createSignal(moneyInputValue(props.product.price.amountMinor, currency()));
  const [active, setActive] = createSignal(props.product.active);
  const [lines, setLines] = createSignal<Line[]>(
    props.product.components.map((component) => ({
      stockItemId: component.stockItem.id,
      quantity: String(component.quantity),
    })),
  );
  const [badPrice, setBadPrice] = createSignal(false);
  const [saved, setSaved] = createSignal(false);

  const setLine = (index: number, patch: Partial<Line>) =>
    setLines(lines().map((line, at) => (at === index ? { ...line, ...patch } : line)));
  const unused = () => props.stockItems.find((item) => !lines().some((line) => line.stockItemId === item.id));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setSaved(false);
    const priceMinor = parseMoneyInput(price(), currency());
    setBadPrice(priceMinor === undefined);
    if (priceMinor === undefined) return;
    const result = await updateProduct({
      id: props.product.id,
      input: {
        name: name().trim(),
        priceMinor,
        active: active(),
        components: lines().map((line) => ({
          stockItemId: line.stockItemId,
          quantity: Number(line.quantity),
        })),
      },
    });
    if (result.data) setSaved(true);
  }

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="product-form-title">
      <h2 class="form__title" id="product-form-title">
        {t('product.edit')}
      </h2>
      <ProductNameAndPrice
        idPrefix="product"
        name={name()}
        onName={setName}
        price={price()}
        onPrice={setPrice}
        currency={currency()}
        badPrice={badPrice()}
        error={state.error}
      />
      <label class="checkbox">
        <input
          type="checkbox"
          checked={active()}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
        <span>{t('product.onSale')}</span>
      </label>
      <fieldset class="composition" aria-describedby="composition-error">
        <legend class="field__label">{t('productForm.composition')}</legend>
        <Index each={lines()}>
          {(line, index) => (
            <div class="composition__line">
              <select
                class="field__input"
                aria-label={t('stock.item')}
                value={line().stockItemId}
                onChange={(event) => setLine(index, { stockItemId: event.currentTarget.value })}
              >
                <For each={props.stockItems}>{(item) => <option value={item.id}>{item.name}</option>}</For>
              </select>
              <input
                class="field__input composition__quantity"
                type="number"
                inputmode="numeric"
                min="1"
                step="1"
                required
                aria-label={t('product.componentQuantity', {
                  name: props.stockItems.find((item) => item.id === line().stockItemId)?.name ?? '',
                })}
                value={line().quantity}
                onInput={(event) => setLine(index, { quantity: event.currentTarget.value })}
              />
              <button
                type="button"
                class="button button--small button--plain button--destructive composition__remove"
                aria-label={t('product.removeComponent', {
                  name: props.stockItems.find((item) => item.id === line().stockItemId)?.name ?? '',
                })}
                onClick={() => setLines(lines().filter((_, at) => at !== index))}
              >
                {/* A cross, not a word: at 360 px the stock item's name needs the room. */}
                <span aria-hidden="true">✕</span>
              </button>
            </div>
          )}
        </Index>
        <button
          type="button"
          class="button button--small"
          disabled={!unused()}
          onClick={() => {
            const item = unused();
            if (item) setLines([...lines(), { stockItemId: item.id, quantity: '1' }]);
          }}
        >
          {t('product.addComponent')}
        </button>
        <FieldError error={state.error} field="components" id="composition-error" />
      </fieldset>
      <ErrorMessage error={state.error} />
      {saved() && (
        <p class="form__done" role="status">
          {t('product.saved')}
        </p>
      )}
      <button type="submit" class="button button--primary" disabled={state.fetching}>
        {t('product.save')}
      </button>
    </form>
  );
}
