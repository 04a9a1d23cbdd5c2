import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { locale, money, t, tPlural } from '../../i18n/i18n';
import { formatShare } from '../../i18n/percent';
import { href } from '../../route-paths';
import { StockItemChangedSubscription } from '../StockPage/stock.documents';
import { CreateProductForm } from './CreateProductForm';
import { ProductChangedSubscription } from './catalog.documents';
import { CatalogQuery, catalogPageSize } from './catalog.loader';

/**
 * The catalog for admins and managers: every product (off-sale ones too) with its price, the cost of its
 * composition and the margin left; a search by name; a new product. A product's page edits it. Live: a
 * product changed elsewhere, or a stock item's cost (which costs and margins are made of), re-reads it.
 */
export default function CatalogPage() {
  const [search, setSearch] = createSignal('');
  const [creating, setCreating] = createSignal(false);
  const [catalog, refetch] = createQuery({
    query: CatalogQuery,
    variables: () => ({ search: search().trim() || null, first: catalogPageSize }),
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive(
    [
      liveFeed(ProductChangedSubscription, { pause: outsideSection('catalog') }),
      liveFeed(StockItemChangedSubscription, { pause: outsideSection('stock') }),
    ],
    reload,
  );

  return (
    <main class="page">
      <PageHeader
        title={t('catalog.title')}
        actions={
          <Show when={!creating()}>
            <button type="button" class="button button--small" onClick={() => setCreating(true)}>
              {t('catalog.create.open')}
            </button>
          </Show>
        }
      />
      <Show when={creating()}>
        <CreateProductForm onCancel={() => setCreating(false)} />
      </Show>
      <label class="field">
        <span class="visually-hidden">{t('catalog.search')}</span>
        <input
          class="field__input"
          type="search"
          placeholder={t('catalog.search')}
          value={search()}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </label>
      <ErrorMessage error={catalog.error} onRetry={reload} />
      <Show when={catalog.data} fallback={<Show when={catalog.fetching}>{<Spinner />}</Show>}>
        {(loaded) => (
          <>
            <p class="list-summary">{tPlural('catalog.count', loaded().products.totalCount)}</p>
            <ul class="list catalog-list">
              <For each={loaded().products.edges}>
                {(edge) => (
                  <li>
                    <A class="list__item catalog-product" href={href.catalogProduct(edge.node.id)}>
                      <Show
                        when={edge.node.photos[0]?.image.thumbnails[0]}
                        fallback={<span class="catalog-product__thumb" aria-hidden="true" />}
                      >
                        {(thumbnail) => (
                          <img class="catalog-product__thumb" src={thumbnail().url} alt="" loading="lazy" />
                        )}
                      </Show>
                      <span class="list__main">
                        <span class="list__title">{edge.node.name}</span>
                        <span class="list__subtitle">
                          {t('catalog.costMargin', {
                            cost: money(edge.node.cost),
                            margin: formatShare(edge.node.margin, locale()),
                          })}
                          {edge.node.active ? '' : ` · ${t('catalog.offSale')}`}
                        </span>
                      </span>
                      <span class="catalog-product__price">{money(edge.node.price)}</span>
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
    </main>
  );
}
