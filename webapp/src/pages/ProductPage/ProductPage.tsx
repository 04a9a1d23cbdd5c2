import { A, useNavigate, useParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { useCart } from '../../features/cart/cart';
import { MAX_LINE_QUANTITY } from '../../features/cart/cart-lines';
import { followLive, isRowOrGone, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { money, t } from '../../i18n/i18n';
import { href, productIdFromParams } from '../../route-paths';
import { useTelegramBackButton } from '../../telegram/backButton';
import { tapFeedback } from '../../telegram/haptics';
import { ProductChangedSubscription } from '../CatalogPage/catalog.documents';
import { photoUrl } from '../ShopPage/product-photo';
import { ProductQuery } from './product.loader';

/**
 * One bouquet: its photos, price, what it is made of in words, and how many to put in the cart; live: a new
 * price, or the bouquet taken off sale, shows without a reload (productChanged).
 */
export default function ProductPage() {
  const params = useParams<{ productId: string }>();
  const navigate = useNavigate();
  const telegramBack = useTelegramBackButton(() => navigate(href.shop()));
  const [result, refetch] = createQuery({
    query: ProductQuery,
    variables: () => ({ id: productIdFromParams(params) }),
  });
  const product = () => {
    const node = result.data?.node;
    return node?.__typename === 'Product' ? node : undefined;
  };
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive(
    [
      liveFeed(ProductChangedSubscription, {
        pause: outsideSection('shop'),
        concerns: (event) => isRowOrGone(event.productChanged, productIdFromParams(params)),
      }),
    ],
    reload,
  );
  const [quantity, setQuantity] = createSignal(1);
  const [added, setAdded] = createSignal(false);
  const cart = useCart();

  return (
    <main class="page">
      <Switch>
        <Match when={product()}>
          {(p) => (
            <>
              <PageHeader
                title={p().name}
                subtitle={money(p().price)}
                backHref={telegramBack ? undefined : href.shop()}
              />
              <div class="product__photos">
                <For each={p().photos}>
                  {(photo, index) => (
                    <img
                      class="product__photo"
                      src={photoUrl(photo.image, 360)}
                      alt={t('product.photo', { name: p().name, number: index() + 1 })}
                    />
                  )}
                </For>
              </div>
              <Show when={p().description}>
                <p class="product__description">{p().description}</p>
              </Show>
              <Show when={p().composition.length > 0}>
                <section class="section">
                  <h2 class="section__title">{t('product.composition')}</h2>
                  <ul class="product__composition">
                    <For each={p().composition}>
                      {(line) => (
                        <li>{t('product.compositionLine', { name: line.name, count: line.quantity })}</li>
                      )}
                    </For>
                  </ul>
                </section>
              </Show>
              <Show when={p().leadTimeMinutes > 0}>
                <p class="hint">{t('product.leadTime', { hours: Math.ceil(p().leadTimeMinutes / 60) })}</p>
              </Show>
              <Show when={p().active} fallback={<p class="empty">{t('product.offSale')}</p>}>
                <div class="stepper">
                  <button
                    type="button"
                    class="button button--small button--plain button--outlined"
                    aria-label={t('cart.less')}
                    disabled={quantity() <= 1}
                    onClick={() => setQuantity((q) => q - 1)}
                  >
                    −
                  </button>
                  <output class="stepper__value" aria-live="polite" aria-label={t('cart.quantity')}>
                    {quantity()}
                  </output>
                  <button
                    type="button"
                    class="button button--small button--plain button--outlined"
                    aria-label={t('cart.more')}
                    disabled={quantity() >= MAX_LINE_QUANTITY}
                    onClick={() => setQuantity((q) => q + 1)}
                  >
                    +
                  </button>
                </div>
                <button
                  type="button"
                  class="button button--primary"
                  onClick={() => {
                    cart.add({
                      productId: p().id,
                      name: p().name,
                      priceMinor: p().price.amountMinor,
                      currency: p().price.currency,
                      quantity: quantity(),
                    });
                    tapFeedback();
                    setAdded(true);
                  }}
                >
                  {t('product.addToCart')}
                </button>
                <Show when={added()}>
                  <p class="hint" role="status">
                    {t('product.added')} <A href={href.cart()}>{t('product.toCart')}</A>
                  </p>
                </Show>
              </Show>
            </>
          )}
        </Match>
        <Match when={result.fetching}>
          <Spinner />
        </Match>
        <Match when={true}>
          <PageHeader title={t('shop.title')} backHref={telegramBack ? undefined : href.shop()} />
          <Show when={result.error} fallback={<p class="empty">{t('product.notFound')}</p>}>
            <ErrorMessage error={result.error} onRetry={reload} />
          </Show>
        </Match>
      </Switch>
    </main>
  );
}
