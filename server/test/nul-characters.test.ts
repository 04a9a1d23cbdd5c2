import { DEMO_API_KEY, DEMO_PASSWORD } from '@posy/prisma/seed';
import type { FormattedExecutionResult } from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './harness.js';

/**
 * PostgreSQL text cannot hold U+0000: every string input carrying one is refused as BAD_USER_INPUT
 * naming the argument (server/src/graphql/nul-characters.plugin.ts), never an internal error.
 */

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const NUL = '\u0000';

function expectRefused(
  result: { data?: unknown; errors?: readonly { extensions?: Record<string, unknown> }[] },
  field: string,
) {
  expect(result.data ?? null).toBeNull();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
}

describe('a NUL character in any string input is BAD_USER_INPUT naming the argument', () => {
  test('orders(filter: {search}) in a variable', async () => {
    const result = await app.gql(
      'query ($f: OrdersFilter) { orders(first: 5, filter: $f) { totalCount } }',
      { f: { search: `rose${NUL}` } },
      app.demoKey,
    );
    expectRefused(result, 'filter.search');
  });

  test('customers(search) written into the query', async () => {
    const result = await app.gql(
      '{ customers(first: 5, search: "a\\u0000b") { totalCount } }',
      {},
      app.demoKey,
    );
    expectRefused(result, 'search');
  });

  test('a literal inside a fragment', async () => {
    const result = await app.gql(
      '{ ...Search } fragment Search on Query { customers(first: 5, search: "\\u0000") { totalCount } }',
      {},
      app.demoKey,
    );
    expectRefused(result, 'search');
  });

  test('an ID argument', async () => {
    const result = await app.gql(
      'query ($id: ID!) { order(id: $id) { id } }',
      { id: `T3JkZXI6${NUL}` },
      app.demoKey,
    );
    expectRefused(result, 'id');
  });

  test('a variable default value', async () => {
    const result = await app.gql(
      'query ($s: String = "x\\u0000") { customers(first: 5, search: $s) { totalCount } }',
      {},
      app.demoKey,
    );
    expectRefused(result, 's');
  });

  test('device of a sign-in, which then signs nobody in', async () => {
    const sessions = await app.prisma.session.count();
    const result = await app.gql(
      'mutation ($device: String) { loginWithPassword(email: "admin@posy.demo", password: $password, device: $device) { accessToken } }'.replace(
        '$password',
        JSON.stringify(DEMO_PASSWORD),
      ),
      { device: `phone${NUL}` },
    );
    expectRefused(result, 'device');
    expect(await app.prisma.session.count()).toBe(sessions);
  });

  test('over WebSocket too', async () => {
    const client = createClient({
      url: `${app.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { apiKey: DEMO_API_KEY },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      const result = await new Promise<FormattedExecutionResult | unknown>((resolve) => {
        client.subscribe(
          {
            query: 'query ($s: String) { customers(first: 5, search: $s) { totalCount } }',
            variables: { s: NUL },
          },
          { next: resolve, error: resolve, complete: () => {} },
        );
      });
      expectRefused(result as FormattedExecutionResult, 'search');
    } finally {
      await client.dispose();
    }
  });
});
