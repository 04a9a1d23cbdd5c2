import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { lazyExchange } from './lazy-exchange';

// Not one of the app's documents (no such field in the schema): parsed, not checked against it.
const Query = parse('query Hello { hello }');

function client(load: () => Promise<typeof cacheExchange>, requests: string[]) {
  return new Client({
    url: 'http://posy.test/graphql',
    exchanges: [lazyExchange(load), fetchExchange],
    fetch: async (_url, init) => {
      requests.push(String(init?.body));
      return new Response(JSON.stringify({ data: { hello: 'world' } }), {
        headers: { 'content-type': 'application/json' },
      });
    },
  });
}

describe('lazyExchange', () => {
  it('holds operations until the exchange has loaded, then passes them through it', async () => {
    let loaded!: (exchange: typeof cacheExchange) => void;
    const requests: string[] = [];
    const c = client(() => new Promise((resolve) => (loaded = resolve)), requests);
    const first = c.query(Query, {}).toPromise();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(requests).toHaveLength(0);
    loaded(cacheExchange);
    expect((await first).data).toEqual({ hello: 'world' });
    // The loaded document cache answers the second time: the operation went through it.
    expect((await c.query(Query, {}).toPromise()).data).toEqual({ hello: 'world' });
    expect(requests).toHaveLength(1);
  });
});
