import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import type { ResultOf } from 'gql.tada';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { useCart } from '../../features/cart/cart';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { money, t, tPlural } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { tapFeedback } from '../../telegram/haptics';
import { ProductChangedSubscription } from '../CatalogPage/catalog.documents';
import { photoUrl } from './product-photo';
import { type CatalogProductFields, CatalogQuery } from './shop.loader';

type CatalogProduct = ResultOf<typeof CatalogProductFields>;

/**
 * The shop's catalog for its customers: bouquets by category, with photos and prices, into the cart; live: a
 * bouquet repriced, put on or taken off sale shows without a reload (productChanged).
 */
export default function ShopPage() {
  const [result, refetch] = createQuery({ query: CatalogQuery });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive([liveFeed(ProductChangedSubscription, { pause: outsideSection('shop') })], reload);
  const [category, setCategory] = createSignal<string | null>(null);
  const cart = useCart();
  const products = () =>
    (result.data?.products.edges ?? [])
      .map((edge) => edge.node)
      .filter((product) => category() === null || product.category?.id === category());
  // Only the categories that hold something on sale: an empty chip would lead to an empty shelf.
  const categories = () =>
    (result.data?.categories ?? []).filter((c) =>
      result.data?.products.edges.some((edge) => edge.node.category?.id === c.id),
    );

  return (
    <main class="page">
      <PageHeader
        title={activeShopAccess()?.shop.name ?? t('shop.title')}
        subtitle={t('shop.subtitle')}
        actions={
          <A class="button button--small button--primary" href={href.cart()}>
            {cart.count() > 0 ? tPlural('shop.cartCount', cart.count()) : t('shop.cart')}
          </A>
        }
      />
      <Show when={categories().length > 0}>
        <fieldset class="chips">
          <legend class="visually-hidden">{t('shop.categories')}</legend>
          <button
            type="button"
            class="chip"
            aria-pressed={category() === null}
            onClick={() => setCategory(null)}
          >
            {t('shop.allCategories')}
          </button>
          <For each={categories()}>
            {(c) => (
              <button
                type="button"
                class="chip"
                aria-pressed={category() === c.id}
                onClick={() => setCategory(c.id)}
              >
                {c.name}
              </button>
            )}
          </For>
        </fieldset>
      </Show>
      <Show when={!result.fetching || result.data} fallback={<Spinner />}>
        <ErrorMessage error={result.error} onRetry={reload} />
        <Show when={result.data && products().length === 0}>
          <p class="empty">{t('shop.empty')}</p>
        </Show>
        <ul class="catalog">
          <For each={products()}>{(product) => <ProductCard product={product} />}</For>
        </ul>
      </Show>
    </main>
  );
}

function ProductCard(props: { product: CatalogProduct }) {
  const cart = useCart();
  const photo = () => photoUrl(props.product.photos[0]?.image, 180);
  function add() {
    cart.add({
      productId: props.product.id,
      name: props.product.name,
      priceMinor: props.product.price.amountMinor,
      currency: props.product.price.currency,
      quantity: 1,
    });
    tapFeedback();
  }
  return (
    <li class="catalog__item">
      <A class="catalog__link" href={href.product(props.product.id)}>
        <Show
          when={photo()}
          fallback={<div class="catalog__photo catalog__photo--none" aria-hidden="true" />}
        >
          {(url) => <img class="catalog__photo" src={url()} alt="" loading="lazy" />}
        </Show>
        <span class="catalog__name">{props.product.name}</span>
        <span class="catalog__price">{money(props.product.price)}</span>
      </A>
      <button
        type="button"
        class="button button--small button--plain button--outlined"
        aria-label={t('shop.addNamed', { name: props.product.name })}
        onClick={add}
      >
        {t('shop.add')}
      </button>
    </li>
  );
}
