import { useParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, isRowOrGone, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { locale, money, t } from '../../i18n/i18n';
import { formatShare } from '../../i18n/percent';
import { href, productIdFromParams } from '../../route-paths';
import { ProductChangedSubscription } from '../CatalogPage/catalog.documents';
import { StockItemChangedSubscription } from '../StockPage/stock.documents';
import { ProductQuery } from './catalog-product.loader';
import { ProductForm } from './ProductForm';
import { ProductPhotos } from './ProductPhotos';

/**
 * One product for admins and managers: price, what its composition costs at today's stock and the
 * margin left (the server's figures, updated by every save), the form that edits it, and its photos. Live:
 * the product changed elsewhere, or a stock item (its unit cost, the composition's choices), re-reads it.
 */
export default function CatalogProductPage() {
  const params = useParams();
  const id = () => productIdFromParams(params);
  const [result, refetch] = createQuery({ query: ProductQuery, variables: () => ({ id: id() }) });
  const product = () => {
    const node = result.data?.node;
    return node?.__typename === 'Product' ? node : undefined;
  };
  followLive(
    [
      liveFeed(ProductChangedSubscription, {
        pause: outsideSection('catalog'),
        concerns: (event) => isRowOrGone(event.productChanged, id()),
      }),
      liveFeed(StockItemChangedSubscription, { pause: outsideSection('stock') }),
    ],
    () => refetch({ requestPolicy: 'network-only' }),
  );

  return (
    <main class="page">
      <PageHeader title={product()?.name ?? t('product.title')} backHref={href.catalog()} />
      <ErrorMessage error={result.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      <Show
        when={product()}
        fallback={
          <Show when={result.fetching} fallback={<Show when={result.data}>{t('error.NOT_FOUND')}</Show>}>
            <Spinner />
          </Show>
        }
      >
        {(loaded) => (
          <>
            <dl class="figures product-figures">
              <div class="figures__item">
                <dt>{t('product.price')}</dt>
                <dd class="product-figures__price">{money(loaded().price)}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('product.cost')}</dt>
                <dd class="product-figures__cost">{money(loaded().cost)}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('product.margin')}</dt>
                <dd class="product-figures__margin">
                  {money(loaded().marginAmount)} · {formatShare(loaded().margin, locale())}
                </dd>
              </div>
            </dl>
            {/* Not keyed: a refetch after a save brings new arrays, and the form must keep what it shows. */}
            <Show when={result.data?.stockItems}>
              {(stockItems) => <ProductForm product={loaded()} stockItems={stockItems()} />}
            </Show>
            <ProductPhotos product={loaded()} onChanged={() => refetch({ requestPolicy: 'network-only' })} />
          </>
        )}
      </Show>
    </main>
  );
}
