import type { AnyVariables, DocumentInput } from '@urql/core';
import { createQuery } from '@urql/solid';
import { type Accessor, createComputed, createEffect, createSignal, For, type JSX, on, Show } from 'solid-js';
import { ErrorMessage } from '../ErrorMessage/ErrorMessage';
import { Spinner } from '../Spinner/Spinner';

/** What this component reads of a Relay connection; the page's own type may carry more (`totalCount`). */
export interface Connection {
  edges: readonly unknown[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface PagedConnectionProps<Filter, Data, Variables extends AnyVariables, Page extends Connection> {
  /** The list's filter; when it changes, the list starts again from its first page. */
  filter: Filter;
  query: DocumentInput<Data, Variables>;
  /** The variables of the page after `after` (`null`: the first page, the one the page's loader fetches). */
  variables: (filter: Filter, after: string | null) => Variables;
  /** The connection in a result (`data.orders`). */
  connection: (data: Data) => Page | null | undefined;
  /** Class of each page's `<ul>`, which the styles and the browser tests know. */
  listClass: string;
  /** Shown under the first page when the filter matches nothing (text, or text with a link on). */
  emptyText: JSX.Element;
  loadMoreText: string;
  /**
   * When it changes, every loaded page is read again from the server (a live board heard that orders
   * changed, or its subscription socket came back after missing events).
   */
  refreshes?: Accessor<number>;
  /** Above the first page once it has loaded (the order board's count). */
  summary?: (page: Accessor<Page>) => JSX.Element;
  /**
   * One `<li>` per edge. The edge (not its node) is handed over so the row reads `edge.node` lazily:
   * urql's Solid store keeps edges by position and swaps their nodes when a new result comes.
   */
  children: (edge: Page['edges'][number]) => JSX.Element;
}

/**
 * A Relay connection shown a page at a time, each page its own query (urql's recipe for "load more"
 * with the document cache, which cannot merge pages into one result); the last page offers the next.
 */
export function PagedConnection<Filter, Data, Variables extends AnyVariables, Page extends Connection>(
  props: PagedConnectionProps<Filter, Data, Variables, Page>,
) {
  const [cursors, setCursors] = createSignal<(string | null)[]>([null]);
  // The cursors belong to the old filter; the first page (`null`) stays and refetches with the new one.
  createComputed(
    on(
      () => props.filter,
      () => setCursors([null]),
      { defer: true },
    ),
  );

  return (
    <For each={cursors()}>
      {(after, index) => (
        <ConnectionPage
          {...props}
          after={after}
          first={index() === 0}
          last={index() === cursors().length - 1}
          onLoadMore={(cursor) => setCursors([...cursors(), cursor])}
        />
      )}
    </For>
  );
}

interface ConnectionPageProps<Filter, Data, Variables extends AnyVariables, Page extends Connection>
  extends PagedConnectionProps<Filter, Data, Variables, Page> {
  after: string | null;
  first: boolean;
  last: boolean;
  onLoadMore: (cursor: string) => void;
}

/** One page of the list. The first shows the summary and the empty state; the last offers "load more". */
function ConnectionPage<Filter, Data, Variables extends AnyVariables, Page extends Connection>(
  props: ConnectionPageProps<Filter, Data, Variables, Page>,
) {
  const [result, refetch] = createQuery({
    query: props.query,
    variables: () => props.variables(props.filter, props.after),
  });
  const connection = () => (result.data ? props.connection(result.data) : undefined);
  createEffect(
    on(
      () => props.refreshes?.(),
      () => refetch({ requestPolicy: 'network-only' }),
      { defer: true },
    ),
  );

  return (
    <>
      <Show when={props.first && props.summary && connection()}>{(loaded) => props.summary?.(loaded)}</Show>
      <ErrorMessage
        error={result.error}
        keptData={connection() !== undefined}
        onRetry={() => refetch({ requestPolicy: 'network-only' })}
      />
      <Show
        when={connection()}
        fallback={
          <Show when={result.fetching}>
            <Spinner />
          </Show>
        }
      >
        {(loaded) => (
          <>
            <Show when={props.first && loaded().edges.length === 0}>
              <p class="empty">{props.emptyText}</p>
            </Show>
            <ul class={props.listClass}>
              <For each={loaded().edges}>{(edge) => props.children(edge)}</For>
            </ul>
            <Show when={props.last && loaded().pageInfo.hasNextPage && loaded().pageInfo.endCursor}>
              {(cursor) => (
                <button type="button" class="button load-more" onClick={() => props.onLoadMore(cursor())}>
                  {props.loadMoreText}
                </button>
              )}
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
