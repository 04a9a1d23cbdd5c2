import { Client, cacheExchange, type Exchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { type Accessor, createMemo, createRoot, onCleanup, untrack } from 'solid-js';
import { RefreshSessionMutation } from '../auth/auth.documents';
import { session } from '../auth/session';
import { sessionAuthExchange, signInContext } from './auth-exchange';
import { graphqlUrl } from './endpoint';
import { lazyExchange } from './lazy-exchange';
import { linkStatusExchange } from './link-status';
import type { SubscriptionSocket } from './subscription-socket';

/**
 * A client bound to the current session: every operation carries `Authorization: Bearer <access token>`
 * and `X-Shop-Id: <active shop>`. An UNAUTHENTICATED answer (or a token about to expire) makes it call
 * `refreshSession` once and retry; when the refresh token is refused too, the session ends and the
 * route guard sends the user to the login page (see sessionAuthExchange). Subscriptions go over
 * graphql-ws (see createSubscriptionSocket), loaded with the first subscription: the sign-in screen and
 * other screens that follow nothing live do not download it. Queries and mutations are POSTed: the
 * server's CSRF prevention refuses GET requests that lack its preflight header. `dispose` closes the
 * subscription socket.
 *
 * Signed in (`scope` is the user and shop), results go through the normalized, persisted cache
 * (normalized-cache.ts), loaded on a chunk of its own; signed out there is little to cache and the
 * sign-in screen stays small, so urql's document cache does. Signed in, transient network failures
 * are retried too (retry.ts, on the cache's chunk). What the network answers feeds the "not live"
 * banner (link-status.ts).
 */
export function createGraphqlClient(scope: string | null = null): { client: Client; dispose: () => void } {
  let disposed = false;
  let socket: SubscriptionSocket | undefined;
  let live:
    | Promise<{
        socket: SubscriptionSocket;
        subscribe: typeof import('./subscribe-with-fresh-session').subscribeWithFreshSession;
      }>
    | undefined;
  const loadLive = () => {
    live ??= Promise.all([import('./subscription-socket'), import('./subscribe-with-fresh-session')]).then(
      ([sockets, subscriptions]) => {
        socket = sockets.createSubscriptionSocket(sendRefresh);
        return { socket, subscribe: subscriptions.subscribeWithFreshSession };
      },
    );
    return live;
  };

  const client = new Client({
    url: graphqlUrl,
    preferGetMethod: false,
    exchanges: [
      scope === null ? cacheExchange : lazyExchange(() => normalizedCache(scope)),
      sessionAuthExchange(),
      linkStatusExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => {
            let stopped = false;
            let unsubscribe = () => {};
            loadLive().then(
              (loaded) => {
                if (stopped || disposed) return;
                unsubscribe = loaded.subscribe(loaded.socket, sendRefresh, request, sink);
              },
              (error: unknown) => {
                // Offline right after a deploy: the chunk is not there. The page shows the link as down.
                if (!stopped) sink.error(error);
              },
            );
            return {
              unsubscribe: () => {
                stopped = true;
                unsubscribe();
              },
            };
          },
        }),
      }),
      fetchExchange,
    ],
  });
  // The subscriptions' way: through the client, past the auth exchange (signInContext adds no credentials).
  function sendRefresh(refreshToken: string | null) {
    return client.mutation(RefreshSessionMutation, { refreshToken }, signInContext).toPromise();
  }

  return {
    client,
    dispose: () => {
      disposed = true;
      void socket?.client.dispose();
    },
  };
}

/**
 * The normalized cache for one user and shop; if its chunk cannot be loaded (offline right after a
 * deploy), the document cache, so the app still works, only without what was persisted.
 */
function normalizedCache(scope: string): Promise<Exchange> {
  return import('./normalized-cache').then(
    (module) => module.signedInExchange(scope),
    () => cacheExchange,
  );
}

/**
 * The client for the current user and shop. The caches key results by query, variables and ids,
 * not by the X-Shop-Id header, so a different user or shop gets a fresh client (and the app a fresh
 * tree, see App.tsx) with its own persisted cache instead of another shop's cached orders. Token
 * refreshes keep the client.
 */
export const graphqlClient: Accessor<Client> = createRoot(() => {
  const scope = createMemo(() => {
    const current = session();
    return current ? `${current.user.id}/${current.activeShopId ?? ''}` : 'signed-out';
  });
  return createMemo(() => {
    const current = scope();
    const { client, dispose } = untrack(() => createGraphqlClient(current === 'signed-out' ? null : current));
    onCleanup(dispose);
    return client;
  });
});
