import { A, useParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, isRowOrGone, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { dateTime, money, t } from '../../i18n/i18n';
import { customerIdFromParams, href } from '../../route-paths';
import { CustomerChangedSubscription } from '../CustomersPage/customers.documents';
import { CustomerQuery } from './customer.loader';
import { ImportantDates } from './ImportantDates';

/**
 * One customer for admins and managers: contacts, totals, their latest orders and important dates; live: a
 * change of their record made elsewhere shows without a reload (customerChanged).
 */
export default function CustomerPage() {
  const params = useParams();
  const id = () => customerIdFromParams(params);
  const [result, refetch] = createQuery({ query: CustomerQuery, variables: () => ({ id: id() }) });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive(
    [
      liveFeed(CustomerChangedSubscription, {
        pause: outsideSection('customers'),
        concerns: (event) => isRowOrGone(event.customerChanged, id()),
      }),
    ],
    reload,
  );
  const customer = () => {
    const node = result.data?.node;
    return node?.__typename === 'Customer' ? node : undefined;
  };
  const timeZone = () => activeShopAccess()?.shop.timezone;

  return (
    <main class="page">
      <PageHeader
        title={customer()?.name ?? t('customer.title')}
        subtitle={customer()?.phone ?? customer()?.email ?? undefined}
        backHref={href.customers()}
      />
      <ErrorMessage error={result.error} onRetry={reload} />
      <Show
        when={customer()}
        fallback={
          <Show when={result.fetching} fallback={<Show when={result.data}>{t('error.NOT_FOUND')}</Show>}>
            <Spinner />
          </Show>
        }
      >
        {(loaded) => (
          <>
            <dl class="figures">
              <div class="figures__item">
                <dt>{t('customer.orderCount')}</dt>
                <dd>{loaded().totals.orderCount}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('customer.spent')}</dt>
                <dd>{money(loaded().totals.spent)}</dd>
              </div>
              <div class="figures__item">
                <dt>{t('customer.lastOrder')}</dt>
                <dd>
                  {loaded().totals.lastOrderAt
                    ? dateTime(loaded().totals.lastOrderAt as string, { timeZone: timeZone() })
                    : '—'}
                </dd>
              </div>
            </dl>
            <Show when={loaded().note}>
              <p class="card">{loaded().note}</p>
            </Show>
            <section class="section" aria-labelledby="customer-orders">
              <h2 class="section__title" id="customer-orders">
                {t('customer.history')}
              </h2>
              <Show
                when={loaded().orders.edges.length > 0}
                fallback={<p class="list-summary">{t('customer.noOrders')}</p>}
              >
                <ul class="list">
                  <For each={loaded().orders.edges}>
                    {(edge) => (
                      <li>
                        <A class="list__item customer-order" href={href.order(edge.node.id)}>
                          <span class="list__main">
                            <span class="list__title">#{edge.node.number}</span>
                            <span class="list__subtitle">
                              {t(`orderStatus.${edge.node.status}`)} ·{' '}
                              {dateTime(edge.node.createdAt, { timeZone: timeZone() })}
                            </span>
                          </span>
                          <span>{money(edge.node.total)}</span>
                        </A>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
            <ImportantDates customerId={loaded().id} dates={loaded().importantDates} onChanged={reload} />
          </>
        )}
      </Show>
    </main>
  );
}
