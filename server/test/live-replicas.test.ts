import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { buildApp, type RunningApp } from '../src/app.js';
import { MANAGER, newOrder, touchOrder } from '../src/features/live/live-test-fixtures.js';
import { addCustomer } from '../src/features/production/production-test-fixtures.js';
import { startTestApp, type TestApp } from './harness.js';
import { liveSubscriber, paramsOf } from './live-subscriber.js';

// Issue 10: several replicas share events through Redis. Two real servers (buildApp, each its own HTTP
// port, pub/sub clients and WebSocket server) on one Redis and one database: an order changed through
// one is heard by a subscriber of the other.
describe.skipIf(!process.env.REDIS_URL)('two replicas on one Redis', () => {
  let replicaA: TestApp;
  let replicaB: { app: ReturnType<typeof buildApp>; running: RunningApp };
  let manager: Record<string, string>;

  beforeAll(async () => {
    replicaA = await startTestApp();
    // The same configuration (database, Redis, signing key under DATA_DIR) on a port of its own, without
    // the one-off work a first replica did (migrations, seed, jobs).
    const app = buildApp({
      ...replicaA.config,
      port: 0,
      migrateOnStart: false,
      seedDemo: false,
      jobs: { ...replicaA.config.jobs, enabled: false },
    });
    replicaB = { app, running: await app.start() };
    manager = await replicaA.signIn(MANAGER);
  });
  afterAll(async () => {
    await replicaB?.app.stop();
    await replicaA?.stop();
  });

  test('an order changed through replica A reaches subscribers of A and of B', async () => {
    expect(replicaB.running.url).not.toBe(replicaA.url);
    const customer = await addCustomer(replicaA, 'Replicated Customer');
    const order = await newOrder(replicaA, manager, customer.id);
    const query = 'subscription { shopOrderChanged { id version cardText } }';
    const onB = await liveSubscriber(replicaB.running.url, paramsOf(manager), query);
    const onA = await liveSubscriber(replicaA.url, paramsOf(manager), query);
    try {
      const version = await touchOrder(replicaA, manager, order, { cardText: 'From replica A' });
      for (const subscriber of [onB, onA]) {
        const [payload] = await subscriber.until(1);
        expect(payload!.data!.shopOrderChanged).toEqual({ id: order, version, cardText: 'From replica A' });
      }
    } finally {
      await Promise.all([onA.dispose(), onB.dispose()]);
    }
  });
});

// graphql-ws pings each socket every WS_KEEPALIVE_SECONDS and terminates one that did not answer the last
// ping with a pong, so a silent client's subscriptions do not outlive it.
describe('keepalive pings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ WS_KEEPALIVE_SECONDS: '0.2' });
  });
  afterAll(() => app?.stop());

  /** A signed-in graphql-ws socket; with `autoPong: false` it never answers a ping. */
  async function socket(autoPong: boolean) {
    const headers = await app.signIn(MANAGER);
    const ws = new WebSocket(`${app.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
      autoPong,
    });
    const pings: number[] = [];
    ws.on('ping', () => pings.push(Date.now()));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: paramsOf(headers) }));
    await new Promise<void>((resolve) =>
      ws.once('message', (data) => {
        expect(JSON.parse(String(data)).type).toBe('connection_ack');
        resolve();
      }),
    );
    return { ws, pings, closed };
  }

  test('pings arrive; a client that answers stays, a silent one is dropped', async () => {
    const [answering, silent] = await Promise.all([socket(true), socket(false)]);
    const silentClose = await Promise.race([silent.closed, sleep(3000).then(() => 'still open')]);
    // Terminated, no close frame: 1006 on the client's side.
    expect(silentClose).toBe(1006);
    expect(silent.pings.length).toBeGreaterThanOrEqual(1);
    await sleep(600);
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
    expect(answering.pings.length).toBeGreaterThanOrEqual(3);
    answering.ws.close();
    await answering.closed;
  });
});
