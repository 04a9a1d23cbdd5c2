import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { type Accessor, createMemo, createRoot, onCleanup, untrack } from 'solid-js';
import { RefreshSessionMutation } from '../auth/auth.documents';
import { session } from '../auth/session';
import { sessionAuthExchange, signInContext } from './auth-exchange';
import { graphqlUrl } from './endpoint';
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
 */
export function createGraphqlClient(): { client: Client; dispose: () => void } {
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
      cacheExchange,
      sessionAuthExchange(),
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
    const { client, dispose } = untrack(createGraphqlClient);
    onCleanup(dispose);
    return client;
  });
});
