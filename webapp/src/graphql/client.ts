import type { RoutePreloadFuncArgs } from '@solidjs/router';
import {
  type AnyVariables,
  Client,
  type CombinedError,
  cacheExchange,
  type DocumentInput,
  type ExecutionResult,
  fetchExchange,
  type OperationResult,
  type SubscriptionForwarder,
  type SubscriptionOperation,
  subscriptionExchange,
} from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import type { ResultOf } from 'gql.tada';
import { CloseCode, createClient as createWebSocketClient, type Client as WebSocketClient } from 'graphql-ws';
import { type Accessor, createMemo, createRoot, createSignal, onCleanup, untrack } from 'solid-js';
import { canOpen, type Section } from '../auth/access';
import { RefreshSessionMutation } from '../auth/auth.documents';
import { activeShopAccess, endSession, isAccessTokenExpiring, renewSession, session } from '../auth/session';
import { describeApiError } from './errors';

/**
 * The GraphQL endpoint. The server serves the app and /graphql on one origin (and `vite dev` proxies
 * /graphql), so the default is relative; VITE_API_URL points a build at another server.
 * @default '/graphql'
 */
export const graphqlUrl: string = import.meta.env.VITE_API_URL || '/graphql';

/**
 * Operation context for the sign-in mutations and the token refresh: they carry no credentials (an
 * expired access token would make the server refuse them), and their own UNAUTHENTICATED (wrong
 * password, stale Telegram data, spent refresh token) is an answer, not a sign that a token needs refreshing.
 */
export const signInContext = { skipSessionRefresh: true } as const;

function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'UNAUTHENTICATED');
}

/** Sends the refreshSession mutation: the auth exchange and the subscriptions each have their own way. */
type SendRefresh = (
  refreshToken: string,
) => Promise<OperationResult<ResultOf<typeof RefreshSessionMutation>>>;

let refreshing: Promise<void> | undefined;

/**
 * Trades the refresh token for new tokens, once for every caller waiting at the same time: refresh
 * tokens work once, so the HTTP and WebSocket paths must never spend the same one twice. A refused
 * refresh token ends the session; a network failure keeps it (the next operation tries again).
 */
function refreshSessionOnce(send: SendRefresh): Promise<void> {
  refreshing ??= (async () => {
    const current = session();
    if (!current) return;
    const result = await send(current.refreshToken);
    // Another tab may have refreshed (spending our token) or signed out meanwhile: its session stands.
    if (session()?.refreshToken !== current.refreshToken) return;
    if (result.data) renewSession(result.data.refreshSession);
    else if (result.error && describeApiError(result.error).code !== 'NETWORK') endSession();
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

/** The WebSocket address of a GraphQL endpoint given as an http(s) URL or a path of this origin. */
export function webSocketUrl(httpUrl: string, base: string): string {
  const url = new URL(httpUrl, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

const [reconnection, setReconnection] = createSignal(0);

/**
 * Counts the times subscriptions came back after losing their connection (a dropped socket, or the
 * server closing it when the access token expired). Pages that follow something live refetch it
 * then: events published while the socket was down are not replayed.
 */
export const subscriptionsReconnected: Accessor<number> = reconnection;

/** Longest pause between two attempts to reconnect the subscription socket. */
const maxRetryWaitMs = 30_000;

function isCloseEvent(value: unknown, code: number): boolean {
  return typeof value === 'object' && value !== null && (value as { code?: unknown }).code === code;
}

/** The graphql-ws client, and how many times it has connected (each connection_ack). */
interface SubscriptionSocket {
  client: WebSocketClient;
  connections(): number;
  /** Subscriptions are coming back after a 4401: count the next connection as a reconnection. */
  expectReconnection(): void;
}

/**
 * The graphql-ws client behind subscriptions, on the same /graphql path. It connects on the first
 * subscription and closes after the last (lazy), and reconnects with backoff for as long as the page
 * is open. The server authenticates the socket once, from connectionParams: a stale token is refreshed
 * before connecting, and when the server closes the socket with 4401 (token expired or refused) the
 * subscriptions refresh the session and subscribe again (see subscribeWithFreshSession). It closes
 * with 4403 when the session was revoked: graphql-ws retries that, the retry meets 4401, and the
 * refresh that follows is refused and ends the session.
 */
function createSubscriptionSocket(send: SendRefresh): SubscriptionSocket {
  let connections = 0;
  let reconnecting = false;
  const client = createWebSocketClient({
    url: () => webSocketUrl(graphqlUrl, window.location.href),
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    // Close events (the server restarting, a network change) and failures to connect alike: try again.
    shouldRetry: () => true,
    retryWait: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(maxRetryWaitMs, 1000 * 2 ** retries) + Math.random() * 1000),
      ),
    async connectionParams() {
      const before = session();
      if (before && isAccessTokenExpiring(before, new Date())) await refreshSessionOnce(send);
      const current = session();
      if (!current) return {};
      return {
        authorization: `Bearer ${current.accessToken}`,
        ...(current.activeShopId ? { shopId: current.activeShopId } : {}),
      };
    },
    on: {
      connected: (_socket, _payload, wasRetry) => {
        connections += 1;
        if (wasRetry || reconnecting) setReconnection((count) => count + 1);
        reconnecting = false;
      },
    },
  });
  return {
    client,
    connections: () => connections,
    expectReconnection: () => {
      reconnecting = true;
    },
  };
}

type SubscriptionSink = Parameters<ReturnType<SubscriptionForwarder>['subscribe']>[0];

/** How many times a subscription refreshes the session after 4401 with no connection in between. */
const maxUnauthorizedRetries = 3;

/**
 * One subscription over the socket that survives the server's 4401: graphql-ws treats that close as
 * fatal, so the subscription refreshes the session itself and subscribes again (the socket reconnects
 * with the new token; the page then refetches, see subscriptionsReconnected). A 4401 after a good
 * connection is the token expiring, which happens every access-token lifetime; it gives up, passing
 * the close event on, when there is no session left or the server refuses fresh tokens several times
 * without ever accepting the connection.
 */
function subscribeWithFreshSession(
  socket: SubscriptionSocket,
  send: SendRefresh,
  request: SubscriptionOperation,
  sink: SubscriptionSink,
): () => void {
  let stopped = false;
  let refusedInARow = 0;
  let connectionsAtLastRefusal = -1;
  let unsubscribe = () => {};

  const start = () => {
    unsubscribe = socket.client.subscribe(
      { ...request, query: request.query ?? '' },
      {
        next: (value) => sink.next(value as ExecutionResult),
        complete: () => sink.complete(),
        error: (error) => {
          if (stopped) return;
          if (!isCloseEvent(error, CloseCode.Unauthorized)) {
            sink.error(error);
            return;
          }
          if (socket.connections() !== connectionsAtLastRefusal) refusedInARow = 0;
          connectionsAtLastRefusal = socket.connections();
          refusedInARow += 1;
          if (refusedInARow > maxUnauthorizedRetries) {
            sink.error(error);
            return;
          }
          void refreshSessionOnce(send).then(() => {
            if (stopped) return;
            if (!session()) {
              sink.error(error);
              return;
            }
            socket.expectReconnection();
            start();
          });
        },
      },
    );
  };
  start();
  return () => {
    stopped = true;
    unsubscribe();
  };
}

/**
 * A client bound to the current session: every operation carries `Authorization: Bearer <access token>`
 * and `X-Shop-Id: <active shop>`. An UNAUTHENTICATED answer (or a token about to expire) makes it call
 * `refreshSession` once and retry; when the refresh token is refused too, the session ends and the
 * route guard sends the user to the login page. Subscriptions go over graphql-ws (see
 * createSubscriptionSocket). Queries and mutations are POSTed: the server's CSRF prevention refuses
 * GET requests that lack its preflight header. `dispose` closes the subscription socket.
 */
export function createGraphqlClient(): { client: Client; dispose: () => void } {
  const socket = createSubscriptionSocket(sendRefresh);

  const client = new Client({
    url: graphqlUrl,
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const current = session();
          // Sign-in and refresh carry no credentials: an expired access token would make the server refuse them.
          if (!current || operation.context.skipSessionRefresh) return operation;
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
        refreshAuth: () =>
          refreshSessionOnce((refreshToken) =>
            utils.mutate(RefreshSessionMutation, { refreshToken }, signInContext),
          ),
      })),
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
  function sendRefresh(refreshToken: string) {
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

/**
 * Whose data a loader fetches: what anyone may read, signed in or not (an invite's preview, by its
 * token), the signed-in user's own, the active shop's (needs X-Shop-Id), or one back-office section
 * of the shop's (needs a role that opens it, see auth/access.ts).
 */
export type LoaderScope = 'anyone' | 'user' | 'shop' | Section;

function inScope(scope: LoaderScope): boolean {
  if (scope === 'anyone') return true;
  if (scope === 'user') return session() !== null;
  if (scope === 'shop') return activeShopAccess() !== undefined;
  return canOpen(scope, activeShopAccess()?.role);
}

/**
 * What a route's loader does: starts the page's query so its data arrives while the page's code loads,
 * and leaves the result in urql's cache for the page's own createQuery (cache-first) to read.
 * Opening a page ('initial', 'navigate') always asks the network, so the page shows current data and
 * sends no second request; hovering a link ('preload') only fills what is not cached yet. Skipped when
 * the scope is missing or the role does not open the section (the route guards redirect or refuse).
 * Runs untracked: the router calls loaders inside a computation, and reading the session there would
 * re-run the loader on every session change.
 */
export function loadQuery<Data, Variables extends AnyVariables>(
  query: DocumentInput<Data, Variables>,
  variables: Variables,
  intent: RoutePreloadFuncArgs['intent'],
  scope: LoaderScope,
): void {
  untrack(() => {
    if (!inScope(scope)) return;
    const requestPolicy = intent === 'preload' ? 'cache-first' : 'network-only';
    void graphqlClient().query(query, variables, { requestPolicy }).toPromise();
  });
}
