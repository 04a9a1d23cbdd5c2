import { useSearchParams } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { PagedConnection } from '../../components/PagedConnection/PagedConnection';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { t } from '../../i18n/i18n';
import { AuditEntryRow } from './AuditEntryRow';
import { AuditLogQuery, auditVariables } from './audit.loader';
import { auditActions, isAuditAction, parseAuditSearch } from './audit-filter';

/**
 * Every change in the shop, newest first: who (a person or an API key) did what to which object. The
 * action filter lives in the URL; pages load one after another with the connection's cursor, each its
 * own query (as on the order board), the first fetched by the loader whenever the page opens.
 */
export default function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = createMemo(() => parseAuditSearch(searchParams), undefined, {
    equals: (a, b) => a.action === b.action,
  });

  return (
    <main class="page">
      <PageHeader title={t('audit.title')} subtitle={activeShopAccess()?.shop.name} />
      <label class="field">
        <span class="field__label">{t('audit.filter.action')}</span>
        <select
          class="field__input"
          name="action"
          onChange={(event) => {
            const value = event.currentTarget.value;
            setSearchParams({ action: isAuditAction(value) ? value : undefined }, { replace: true });
          }}
        >
          <option value="" selected={search().action === null}>
            {t('audit.filter.all')}
          </option>
          <For each={auditActions}>
            {(action) => (
              <option value={action} selected={search().action === action}>
                {t(`auditAction.${action}`)}
              </option>
            )}
          </For>
        </select>
      </label>
      <PagedConnection
        filter={search()}
        query={AuditLogQuery}
        variables={auditVariables}
        connection={(data) => data.auditLog}
        listClass="audit-list"
        emptyText={t('audit.empty')}
        loadMoreText={t('audit.loadMore')}
      >
        {(edge) => (
          // urql's store keeps edge objects by position (they have no id), so a new filter would
          // hand a row another entry with the last one's disclosure open: a new entry, a new row.
          <Show when={edge.node.id} keyed>
            <AuditEntryRow entry={edge.node} />
          </Show>
        )}
      </PagedConnection>
    </main>
  );
}
