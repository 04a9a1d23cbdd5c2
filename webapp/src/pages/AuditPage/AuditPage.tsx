import { useSearchParams } from '@solidjs/router';
import { createQuery } from '@urql/solid';
import { createComputed, createMemo, createSignal, For, on, Show } from 'solid-js';
import { activeShopAccess } from '../../auth/session';
import { ErrorMessage } from '../../components/ErrorMessage/ErrorMessage';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { Spinner } from '../../components/Spinner/Spinner';
import { t } from '../../i18n/i18n';
import { AuditEntryRow } from './AuditEntryRow';
import { AuditLogQuery, auditVariables } from './audit.loader';
import { type AuditSearch, auditActions, isAuditAction, parseAuditSearch } from './audit-filter';

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
  const [cursors, setCursors] = createSignal<(string | null)[]>([null]);
  createComputed(on(search, () => setCursors([null]), { defer: true }));

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
      <For each={cursors()}>
        {(after, index) => (
          <AuditChunk
            search={search()}
            after={after}
            first={index() === 0}
            last={index() === cursors().length - 1}
            onLoadMore={(cursor) => setCursors([...cursors(), cursor])}
          />
        )}
      </For>
    </main>
  );
}

interface AuditChunkProps {
  search: AuditSearch;
  after: string | null;
  first: boolean;
  last: boolean;
  onLoadMore: (cursor: string) => void;
}

/** One page of the log; the last offers "load more". */
function AuditChunk(props: AuditChunkProps) {
  const [log, refetch] = createQuery({
    query: AuditLogQuery,
    variables: () => auditVariables(props.search, props.after),
  });
  const connection = () => log.data?.auditLog;

  return (
    <>
      <ErrorMessage error={log.error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      <Show
        when={connection()}
        fallback={
          <Show when={log.fetching}>
            <Spinner />
          </Show>
        }
      >
        {(loaded) => (
          <>
            <Show when={props.first && loaded().edges.length === 0}>
              <p class="empty">{t('audit.empty')}</p>
            </Show>
            <ul class="audit-list">
              <For each={loaded().edges}>
                {(edge) => (
                  // urql's store keeps edge objects by position (they have no id), so a new filter would
                  // hand a row another entry with the last one's disclosure open: a new entry, a new row.
                  <Show when={edge.node.id} keyed>
                    <AuditEntryRow entry={edge.node} />
                  </Show>
                )}
              </For>
            </ul>
            <Show when={props.last && loaded().pageInfo.hasNextPage && loaded().pageInfo.endCursor}>
              {(cursor) => (
                <button type="button" class="button load-more" onClick={() => props.onLoadMore(cursor())}>
                  {t('audit.loadMore')}
                </button>
              )}
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
