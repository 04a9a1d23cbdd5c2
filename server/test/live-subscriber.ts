import { setTimeout as sleep } from 'node:timers/promises';
import type { FormattedExecutionResult } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

// biome-ignore lint/suspicious/noExplicitAny: tests read payloads of every shape; `any` keeps them terse.
export type Payload = FormattedExecutionResult<Record<string, any>, unknown>;

/** One graphql-ws subscription over a real socket, collecting what arrives. */
export interface LiveSubscriber {
  received: Payload[];
  /** The `error` the server answered the subscription with (a refusal), if any. */
  error: unknown;
  completed: boolean;
  /** Waits until `count` results arrived (or the subscription ended); fails after `ms`. */
  until(count: number, ms?: number): Promise<Payload[]>;
  client: Client;
  dispose(): Promise<void>;
}

/** How long the server takes from a subscribe message to listening on pub/sub (a Redis round trip and a query). */
export const LISTENING_MS = 300;

/**
 * Connects to `httpUrl`'s /graphql with `connectionParams` (as the webapp sends them), subscribes, and
 * resolves once the server surely listens. `onResult` runs synchronously on each arrival (before `until`
 * sees it), for tests that act at the moment of receipt.
 */
export async function liveSubscriber(
  httpUrl: string,
  connectionParams: Record<string, unknown>,
  query: string,
  options: {
    variables?: Record<string, unknown>;
    onResult?: (payload: Payload) => void;
    listeningMs?: number;
  } = {},
): Promise<LiveSubscriber> {
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => {},
  });
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  const subscriber: LiveSubscriber = {
    received: [],
    error: undefined,
    completed: false,
    client,
    async until(count, ms = 5000) {
      const deadline = Date.now() + ms;
      while (subscriber.received.length < count && !subscriber.completed && subscriber.error === undefined) {
        const left = deadline - Date.now();
        if (left <= 0)
          throw new Error(
            `${subscriber.received.length} of ${count} results after ${ms} ms: ${stringify(subscriber)}`,
          );
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.add(() => {
            clearTimeout(timer);
            resolve();
          });
        });
        waiters.clear();
      }
      return subscriber.received;
    },
    dispose: () => client.dispose() as Promise<void>,
  };
  client.subscribe(
    { query, variables: options.variables ?? {} },
    {
      next: (result) => {
        subscriber.received.push(result as Payload);
        options.onResult?.(result as Payload);
        wake();
      },
      error: (error) => {
        subscriber.error = error ?? 'error';
        wake();
      },
      complete: () => {
        subscriber.completed = true;
        wake();
      },
    },
  );
  await sleep(options.listeningMs ?? LISTENING_MS);
  return subscriber;
}

const stringify = (subscriber: LiveSubscriber) =>
  JSON.stringify({ received: subscriber.received, error: subscriber.error, completed: subscriber.completed });

/** Connection params of the signed-in headers `app.signIn` answers ({ authorization }). */
export const paramsOf = (headers: Record<string, string>) =>
  headers['x-api-key'] ? { apiKey: headers['x-api-key'] } : { authorization: headers.authorization };
