import { A } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { PagedConnection } from '../../components/PagedConnection/PagedConnection';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { createSettledSearch } from '../../components/SearchField/settled-search';
import { followLive, liveFeed, outsideSection } from '../../graphql/live-refresh';
import { money, t, tPlural } from '../../i18n/i18n';
import { href } from '../../route-paths';
import { CustomerChangedSubscription } from './customers.documents';
import { CustomersQuery } from './customers.loader';
import { customersSearch, customersVariables } from './customers-variables';

/**
 * The shop's customers for admins and managers, searchable, each with their order count and spend, a page
 * at a time (each page its own query, as on the order board; the first fetched by the loader). Live: a
 * customer renamed, added or merged elsewhere shows without a reload (customerChanged re-reads every
 * loaded page).
 */
export default function CustomersPage() {
  const { typed, settled, setTyped } = createSettledSearch();
  const [refreshes, setRefreshes] = createSignal(0);
  followLive([liveFeed(CustomerChangedSubscription, { pause: outsideSection('customers') })], () =>
    setRefreshes((count) => count + 1),
  );

  return (
    <main class="page">
      <PageHeader title={t('customers.title')} />
      <label class="field">
        <span class="visually-hidden">{t('customers.search')}</span>
        <input
          class="field__input"
          type="search"
          placeholder={t('customers.search')}
          value={typed()}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
      </label>
      <PagedConnection
        filter={customersSearch(settled())}
        refreshes={refreshes}
        query={CustomersQuery}
        variables={customersVariables}
        connection={(data) => data.customers}
        listClass="list customer-list"
        emptyText={t('customers.empty')}
        loadMoreText={t('app.loadMore')}
        summary={(customers) => (
          <p class="list-summary">{tPlural('customers.count', customers().totalCount)}</p>
        )}
      >
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
      </PagedConnection>
    </main>
  );
}
