import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { OrderStatus } from '@posy/prisma';
import { DEMO_PASSWORD } from '@posy/prisma/seed';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { encodeGlobalId } from '../src/graphql/global-id.js';
import { operationLimits } from '../src/graphql/yoga.js';
import { startTestApp, type TestApp } from './harness.js';

const ALLOWED_ORIGIN = 'https://shop.example';

// Production, as deployed: suggestions hidden, introspection for signed-in callers only, CORS from config.
let production: TestApp;
// Development-like (NODE_ENV=test): the contrast that shows what production hides.
let development: TestApp;
beforeAll(async () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  [production, development] = await Promise.all([
    startTestApp({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      CORS_ORIGINS: `${ALLOWED_ORIGIN},https://admin.example`,
    }),
    startTestApp(),
  ]);
});
afterAll(() => Promise.all([production?.stop(), development?.stop()]));

/** The refusal of graphql-armor's cost rule, found cost left open. */
const overCost = new RegExp(
  `^Syntax Error: Query Cost limit of ${operationLimits.costLimit} exceeded, found [\\d.]+\\.$`,
);

const messages = (result: { errors?: { message: string }[] }) => result.errors?.map((e) => e.message);

/** Ask for the GraphQL-over-HTTP media type, under which a refused query is a 400 (application/json keeps 200). */
const STRICT = { accept: 'application/graphql-response+json' };

/** The one error a query refused before it runs gets: HTTP 400, no data, the message and a code. */
function expectRefused(
  result: { status: number; data?: unknown; errors?: { message: string }[] },
  message: string | RegExp,
  code = 'GRAPHQL_VALIDATION_FAILED',
) {
  expect(result.status).toBe(400);
  expect(result.data).toBeUndefined();
  expect(result.errors).toEqual([
    { message: typeof message === 'string' ? message : expect.stringMatching(message), extensions: { code } },
  ]);
}

/** `{ orders { edges { node { customer { orders … } } } } }`, a valid selection `depth` fields deep. */
function nestedOrders(depth: number) {
  const path = ['orders', 'edges', 'node', 'customer'];
  const leaf: Record<string, string> = { orders: 'totalCount', edges: 'cursor', node: 'id', customer: 'id' };
  const fields = Array.from({ length: depth - 1 }, (_, i) => path[i % 4]!);
  return `{ ${fields.reduceRight((inner, field) => `${field} { ${inner} }`, leaf[fields.at(-1)!]!)} }`;
}

/** A valid query of exactly `n` tokens: `{`, `aN: __typename` triples (aliases of __typename are free), `}`. */
function tokens(n: number) {
  const triples = Math.floor((n - 2) / 3);
  const aliased = Array.from({ length: triples }, (_, i) => `a${i}: __typename`);
  const plain = Array.from({ length: n - 2 - 3 * triples }, () => '__typename');
  return `{ ${[...aliased, ...plain].join(' ')} }`;
}

describe('operation limits (graphql-armor), refused before anything runs', () => {
  test(`depth: ${operationLimits.maxDepth} levels pass, one more is refused`, async () => {
    // Valid, and deep enough to reach the resolvers, which ask an anonymous caller to sign in.
    const atLimit = await production.gql(nestedOrders(operationLimits.maxDepth));
    expect(atLimit.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expectRefused(
      await production.gql(nestedOrders(operationLimits.maxDepth + 1), {}, STRICT),
      `Syntax Error: Query depth limit of ${operationLimits.maxDepth} exceeded, found ${operationLimits.maxDepth + 1}.`,
    );
  });

  test('fragment spreads are not levels: the same depth through a fragment passes, one level more is refused', async () => {
    // nestedOrders(depth) with everything under the first `node` moved into a fragment on Order.
    const throughFragment = (depth: number) => {
      const query = nestedOrders(depth);
      const open = query.indexOf('node { ') + 'node { '.length;
      const inner = query.slice(open, query.length - 2 - 2 * 3).trimEnd();
      return `${query.slice(0, open)}...Deep } } } } fragment Deep on Order { ${inner} }`;
    };
    const atLimit = await production.gql(throughFragment(operationLimits.maxDepth));
    expect(atLimit.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect((await production.gql(throughFragment(operationLimits.maxDepth + 1), {}, STRICT)).status).toBe(
      400,
    );
  });

  test(`aliases: ${operationLimits.maxAliases} pass, one more is refused`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    expect(await production.gql(aliases(operationLimits.maxAliases))).toMatchObject({
      status: 200,
      data: { a0: null },
    });
    expectRefused(
      await production.gql(aliases(operationLimits.maxAliases + 1), {}, STRICT),
      `Syntax Error: Aliases limit of ${operationLimits.maxAliases} exceeded, found ${operationLimits.maxAliases + 1}.`,
    );
  });

  test(`tokens: ${operationLimits.maxTokens} pass, one more is refused`, async () => {
    const atLimit = await production.gql(tokens(operationLimits.maxTokens));
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data).toMatchObject({ a0: 'Query' });
    expectRefused(
      await production.gql(tokens(operationLimits.maxTokens + 1), {}, STRICT),
      `Syntax Error: Token limit of ${operationLimits.maxTokens} exceeded.`,
      'GRAPHQL_PARSE_FAILED',
    );
  });

  test(`directives: ${operationLimits.maxDirectives} pass, one more is refused`, async () => {
    const directives = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename @include(if: true)`).join(' ')} }`;
    const atLimit = await production.gql(directives(operationLimits.maxDirectives));
    expect(atLimit.errors).toBeUndefined();
    expectRefused(
      await production.gql(directives(operationLimits.maxDirectives + 1), {}, STRICT),
      `Syntax Error: Directives limit of ${operationLimits.maxDirectives} exceeded, found ${operationLimits.maxDirectives + 1}.`,
    );
  });

  const PAGES_OF_PAGES = (first: string) =>
    `customers(first: ${first}) { edges { node { orders(first: ${first}) { edges { node { id } } } } } }`;

  test('cost: pages of pages are refused, with the page size written in, passed as a variable or defaulted', async () => {
    expectRefused(await production.gql(`{ ${PAGES_OF_PAGES('100')} }`, {}, STRICT), overCost);
    expectRefused(
      await production.gql(`query ($n: Int) { ${PAGES_OF_PAGES('$n')} }`, { n: 100 }, STRICT),
      overCost,
    );
    expectRefused(
      await production.gql(`query ($n: Int = 100) { ${PAGES_OF_PAGES('$n')} }`, {}, STRICT),
      overCost,
    );
  });

  test('cost: the same query with small pages runs, page size as a variable or not', async () => {
    for (const [query, variables] of [
      [`{ ${PAGES_OF_PAGES('5')} }`, {}],
      [`query ($n: Int) { ${PAGES_OF_PAGES('$n')} }`, { n: 5 }],
    ] as const) {
      const result = await production.gql(query, variables, production.demoKey);
      expect(result.errors).toBeUndefined();
      expect(result.data?.customers.edges).toHaveLength(5);
    }
  });

  test(`batching: ${operationLimits.batchLimit} operations per request pass, one more is refused`, async () => {
    const batch = (n: number) =>
      fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' }))),
      });
    const atLimit = await batch(operationLimits.batchLimit);
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toEqual(
      Array.from({ length: operationLimits.batchLimit }, () => ({ data: { __typename: 'Query' } })),
    );
    const tooMany = await batch(operationLimits.batchLimit + 1);
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toEqual({
      errors: [
        {
          message: `Batching is limited to ${operationLimits.batchLimit} operations per request.`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });
});

describe('list arguments', () => {
  const NODES = 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }';
  const orderIds = (n: number) => Array.from({ length: n }, () => encodeGlobalId('Order', randomUUID()));
  const tooLong = (argument: string, field: string, maxItems: number, given: number) => ({
    data: undefined,
    errors: [
      {
        message: `${argument} of ${field} takes at most ${maxItems} items; ${given} were given`,
        extensions: { code: 'BAD_USER_INPUT', field: argument, maxItems },
      },
    ],
  });

  test(`nodes(ids:) takes ${operationLimits.maxListItems} ids; more, written in or as a variable, are refused before anything runs`, async () => {
    const atLimit = await development.gql(
      NODES,
      { ids: orderIds(operationLimits.maxListItems) },
      development.demoKey,
    );
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data?.nodes).toEqual(Array(operationLimits.maxListItems).fill(null));

    for (const given of [operationLimits.maxListItems + 1, 5000]) {
      const refused = await development.gql(NODES, { ids: orderIds(given) }, development.demoKey);
      expect({ data: refused.data, errors: refused.errors }).toEqual(
        tooLong('ids', 'nodes', operationLimits.maxListItems, given),
      );
    }
    const written = `{ nodes(ids: [${orderIds(101)
      .map((id) => `"${id}"`)
      .join(',')}]) { id } }`;
    const refused = await development.gql(written, {}, development.demoKey);
    expect({ data: refused.data, errors: refused.errors }).toEqual(
      tooLong('ids', 'nodes', operationLimits.maxListItems, 101),
    );
  });

  test('a list inside an input object is capped too, by its own maximum where it sets one', async () => {
    const statuses = Object.keys(OrderStatus);
    const ORDERS = 'query ($filter: OrdersFilter) { orders(first: 1, filter: $filter) { totalCount } }';
    const allStatuses = await development.gql(ORDERS, { filter: { status: statuses } }, development.demoKey);
    expect(allStatuses.errors).toBeUndefined();
    const refused = await development.gql(
      ORDERS,
      { filter: { status: [...statuses, statuses[0]] } },
      development.demoKey,
    );
    expect({ data: refused.data, errors: refused.errors }).toEqual(
      tooLong('filter.status', 'orders', statuses.length, statuses.length + 1),
    );
  });

  test('a mutation given an over-long list is refused and changes nothing', async () => {
    const admin = await development.signIn('admin@posy.demo');
    const keysBefore = await development.prisma.apiKey.count();
    const refused = await development.gql(
      'mutation ($scopes: [ApiScope!]!) { createApiKey(name: "Too many", scopes: $scopes) { key } }',
      { scopes: Array(operationLimits.maxListItems + 1).fill('ORDERS_READ') },
      admin,
    );
    expect({ data: refused.data, errors: refused.errors }).toEqual(
      tooLong('scopes', 'createApiKey', operationLimits.maxListItems, operationLimits.maxListItems + 1),
    );
    expect(await development.prisma.apiKey.count()).toBe(keysBefore);
  });

  test('cost: the ids of nodes(ids:) count like a page size', async () => {
    const heavy =
      'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Customer { orders(first: 50) { edges { node { id number } } } } } }';
    const customerIds = (n: number) =>
      Array.from({ length: n }, () => encodeGlobalId('Customer', randomUUID()));
    expectRefused(await production.gql(heavy, { ids: customerIds(100) }, STRICT), overCost);
    const few = await production.gql(heavy, { ids: customerIds(5) }, production.demoKey);
    expect(few.errors).toBeUndefined();
    expect(few.data?.nodes).toEqual(Array(5).fill(null));
  });
});

describe('checks remembered per document and variables (operation-check.ts)', () => {
  // The same document text, so Yoga's parser cache hands the checks the same document each time: a pass
  // remembered for one variables set must not let another through.
  const ORDERS =
    'query Remembered($filter: OrdersFilter, $n: Int) { orders(first: $n, filter: $filter) { totalCount } }';
  const statuses = Object.keys(OrderStatus);

  test('a document that passed is checked again with other variables: list, NUL and cost alike', async () => {
    const ok = { filter: { status: statuses, search: 'rose' }, n: 5 };
    for (let i = 0; i < 3; i++)
      expect((await development.gql(ORDERS, ok, development.demoKey)).errors).toBeUndefined();

    const longList = await development.gql(
      ORDERS,
      { ...ok, filter: { ...ok.filter, status: [...statuses, statuses[0]] } },
      development.demoKey,
    );
    expect(longList.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.status',
    });

    const nul = await development.gql(
      ORDERS,
      { ...ok, filter: { search: 'ro\u0000se' } },
      development.demoKey,
    );
    expect(nul.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });

    // The same document passed above with a small page; a huge one is over the cost.
    const heavy =
      'query Heavy($n: Int) { customers(first: $n) { edges { node { orders(first: $n) { edges { node { id } } } } } } }';
    expect((await production.gql(heavy, { n: 2 }, production.demoKey)).errors).toBeUndefined();
    expect((await production.gql(heavy, { n: 2 }, production.demoKey)).errors).toBeUndefined();
    expectRefused(await production.gql(heavy, { n: 100 }, STRICT), overCost);

    // And the remembered pass still answers the first variables as before.
    expect((await development.gql(ORDERS, ok, development.demoKey)).errors).toBeUndefined();
  });
});

describe('request size', () => {
  const oversized = { pad: 'x'.repeat(operationLimits.maxRequestBytes) };

  test('an HTTP body over the limit is refused with 413', async () => {
    const result = await production.gql('query ($pad: String) { __typename }', oversized);
    expect(result.status).toBe(413);
    expect(result.errors).toEqual([
      { message: 'Request body too large', extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } },
    ]);
  });

  /** POSTs `bytes` in 64 KB chunks without a Content-Length (Transfer-Encoding: chunked). */
  const postChunked = (bytes: Uint8Array) => {
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.byteLength) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
        offset += 64 * 1024;
      },
    });
    return fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      // @ts-expect-error Node's RequestInit lacks `duplex`, which a streamed body needs
      duplex: 'half',
    });
  };

  test('a declared Content-Length over the limit is refused with 413 before the body is read', async () => {
    const body = JSON.stringify({ query: 'query ($pad: String) { __typename }', variables: oversized });
    const response = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body,
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
  });

  test('a chunked body (no Content-Length) is counted as it is read: within the limit it runs, over it 413', async () => {
    // The padding in `extensions`, which nothing reads, so the body is the whole size and the query valid.
    const within = JSON.stringify({
      query: '{ __typename }',
      extensions: { pad: 'x'.repeat(operationLimits.maxRequestBytes - 200) },
    });
    expect(Buffer.byteLength(within)).toBeLessThanOrEqual(operationLimits.maxRequestBytes);
    const ok = await postChunked(new TextEncoder().encode(within));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });

    const over = new TextEncoder().encode(
      JSON.stringify({ query: 'query ($pad: String) { __typename }', variables: oversized }),
    );
    const refused = await postChunked(over);
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({
      errors: [{ message: 'Request body too large', extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }],
    });
  });

  test('a WebSocket message over the limit closes the socket with 1009 (message too big)', async () => {
    const client = wsClient(production);
    try {
      const sent = new Promise((resolve, reject) =>
        client.subscribe(
          { query: 'query ($pad: String) { __typename }', variables: oversized },
          { next: resolve, error: reject, complete: () => {} },
        ),
      );
      await expect(sent).rejects.toMatchObject({ code: 1009 });
    } finally {
      await client.dispose();
    }
  });
});

describe('no schema hints for strangers in production', () => {
  const typo = '{ me { nme } }';
  const enumTypo = '{ orders(filter: { status: [NEWW] }) { totalCount } }';
  const inputTypo = [
    'query ($filter: OrdersFilter) { orders(filter: $filter) { totalCount } }',
    { filter: { statuss: [] } },
  ] as const;

  test('development suggests field, enum value and input field names', async () => {
    expect(messages(await development.gql(typo))).toEqual([
      'Cannot query field "nme" on type "User". Did you mean "name"?',
    ]);
    expect(messages(await development.gql(enumTypo))).toEqual([
      'Value "NEWW" does not exist in "OrderStatus" enum. Did you mean the enum value "NEW"?',
    ]);
    expect(messages(await development.gql(...inputTypo))).toEqual([
      'Variable "$filter" got invalid value { statuss: [] }; Field "statuss" is not defined by type "OrdersFilter". Did you mean "status"?',
    ]);
  });

  test('production names no field, enum value or input field the caller did not write', async () => {
    expect(messages(await production.gql(typo))).toEqual([
      'Cannot query field "nme" on type "User". [Suggestion hidden]',
    ]);
    expect(messages(await production.gql(enumTypo))).toEqual([
      'Value "NEWW" does not exist in "OrderStatus" enum. [Suggestion hidden]',
    ]);
    expect(messages(await production.gql(...inputTypo))).toEqual([
      'Variable "$filter" got invalid value { statuss: [] }; Field "statuss" is not defined by type "OrdersFilter". [Suggestion hidden]',
    ]);
  });
});

describe('introspection in production', () => {
  const INTROSPECT = '{ __schema { queryType { name } } }';
  const refusal =
    'GraphQL introspection has been disabled, but the requested query contained the field "__schema".';

  test('is refused to anonymous callers, over HTTP and WebSocket', async () => {
    const overHttp = await production.gql(INTROSPECT, {}, STRICT);
    expect(overHttp.status).toBe(400);
    expect(overHttp.data).toBeUndefined();
    expect(messages(overHttp)?.[0]).toBe(refusal);
    expect(overHttp.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(messages(await production.gql('{ __type(name: "Order") { name } }'))?.[0]).toBe(
      'GraphQL introspection has been disabled, but the requested query contained the field "__type".',
    );

    const client = wsClient(production);
    try {
      await expect(first(client, INTROSPECT)).rejects.toContainEqual(
        expect.objectContaining({ message: refusal }),
      );
    } finally {
      await client.dispose();
    }
  });

  test('is allowed to a signed-in user and to an API key, over HTTP and WebSocket', async () => {
    const login = await production.gql<{ loginWithPassword: { accessToken: string } }>(
      'mutation ($email: String!, $password: String!) { loginWithPassword(email: $email, password: $password) { accessToken } }',
      { email: 'admin@posy.demo', password: DEMO_PASSWORD },
    );
    const token = login.data!.loginWithPassword.accessToken;
    const expected = { data: { __schema: { queryType: { name: 'Query' } } } };
    expect(await production.gql(INTROSPECT, {}, { authorization: `Bearer ${token}` })).toMatchObject(
      expected,
    );
    expect(await production.gql(INTROSPECT, {}, production.demoKey)).toMatchObject(expected);

    const client = wsClient(production, { authorization: `Bearer ${token}` });
    try {
      expect(await first(client, INTROSPECT)).toEqual(expected);
    } finally {
      await client.dispose();
    }
  });

  test('a made-up credential does not unlock it', async () => {
    const result = await production.gql(INTROSPECT, {}, { authorization: 'Bearer made.up.token' });
    expect(result.data).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain('queryType');
  });
});

describe('over WebSocket the limits hold and the socket survives', () => {
  test('a refused operation gets an error message; the connection stays usable', async () => {
    const client = wsClient(production);
    try {
      await expect(first(client, nestedOrders(operationLimits.maxDepth + 1))).rejects.toEqual([
        expect.objectContaining({ message: expect.stringMatching(/^Syntax Error: Query depth limit of 10/) }),
      ]);
      await expect(first(client, tokens(operationLimits.maxTokens + 1))).rejects.toEqual([
        expect.objectContaining({
          message: `Syntax Error: Token limit of ${operationLimits.maxTokens} exceeded.`,
        }),
      ]);
      const costly = await first(
        client,
        'query ($n: Int = 100) { customers(first: $n) { edges { node { orders(first: $n) { edges { node { id } } } } } } }',
      );
      expect(costly).toEqual({
        errors: [
          {
            message: expect.stringMatching(/^Syntax Error: Query Cost limit of/),
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          },
        ],
      });
      expect(await first(client, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await client.dispose();
    }
  });
});

describe('CSRF prevention', () => {
  const url = () => `${production.url}/graphql?query=${encodeURIComponent('{ __typename }')}`;

  test('a simple GET, or a text/plain or form POST, without a preflight-forcing header is refused', async () => {
    const get = await fetch(url());
    expect(get.status).toBe(403);
    expect(await get.json()).toEqual({ errors: [{ message: 'Required CSRF header(s) not present' }] });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      const post = await fetch(`${production.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(post.status).toBe(403);
    }
  });

  test('with a header a browser must preflight, the same requests are served', async () => {
    const get = await fetch(url(), { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
    const json = await production.gql('{ __typename }');
    expect(json.status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${production.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });

  test('an allowed origin is echoed, on the preflight and on the response', async () => {
    const options = await preflight(ALLOWED_ORIGIN);
    expect(options.status).toBe(204);
    expect(options.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(options.headers.get('access-control-allow-headers')).toBe('content-type,authorization');
    const response = await production.gql('{ __typename }', {}, { origin: ALLOWED_ORIGIN });
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(response.headers.get('vary')).toMatch(/Origin/);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/retry-after/i);
  });

  test('any other origin, "null" included, gets no CORS headers at all', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const options = await preflight(origin);
      expect(options.headers.get('access-control-allow-origin')).toBeNull();
      expect(options.headers.get('access-control-allow-headers')).toBeNull();
      const response = await production.gql('{ __typename }', {}, { origin });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  test('with no CORS_ORIGINS, no origin is allowed', async () => {
    const response = await development.gql('{ __typename }', {}, { origin: ALLOWED_ORIGIN });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

function wsClient(target: TestApp, connectionParams: Record<string, string> = {}) {
  return createClient({
    url: `${target.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
  });
}

/** The first result of an operation; an `error` message (or a closed socket) rejects with its payload. */
function first(client: Client, query: string) {
  return new Promise<unknown>((resolve, reject) => {
    let result: unknown;
    const stop = client.subscribe(
      { query },
      {
        next: (value) => {
          result = value;
          stop();
          resolve(value);
        },
        error: reject,
        complete: () => resolve(result),
      },
    );
  });
}
