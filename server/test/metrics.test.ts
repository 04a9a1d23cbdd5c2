import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';
import { liveSubscriber, paramsOf } from './live-subscriber.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// Issue 14: Prometheus metrics on /metrics, behind METRICS_TOKEN when one is set.
describe('/metrics', () => {
  let app: TestApp;
  const token = 'metrics-token-of-the-test';
  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => app?.stop());

  const scrape = (headers: Record<string, string> = {}) => fetch(`${app.url}/metrics`, { headers });

  test('refuses a scrape without the token, or with another', async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer not-the-token-at-all!' })).status).toBe(401);
  });

  test('after a few operations every metric family is there', async () => {
    const manager = await app.signIn('manager@posy.demo');
    expect((await app.gql('query Staff { staff { id } }', {}, manager)).errors).toBeUndefined();
    const refused = await app.gql('query Denied { staff { id } }', {}, await app.signIn('courier@posy.demo'));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Rows of two final statuses, which the outbox worker leaves as they are.
    const { id: userId } = await app.prisma.user.findFirstOrThrow({ where: { email: 'manager@posy.demo' } });
    for (const status of ['FAILED', 'SENT'] as const)
      await app.prisma.notification.create({
        data: {
          userId,
          kind: 'LOGIN_CODE',
          payload: {},
          locale: 'en',
          status,
          dedupeKey: `metrics-test:${status}`,
        },
      });
    const response = await scrape({ authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/^graphql_envelop_request_duration_count\{[^}]*operationName="Staff"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^graphql_yoga_http_duration_count\{[^}]*operationName="Staff"[^}]*\} [1-9]/m);
    // Labelled by operation, not by URL: a label value per distinct query string would grow without bound.
    expect(text).not.toMatch(/^graphql_yoga_http_duration_count\{[^}]*url=/m);
    // Metrics nobody reads are off: each cost every request a hook.
    expect(text).not.toMatch(/^graphql_envelop_(phase_|deprecated_field|request_time_summary)/m);
    expect(text).toMatch(/^posy_graphql_errors_total\{code="FORBIDDEN"\} [1-9]/m);
    expect(text).toMatch(/^posy_graphql_open_subscriptions 0$/m);
    expect(text).toMatch(/^posy_job_queue_jobs\{state="ready"\} \d+$/m);
    expect(text).toMatch(/^posy_job_queue_jobs\{state="locked"\} \d+$/m);
    expect(text).toMatch(/^posy_db_pool_connections\{state="total"\} [1-9]/m);
    expect(text).toMatch(/^posy_db_pool_connections\{state="waiting"\} \d+$/m);
    const notifications = await app.prisma.notification.groupBy({ by: ['status'], _count: { _all: true } });
    expect(notifications.length).toBeGreaterThanOrEqual(2);
    for (const group of notifications)
      expect(text).toContain(`posy_notifications{status="${group.status}"} ${group._count._all}`);
  });

  test('open subscriptions: 0, 1 while a graphql-ws subscription is open, 0 once it is closed', async () => {
    const openSubscriptions = async () => {
      const text = await (await scrape({ authorization: `Bearer ${token}` })).text();
      return Number(text.match(/^posy_graphql_open_subscriptions (\d+)$/m)?.[1]);
    };
    expect(await openSubscriptions()).toBe(0);
    const subscriber = await liveSubscriber(
      app.url,
      paramsOf(await app.signIn('manager@posy.demo')),
      'subscription OrdersLive { shopOrderChanged { id } }',
    );
    try {
      await expect.poll(openSubscriptions).toBe(1);
    } finally {
      await subscriber.dispose();
    }
    await expect.poll(openSubscriptions).toBe(0);
  });
});

// In production /metrics is never on the public port: with METRICS_PORT it is served there alone.
describe('/metrics on METRICS_PORT in production', () => {
  let app: TestApp;
  let metricsUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}`;
    app = await startTestApp({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      METRICS_PORT: String(port),
    });
  });
  afterAll(() => app?.stop());

  test('answers on the metrics port, without a token', async () => {
    expect((await app.gql('query Ping { __typename }')).errors).toBeUndefined();
    const response = await fetch(`${metricsUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^graphql_envelop_request_duration_count\{[^}]*operationName="Ping"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^posy_graphql_open_subscriptions 0$/m);
  });

  test('is not on the main port, and the metrics port serves nothing else', async () => {
    // The main port answers /metrics as any other page of the webapp (here: the "not built yet" page).
    const main = await fetch(`${app.url}/metrics`);
    expect(main.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await main.text()).not.toContain('posy_graphql_open_subscriptions');
    expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/`)).status).toBe(404);
  });
});
