import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from '../harness.js';

/**
 * Subscribes over graphql-ws with the caller's connectionParams, fires `trigger` (something happening
 * in shop B) a few times while listening, and returns what arrived and how the socket closed.
 */
export async function listen(
  app: TestApp,
  connectionParams: Record<string, string>,
  document: string,
  trigger: () => void,
) {
  const received: unknown[] = [];
  let closeCode: number | undefined;
  const client = createClient({
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: true,
    retryAttempts: 0,
    on: {
      closed: (event) => {
        closeCode = (event as { code?: number }).code;
      },
    },
  });
  const finished = new Promise<void>((resolve) => {
    client.subscribe(
      { query: document },
      {
        next: (value) => void received.push(value),
        error: (error) => {
          received.push(Array.isArray(error) ? { errors: error } : { closed: closeCode });
          resolve();
        },
        complete: resolve,
      },
    );
  });
  let ended = false;
  void finished.then(() => {
    ended = true;
  });
  // Fire a few times: the first may come before the server has started listening.
  for (const wait of [150, 250, 300]) {
    await sleep(wait);
    trigger();
    if (ended) break;
  }
  await Promise.race([finished, sleep(250)]);
  await client.dispose();
  return { received, closeCode };
}
