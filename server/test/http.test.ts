import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('probes', () => {
  test('/health answers without touching dependencies', async () => {
    const response = await fetch(`${app.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('/ready checks the database, and Redis when configured', async () => {
    const response = await fetch(`${app.url}/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { checks: Record<string, string> };
    expect(body.checks.database).toBe('ok');
    expect(body.checks.redis).toBe(process.env.REDIS_URL ? 'ok' : undefined);
  });

  test('the JWKS publishes the token-signing public key only', async () => {
    const jwks = (await (await fetch(`${app.url}/.well-known/jwks.json`)).json()) as {
      keys: Record<string, string>[];
    };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0]!.kid).toBeTruthy();
    expect(jwks.keys[0]!.d).toBeUndefined();
  });
});

describe('request ids', () => {
  test('a sane x-request-id is echoed back', async () => {
    const result = await app.gql('{ me { id } }', {}, { 'x-request-id': 'trace-123.abc' });
    expect(result.headers.get('x-request-id')).toBe('trace-123.abc');
  });

  test('a missing or unsafe one is replaced by a generated id', async () => {
    const missing = await app.gql('{ me { id } }');
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await app.gql('{ me { id } }', {}, { 'x-request-id': 'bad id with spaces' });
    expect(unsafe.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });
});

describe('errors', () => {
  test('an anonymous caller asking for orders is told to sign in', async () => {
    const result = await app.gql('{ orders(first: 1) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  test('a query error names the problem (GraphQL validation)', async () => {
    const result = await app.gql('{ orders(first: 1) { nope } }', {}, app.demoKey);
    expect(result.errors?.[0]?.message).toContain('nope');
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('the unexpected is masked, and /ready turns 503 when the database is gone', async () => {
    // Take the database away under the running server.
    const admin = new pg.Client({
      connectionString: app.config.databaseUrl!.replace(/\/[^/]+$/, '/postgres'),
    });
    await admin.connect();
    const name = new URL(app.config.databaseUrl!).pathname.slice(1);
    await admin.query(`ALTER DATABASE "${name}" RENAME TO "${name}_away"`).catch(async () => {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [name],
      );
      await admin.query(`ALTER DATABASE "${name}" RENAME TO "${name}_away"`);
    });
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
      `${name}_away`,
    ]);
    try {
      const result = await app.gql('{ orders(first: 1) { totalCount } }', {}, app.demoKey);
      expect(result.errors?.[0]?.message).toBe('Unexpected error.');
      expect(JSON.stringify(result.errors)).not.toMatch(/database|postgres|prisma/i);
      const ready = await fetch(`${app.url}/ready`);
      expect(ready.status).toBe(503);
      const body = await ready.text();
      expect(JSON.parse(body).checks.database).toBe('unavailable');
      expect(body).not.toMatch(/does not exist|postgres|prisma/i);
    } finally {
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
        `${name}_away`,
      ]);
      await admin.query(`ALTER DATABASE "${name}_away" RENAME TO "${name}"`);
      await admin.end();
    }
  });
});
