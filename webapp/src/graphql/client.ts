import type { RoutePreloadFuncArgs } from '@solidjs/router';
import {
  type AnyVariables,
  Client,
  type CombinedError,
  cacheExchange,
  type DocumentInput,
  fetchExchange,
} from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { type Accessor, createMemo, createRoot, untrack } from 'solid-js';
import { RefreshSessionMutation } from '../auth/auth.documents';
import { activeMembership, endSession, isAccessTokenExpiring, renewSession, session } from '../auth/session';
import { describeApiError } from './errors';

/**
 * The GraphQL endpoint. The server serves the app and /graphql on one origin (and `vite dev` proxies
 * /graphql), so the default is relative; VITE_API_URL points a build at another server.
 * @default '/graphql'
 */
export const graphqlUrl: string = import.meta.env.VITE_API_URL || '/graphql';

/**
 * Operation context for the sign-in mutations: their own UNAUTHENTICATED (wrong password, stale
 * Telegram data) is an answer to show, not a sign that a token needs refreshing.
 */
export const signInContext = { skipSessionRefresh: true } as const;

function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * A client bound to the current session: every operation carries `Authorization: Bearer <access token>`
 * and `X-Shop-Id: <active shop>`. An UNAUTHENTICATED answer (or a token about to expire) makes it call
 * `refreshSession` once and retry; when the refresh token is refused too, the session ends and the
 * route guard sends the user to the login page.
 */
export function createGraphqlClient(): Client {
  return new Client({
    url: graphqlUrl,
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const current = session();
          if (!current) return operation;
          const headers: Record<string, string> = { Authorization: `Bearer ${current.accessToken}` };
          if (current.activeShopId) headers['X-Shop-Id'] = current.activeShopId;
          return utils.appendHeaders(operation, headers);
        },
        willAuthError(operation) {
          const current = session();
          return (
            !operation.context.skipSessionRefresh &&
            current !== null &&
            isAccessTokenExpiring(current, new Date())
          );
        },
        didAuthError(error, operation) {
          return !operation.context.skipSessionRefresh && session() !== null && isUnauthenticated(error);
        },
        async refreshAuth() {
          const current = session();
          if (!current) return;
          const result = await utils.mutate(
            RefreshSessionMutation,
            { refreshToken: current.refreshToken },
            signInContext,
          );
          if (result.data) {
            renewSession(result.data.refreshSession);
            return;
          }
          // A refused refresh token ends the session. A network failure keeps it: the next operation tries again.
          if (result.error && describeApiError(result.error).code !== 'NETWORK') endSession();
        },
      })),
      // SUBSCRIPTIONS: the live order board will add urql's subscriptionExchange here (before fetchExchange),
      // forwarding subscriptions to a graphql-ws client on the same /graphql path (ws:// or wss://), with the
      // access token and shop id in its connectionParams. `vite dev` already proxies the WebSocket upgrade.
      fetchExchange,
    ],
  });
}

/**
 * The client for the current user and shop. urql's document cache keys results by query and variables,
 * not by the X-Shop-Id header, so a different user or shop gets a fresh client (and the app a fresh
 * tree, see App.tsx) instead of another shop's cached orders. Token refreshes keep the client.
 */
export const graphqlClient: Accessor<Client> = createRoot(() => {
  const scope = createMemo(() => {
    const current = session();
    return current ? `${current.user.id}/${current.activeShopId ?? ''}` : 'signed-out';
  });
  return createMemo(() => {
    scope();
    return untrack(createGraphqlClient);
  });
});

/** Whose data a loader fetches: the signed-in user's own, or the active shop's (needs X-Shop-Id). */
export type LoaderScope = 'user' | 'shop';

/**
 * What a route's loader does: starts the page's query so its data arrives while the page's code loads,
 * and leaves the result in urql's cache for the page's own createQuery (cache-first) to read.
 * Opening a page ('initial', 'navigate') always asks the network, so the page shows current data and
 * sends no second request; hovering a link ('preload') only fills what is not cached yet. Skipped when
 * the scope is missing (the route guards redirect). Runs untracked: the router calls loaders inside a
 * computation, and reading the session there would re-run the loader on every session change.
 */
export function loadQuery<Data, Variables extends AnyVariables>(
  query: DocumentInput<Data, Variables>,
  variables: Variables,
  intent: RoutePreloadFuncArgs['intent'],
  scope: LoaderScope,
): void {
  untrack(() => {
    if (scope === 'shop' ? !activeMembership() : !session()) return;
    const requestPolicy = intent === 'preload' ? 'cache-first' : 'network-only';
    void graphqlClient().query(query, variables, { requestPolicy }).toPromise();
  });
}
