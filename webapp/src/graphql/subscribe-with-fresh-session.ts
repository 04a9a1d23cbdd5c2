import type { ExecutionResult, SubscriptionForwarder, SubscriptionOperation } from '@urql/core';
import { CloseCode } from 'graphql-ws';
import { session } from '../auth/session';
import { refreshSessionOnce, type SendRefresh } from './session-refresh';
import type { SubscriptionSocket } from './subscription-socket';

type SubscriptionSink = Parameters<ReturnType<SubscriptionForwarder>['subscribe']>[0];

/** How many times a subscription refreshes the session after 4401 with no connection in between. */
const maxUnauthorizedRetries = 3;

function isCloseEvent(value: unknown, code: number): boolean {
  return typeof value === 'object' && value !== null && (value as { code?: unknown }).code === code;
}

/**
 * One subscription over the socket that survives the server's 4401: graphql-ws treats that close as
 * fatal, so the subscription refreshes the session itself and subscribes again (the socket reconnects
 * with the new token; the page then refetches, see subscriptionsReconnected). A 4401 after a good
 * connection is the token expiring, which happens every access-token lifetime; it gives up, passing
 * the close event on, when there is no session left or the server refuses fresh tokens several times
 * without ever accepting the connection.
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
