import { createMutation, createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { RefusalMessage } from '../../components/ErrorMessage/RefusalMessage';
import { t, timeWindow } from '../../i18n/i18n';
import { DeliveryPoolQuery, TakeDeliveryMutation } from './courier.documents';

type TakeRefusal =
  | 'DeliveryNotAssignable'
  | 'DeliveryPoolClosed'
  | 'DeliveryTaken'
  | 'NotADelivery'
  | 'StaleVersion';
const takeRefusals: Record<
  TakeRefusal,
  'courier.pool.taken' | 'courier.pool.closed' | 'courier.pool.notAssignable'
> = {
  DeliveryTaken: 'courier.pool.taken',
  StaleVersion: 'courier.pool.taken',
  DeliveryPoolClosed: 'courier.pool.closed',
  DeliveryNotAssignable: 'courier.pool.notAssignable',
  NotADelivery: 'courier.pool.notAssignable',
};

/** Deliveries nobody has yet, to take (online only: two couriers taking one, the server picks one). */
export function DeliveryPool(props: { onTaken: () => void }) {
  const [pool, refetch] = createQuery({ query: DeliveryPoolQuery, requestPolicy: 'cache-and-network' });
  const [taking, take] = createMutation(TakeDeliveryMutation);
  const [refusal, setRefusal] = createSignal<{ __typename: TakeRefusal; message: string }>();
  const timeZone = () => activeShopAccess()?.shop.timezone;

  async function takeOne(orderId: string) {
    const answer = (await take({ orderId })).data?.takeDelivery;
    if (!answer) return;
    setRefusal(answer.__typename === 'MutationTakeDeliverySuccess' ? undefined : answer);
    refetch({ requestPolicy: 'network-only' });
    props.onTaken();
  }

  return (
    <section class="section">
      <h2 class="section__title">{t('courier.pool.title')}</h2>
      <RefusalMessage refusal={refusal()} messages={takeRefusals} />
      <ErrorMessage error={taking.error ?? pool.error} />
      <Show when={pool.data?.deliveryPool.length} fallback={<p class="empty">{t('courier.pool.empty')}</p>}>
        <ul class="courier-list">
          <For each={pool.data?.deliveryPool}>
            {(pooled) => (
              <li class="courier-card card">
                <div class="courier-card__top">
                  <span class="courier-card__number">{t('courier.delivery', { number: pooled.number })}</span>
                  <span class="courier-card__window">
                    {timeWindow(pooled.windowStart, pooled.windowEnd, { timeZone: timeZone() }) ?? ''}
                  </span>
                </div>
                <Show when={pooled.deliveryAddress}>{(address) => <p>{address()}</p>}</Show>
                <button
                  type="button"
                  class="button button--small"
                  disabled={taking.fetching}
                  onClick={() => void takeOne(pooled.orderId)}
                >
                  {t('courier.pool.take')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
