import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import type { ResultOf } from 'gql.tada';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { PagedConnection } from '../../components/PagedConnection/PagedConnection';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { useCart } from '../../features/cart/cart';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { money, t, tPlural } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { tapFeedback } from '../../telegram/haptics';
import { ProductChangedSubscription } from '../CatalogPage/catalog.documents';
import { photoUrl } from './product-photo';
import { type CatalogProductFields, CatalogQuery, ShopShelvesQuery } from './shop.loader';
import { shopVariables } from './shop-variables';

type CatalogProduct = ResultOf<typeof CatalogProductFields>;

/**
 * The shop's catalog for its customers: bouquets by shelf (category chips, only those with something on
 * sale), with photos and prices, into the cart; a page at a time (each page its own query, as on the order
 * board), a chip asking the server for its shelf's first page. Live: a bouquet repriced, put on or taken off
 * sale re-reads the shelves and every loaded page (productChanged).
 */
export default function ShopPage() {
  const [shelves, refetchShelves] = createQuery({ query: ShopShelvesQuery });
  const [refreshes, setRefreshes] = createSignal(0);
  followLive([liveFeed(ProductChangedSubscription, { pause: outsideSection('shop') })], () => {
    refetchShelves({ requestPolicy: 'network-only' });
    setRefreshes((count) => count + 1);
  });
  const [category, setCategory] = createSignal<string | null>(null);
  const cart = useCart();
  const categories = () => shelves.data?.categories ?? [];

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
      <PagedConnection
        filter={category()}
        refreshes={refreshes}
        query={CatalogQuery}
        variables={shopVariables}
        connection={(data) => data.products}
        listClass="catalog"
        emptyText={t('shop.empty')}
        loadMoreText={t('app.loadMore')}
      >
        {(edge) => <ProductCard product={edge.node} />}
      </PagedConnection>
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
