import { createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { dateTime, money, t } from '../../i18n/i18n';
import { CreateStockItemForm } from './CreateStockItemForm';
import { ReceiveSupplyForm } from './ReceiveSupplyForm';
import { StockItemChangedSubscription } from './stock.documents';
import { expiringWithinHours, StockQuery } from './stock.loader';
import { WriteOffForm } from './WriteOffForm';

type Panel = 'create' | 'supply' | 'writeOff';

/**
 * Stock for admins and managers: each item's level (on hand, reserved by orders, available), the batches
 * expiring within three days, and three forms: a new stock item, receive a supply, write off with a reason.
 * The list is read again after each, so the levels shown are the server's, and live: a colleague's supply,
 * write-off or order reserving stems shows without a reload (stockItemChanged).
 */
export default function StockPage() {
  const [stock, refetch] = createQuery({
    query: StockQuery,
    variables: { withinHours: expiringWithinHours },
  });
  const [panel, setPanel] = createSignal<Panel>();
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive([liveFeed(StockItemChangedSubscription, { pause: outsideSection('stock') })], reload);
  const timeZone = () => activeShopAccess()?.shop.timezone;
  const toggle = (next: Panel) => setPanel(panel() === next ? undefined : next);

  return (
    <main class="page">
      <PageHeader
        title={t('stock.title')}
        subtitle={
          <Show when={stock.data}>{(loaded) => t('stock.value', { value: money(loaded().stockValue) })}</Show>
        }
      />
      <div class="stock-actions">
        <button
          type="button"
          class="button button--small"
          aria-expanded={panel() === 'create'}
          onClick={() => toggle('create')}
        >
          {t('stock.create.open')}
        </button>
        <button
          type="button"
          class="button button--small"
          aria-expanded={panel() === 'supply'}
          onClick={() => toggle('supply')}
        >
          {t('stock.supply.open')}
        </button>
        <button
          type="button"
          class="button button--small"
          aria-expanded={panel() === 'writeOff'}
          onClick={() => toggle('writeOff')}
        >
          {t('stock.writeOff.open')}
        </button>
      </div>
      <ErrorMessage error={stock.error} onRetry={reload} />
      <Show when={stock.data} fallback={<Show when={stock.fetching}>{<Spinner />}</Show>}>
        {(loaded) => (
          <>
            <Show when={panel() === 'create'}>
              <CreateStockItemForm onCreated={reload} />
            </Show>
            <Show when={panel() === 'supply'}>
              <ReceiveSupplyForm items={loaded().stockItems} onReceived={reload} />
            </Show>
            <Show when={panel() === 'writeOff'}>
              <WriteOffForm items={loaded().stockItems} onWrittenOff={reload} />
            </Show>
            <section class="section" aria-labelledby="stock-levels">
              <h2 class="section__title" id="stock-levels">
                {t('stock.levels')}
              </h2>
              <ul class="list stock-list">
                <For each={loaded().stockItems}>
                  {(item) => (
                    <li class="list__item stock-item" data-stock-item={item.name}>
                      <span class="list__main">
                        <span class="list__title">{item.name}</span>
                        <span class="list__subtitle">
                          {t('stock.reservedAvailable', {
                            reserved: item.reserved,
                            available: item.available,
                          })}
                          <Show when={item.reorderLevel !== null}>
                            {' · '}
                            <span classList={{ 'stock-item__reorder': item.needsReorder }}>
                              {t(item.needsReorder ? 'stock.reorderNow' : 'stock.reorderAt', {
                                level: item.reorderLevel ?? 0,
                              })}
                            </span>
                          </Show>
                        </span>
                      </span>
                      <span class="stock-item__level">
                        <span class="stock-item__on-hand">{item.onHand}</span>{' '}
                        <span class="stock-item__unit">{t(`stockUnit.${item.unit}`)}</span>
                        <span class="list__subtitle stock-item__value">{money(item.value)}</span>
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </section>
            <section class="section" aria-labelledby="stock-expiring">
              <h2 class="section__title" id="stock-expiring">
                {t('stock.expiring')} · {loaded().expiringBatches.length}
              </h2>
              <Show
                when={loaded().expiringBatches.length > 0}
                fallback={<p class="list-summary">{t('stock.expiringNone')}</p>}
              >
                <ul class="list">
                  <For each={loaded().expiringBatches}>
                    {(batch) => (
                      <li class="list__item expiring-batch">
                        <span class="list__main">
                          <span class="list__title">{batch.stockItem.name}</span>
                          <span class="list__subtitle">
                            {batch.expiresAt &&
                              (new Date(batch.expiresAt) <= new Date()
                                ? t('stock.expired', {
                                    when: dateTime(batch.expiresAt, { timeZone: timeZone() }),
                                  })
                                : t('stock.expires', {
                                    when: dateTime(batch.expiresAt, { timeZone: timeZone() }),
                                  }))}
                          </span>
                        </span>
                        <span class="stock-item__level">
                          {batch.quantityRemaining} {t(`stockUnit.${batch.stockItem.unit}`)}
                        </span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
          </>
        )}
      </Show>
    </main>
  );
}
