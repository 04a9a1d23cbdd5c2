import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { PagedConnection } from '../../components/PagedConnection/PagedConnection';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { createSettledSearch } from '../../components/SearchField/settled-search';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { locale, money, t, tPlural } from '../../i18n/i18n';
import { formatShare } from '../../i18n/percent';
import { href } from '../../route-paths';
import { StockItemChangedSubscription } from '../StockPage/stock.documents';
import { CreateProductForm } from './CreateProductForm';
import { ProductChangedSubscription } from './catalog.documents';
import { CatalogQuery } from './catalog.loader';
import { catalogSearch, catalogVariables } from './catalog-variables';

/**
 * The catalog for admins and managers: every product (off-sale ones too) with its price, the cost of its
 * composition and the margin left; a search by name; a new product. A product's page edits it. Live: a
 * product changed elsewhere, or a stock item's cost (which costs and margins are made of), re-reads every
 * loaded page. A page at a time, each page its own query (as on the order board), the first fetched by the
 * loader.
 */
export default function CatalogPage() {
  const search = createSettledSearch();
  const [creating, setCreating] = createSignal(false);
  const [refreshes, setRefreshes] = createSignal(0);
  followLive(
    [
      liveFeed(ProductChangedSubscription, { pause: outsideSection('catalog') }),
      liveFeed(StockItemChangedSubscription, { pause: outsideSection('stock') }),
    ],
    () => setRefreshes((count) => count + 1),
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
          value={search.typed()}
          onInput={(event) => search.setTyped(event.currentTarget.value)}
        />
      </label>
      <PagedConnection
        filter={catalogSearch(search.settled())}
        refreshes={refreshes}
        query={CatalogQuery}
        variables={catalogVariables}
        connection={(data) => data.products}
        listClass="list catalog-list"
        emptyText={t('catalog.empty')}
        loadMoreText={t('app.loadMore')}
        summary={(products) => <p class="list-summary">{tPlural('catalog.count', products().totalCount)}</p>}
      >
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
      </PagedConnection>
    </main>
  );
}
