import { createClient as createWebSocketClient, type Client as WebSocketClient } from 'graphql-ws';
import { type Accessor, createSignal } from 'solid-js';
import { isAccessTokenExpiring, session } from '../auth/session';
import { graphqlUrl, webSocketUrl } from './endpoint';
import { setSocketState } from './link-status';
import { refreshSessionOnce, type SendRefresh } from './session-refresh';

const [reconnection, setReconnection] = createSignal(0);

/**
 * Counts the times subscriptions came back after losing their connection (a dropped socket, or the
 * server closing it when the access token expired). Pages that follow something live refetch it
 * then: events published while the socket was down are not replayed.
 */
export const subscriptionsReconnected: Accessor<number> = reconnection;

/** Longest pause between two attempts to reconnect the subscription socket. */
const maxRetryWaitMs = 30_000;

/** The graphql-ws client, and how many times it has connected (each connection_ack). */
export interface SubscriptionSocket {
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
export function createSubscriptionSocket(send: SendRefresh): SubscriptionSocket {
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
      if (!current?.accessToken) return {};
      return {
        authorization: `Bearer ${current.accessToken}`,
        ...(current.activeShopId ? { shopId: current.activeShopId } : {}),
      };
    },
    on: {
      connected: (_socket, _payload, wasRetry) => {
        setSocketState('connected');
        connections += 1;
        if (wasRetry || reconnecting) setReconnection((count) => count + 1);
        reconnecting = false;
      },
      // 1000 is the lazy close after the last subscription ended: nothing is missed. Anything else
      // (the server gone, the network lost) leaves live screens behind until graphql-ws reconnects.
      closed: (event) => setSocketState((event as CloseEvent | undefined)?.code === 1000 ? 'idle' : 'down'),
      error: () => setSocketState('down'),
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
