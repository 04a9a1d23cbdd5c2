import { A } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { money, t, tPlural } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { CustomerChangedSubscription } from './customers.documents';
import { CustomersQuery, customersPageSize } from './customers.loader';

/**
 * The shop's customers for admins and managers, searchable, each with their order count and spend; live: a
 * customer renamed, added or merged elsewhere shows without a reload (customerChanged).
 */
export default function CustomersPage() {
  const [search, setSearch] = createSignal('');
  const [result, refetch] = createQuery({
    query: CustomersQuery,
    variables: () => ({ search: search().trim() || null, first: customersPageSize }),
  });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  followLive([liveFeed(CustomerChangedSubscription, { pause: outsideSection('customers') })], reload);

  return (
    <main class="page">
      <PageHeader title={t('customers.title')} />
      <label class="field">
        <span class="visually-hidden">{t('customers.search')}</span>
        <input
          class="field__input"
          type="search"
          placeholder={t('customers.search')}
          value={search()}
          onInput={(event) => setSearch(event.currentTarget.value)}
        />
      </label>
      <ErrorMessage error={result.error} onRetry={reload} />
      <Show when={result.data} fallback={<Show when={result.fetching}>{<Spinner />}</Show>}>
        {(loaded) => (
          <>
            <p class="list-summary">{tPlural('customers.count', loaded().customers.totalCount)}</p>
            <ul class="list customer-list">
              <For each={loaded().customers.edges}>
                {(edge) => (
                  <li>
                    <A class="list__item customer-row" href={href.customer(edge.node.id)}>
                      <span class="list__main">
                        <span class="list__title">{edge.node.name}</span>
                        <span class="list__subtitle">{edge.node.phone ?? edge.node.email ?? ''}</span>
                      </span>
                      <span class="customer-row__totals">
                        <span>{tPlural('dashboard.orders', edge.node.totals.orderCount)}</span>
                        <span class="list__subtitle">{money(edge.node.totals.spent)}</span>
                      </span>
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
