import type { ExecutionResult, SubscriptionForwarder, SubscriptionOperation } from '@urql/core';
import { CloseCode } from 'graphql-ws';
import { session } from '../auth/session';
import { refreshSessionOnce, type SendRefresh } from './session-refresh';
import type { SubscriptionSocket } from './subscription-socket';

type SubscriptionSink = Parameters<ReturnType<SubscriptionForwarder>['subscribe']>[0];

/** How many times a subscription refreshes the session after 4401 with no connection in between. */
const maxUnauthorizedRetries = 3;

function isCloseEvent(value: unknown, code: number): boolean {
  return closeCodeOf(value) === code;
}

function closeCodeOf(value: unknown): number | undefined {
  const code = typeof value === 'object' && value !== null ? (value as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Closes graphql-ws gives up on although waiting cures them: a 1xxx code it does not retry itself (1011, a
 * server's or proxy's internal error; it retries 1001, 1006, 1012–1014 on its own) and 4500, the server's
 * internal error. Anything else it gives up on (4400 bad request, 4406, 4409, 4429) is a fault no retry cures.
 */
function closedForAWhile(error: unknown): boolean {
  const code = closeCodeOf(error);
  if (code === undefined) return false;
  return (code > 1000 && code < 2000) || code === CloseCode.InternalServerError;
}

/** Waits before subscribing again after such a close: 1 s, doubling to 30 s, from the last good connection. */
const resubscribeDelayMs = (attempt: number) => Math.min(1000 * 2 ** attempt, 30_000);

/**
 * One subscription over the socket that survives the server's 4401: graphql-ws treats that close as
 * fatal, so the subscription refreshes the session itself and subscribes again (the socket reconnects
 * with the new token; the page then refetches, see subscriptionsReconnected). A 4401 after a good
 * connection is the token expiring, which happens every access-token lifetime; it gives up, passing
 * the close event on, when there is no session left or the server refuses fresh tokens several times
 * without ever accepting the connection. After a close graphql-ws gives up on but time cures (1011, 4500) it
 * subscribes again after a growing pause, so a screen stays live after a server's hiccup instead of showing
 * "reconnecting" until it is reloaded.
 */
export function subscribeWithFreshSession(
  socket: SubscriptionSocket,
  send: SendRefresh,
  request: SubscriptionOperation,
  sink: SubscriptionSink,
): () => void {
  let stopped = false;
  let refusedInARow = 0;
  let connectionsAtLastRefusal = -1;
  let closedInARow = 0;
  let connectionsAtLastClose = -1;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe = () => {};

  const start = () => {
    unsubscribe = socket.client.subscribe(
      { ...request, query: request.query ?? '' },
      {
        next: (value) => sink.next(value as ExecutionResult),
        complete: () => sink.complete(),
        error: (error) => {
          if (stopped) return;
          if (closedForAWhile(error)) {
            if (socket.connections() !== connectionsAtLastClose) closedInARow = 0;
            connectionsAtLastClose = socket.connections();
            socket.expectReconnection();
            retryTimer = setTimeout(start, resubscribeDelayMs(closedInARow++));
            return;
          }
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
    clearTimeout(retryTimer);
    unsubscribe();
  };
}
