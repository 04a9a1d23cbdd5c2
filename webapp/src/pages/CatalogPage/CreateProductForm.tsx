import { useNavigate } from '@solidjs/router';
import { createMutation } from '@urql/solid';
import { createSignal } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { t } from '../../i18n/i18n';
import { parseMoneyInput } from '../../i18n/money-input';
import { href } from '../../route-paths';
import { CreateProductMutation } from './catalog.documents';
import { ProductNameAndPrice } from './ProductNameAndPrice';

/** Name and price, then on to the new product's page to give it a composition and photos. */
export function CreateProductForm(props: { onCancel: () => void }) {
  const navigate = useNavigate();
  const [state, createProduct] = createMutation(CreateProductMutation);
  const [name, setName] = createSignal('');
  const [price, setPrice] = createSignal('');
  const [badPrice, setBadPrice] = createSignal(false);
  const currency = () => activeShopAccess()?.shop.currency ?? 'RUB';

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const priceMinor = parseMoneyInput(price(), currency());
    setBadPrice(priceMinor === undefined);
    if (priceMinor === undefined) return;
    // Off sale until it has a composition: a customer could otherwise order a bouquet of nothing.
    const result = await createProduct({ input: { name: name().trim(), priceMinor, active: false } });
    const created = result.data?.createProduct;
    if (created) navigate(href.catalogProduct(created.id));
  }

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="create-product-title">
      <h2 class="form__title" id="create-product-title">
        {t('catalog.create.title')}
      </h2>
      <ProductNameAndPrice
        idPrefix="create-product"
        name={name()}
        onName={setName}
        price={price()}
        onPrice={setPrice}
        currency={currency()}
        badPrice={badPrice()}
        error={state.error}
      />
      <ErrorMessage error={state.error} />
      <div class="form__actions">
        <button type="button" class="button button--plain" onClick={() => props.onCancel()}>
          {t('app.cancel')}
        </button>
        <button type="submit" class="button" disabled={state.fetching}>
          {t('catalog.create.submit')}
        </button>
      </div>
    </form>
  );
}
