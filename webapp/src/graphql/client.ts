import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { type Accessor, createMemo, createRoot, onCleanup, untrack } from 'solid-js';
import { RefreshSessionMutation } from '../auth/auth.documents';
import { session } from '../auth/session';
import { sessionAuthExchange, signInContext } from './auth-exchange';
import { graphqlUrl } from './endpoint';
import { subscribeWithFreshSession } from './subscribe-with-fresh-session';
import { createSubscriptionSocket } from './subscription-socket';

/**
 * A client bound to the current session: every operation carries `Authorization: Bearer <access token>`
 * and `X-Shop-Id: <active shop>`. An UNAUTHENTICATED answer (or a token about to expire) makes it call
 * `refreshSession` once and retry; when the refresh token is refused too, the session ends and the
 * route guard sends the user to the login page (see sessionAuthExchange). Subscriptions go over
 * graphql-ws (see createSubscriptionSocket). Queries and mutations are POSTed: the server's CSRF
 * prevention refuses GET requests that lack its preflight header. `dispose` closes the subscription socket.
 */
export function createGraphqlClient(): { client: Client; dispose: () => void } {
  const socket = createSubscriptionSocket(sendRefresh);

  const client = new Client({
    url: graphqlUrl,
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      sessionAuthExchange(),
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: subscribeWithFreshSession(socket, sendRefresh, request, sink),
          }),
        }),
      }),
      fetchExchange,
    ],
  });
  // The subscriptions' way: through the client, past the auth exchange (signInContext adds no credentials).
  function sendRefresh(refreshToken: string | null) {
    return client.mutation(RefreshSessionMutation, { refreshToken }, signInContext).toPromise();
  }

  return { client, dispose: () => void socket.client.dispose() };
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
