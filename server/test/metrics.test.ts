import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

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
});
