import { createClient, type FormattedExecutionResult } from 'graphql-ws';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './harness.js';

/**
 * A masked error ("Unexpected error.") carries extensions.requestId: the id of the X-Request-Id
 * response header and of the logged error, so a person can quote it. The faults are real: a table
 * of this test's own database is renamed away under the running server.
 */

let app: TestApp;
let database: pg.Client;
const logged: { msg: string; requestId?: string; level: number }[] = [];
beforeAll(async () => {
  const log = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  // No credential cache: a test takes the ApiKey table away and expects the key's lookup to meet it.
  app = await startTestApp({ AUTH_CACHE_SECONDS: '0' }, { log });
  database = new pg.Client({ connectionString: app.config.databaseUrl });
  await database.connect();
});
afterAll(async () => {
  await database?.end();
  await app?.stop();
});

/** Runs `body` while `table` is gone, so whatever reads it fails unexpectedly. */
async function withoutTable<T>(table: string, body: () => Promise<T>): Promise<T> {
  await database.query(`ALTER TABLE "${table}" RENAME TO "${table}_away"`);
  try {
    return await body();
  } finally {
    await database.query(`ALTER TABLE "${table}_away" RENAME TO "${table}"`);
  }
}

const PRODUCTS = '{ products(first: 1) { totalCount } }';
const loggedIds = (msg: string) => logged.filter((line) => line.msg === msg).map((line) => line.requestId);

describe('a masked error carries the request id of the response header and the log', () => {
  test("over HTTP, failing in a resolver, with the caller's x-request-id", async () => {
    const result = await withoutTable('Product', () =>
      app.gql(PRODUCTS, {}, { ...app.demoKey, 'x-request-id': 'trace-resolver-1' }),
    );
    expect(result.headers.get('x-request-id')).toBe('trace-resolver-1');
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toBe('Unexpected error.');
    expect(result.errors![0]!.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      requestId: 'trace-resolver-1',
    });
    expect(loggedIds('unexpected error in operation')).toContain('trace-resolver-1');
  });

  test('over HTTP, failing while the context is built, with a generated id', async () => {
    const result = await withoutTable('ApiKey', () => app.gql(PRODUCTS, {}, app.demoKey));
    const requestId = result.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    expect(loggedIds('context creation failed')).toContain(requestId);
  });

  test('over WebSocket, with the id of the connection (its upgrade request)', async () => {
    const client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers: { 'x-request-id': 'trace-socket-1' } });
        }
      },
      connectionParams: { apiKey: app.demoKey['x-api-key'] },
      retryAttempts: 0,
    });
    try {
      // Connected (and signed in) before the fault, so the failure is the operation's.
      const signedIn = await run(client, '{ __typename }');
      expect(signedIn.errors).toBeUndefined();
      const result = await withoutTable('Product', () => run(client, PRODUCTS));
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.message).toBe('Unexpected error.');
      expect(result.errors![0]!.extensions).toMatchObject({
        code: 'INTERNAL_SERVER_ERROR',
        requestId: 'trace-socket-1',
      });
      expect(loggedIds('unexpected error in operation')).toContain('trace-socket-1');
    } finally {
      await client.dispose();
    }
  });

  test('typed errors are left as they are', async () => {
    const result = await app.gql('{ orders(first: 1) { totalCount } }');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });
});

function run(client: ReturnType<typeof createClient>, query: string) {
  return new Promise<FormattedExecutionResult<Record<string, unknown>, unknown>>((resolve, reject) => {
    let last: FormattedExecutionResult<Record<string, unknown>, unknown> | undefined;
    client.subscribe(
      { query },
      { next: (value) => (last = value), error: reject, complete: () => resolve(last!) },
    );
  });
}
