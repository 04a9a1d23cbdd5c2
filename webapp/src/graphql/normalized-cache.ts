import schema from 'virtual:posy-schema';
import { composeExchanges, type Exchange } from '@urql/core';
import { type Cache, offlineExchange } from '@urql/exchange-graphcache';
import { type DefaultStorage, makeDefaultStorage } from '@urql/exchange-graphcache/default-storage';
import { cacheRules } from './cache-rules';
import { transientRetryExchange } from './retry';

const rules = cacheRules(schema);

import { cacheDatabasePrefix } from './cache-database';

/** The IndexedDB database holding one user's cache in one shop. */
export const cacheDatabaseName = (scope: string) => `${cacheDatabasePrefix}${scope}`;

/** How long what was loaded stays readable offline. */
const keptDays = 7;

/**
 * The normalized cache (urql's graphcache) of one user in one shop, persisted in IndexedDB: after a
 * restart without a connection, the last board, order pages and queue still open, from the cache (the
 * LinkStatus banner says they are not live). Loaded on its own chunk once someone is signed in (see
 * client.ts), so the sign-in screen does not download it. Mutations are never queued for later: none
 * has an optimistic update, so one sent offline fails and says so.
 */
export function createNormalizedCache(scope: string): { exchange: Exchange; storage: DefaultStorage } {
  const storage = makeDefaultStorage({ idbName: cacheDatabaseName(scope), maxAge: keptDays });
  const exchange = offlineExchange({
    schema,
    storage,
    keys: rules.keys,
    updates: {
      Mutation: Object.fromEntries(
        Object.entries(rules.mutationUpdates).map(([field, update]) => [
          field,
          (result: Record<string, unknown>, args: unknown, cache: Cache) => update(result, args, cache),
        ]),
      ),
    },
  });
  return { exchange, storage };
}

/**
 * What a signed-in client puts before the auth exchange: the normalized cache, then the retries of
 * transient failures (a retried operation passes the auth exchange again, with a fresh token).
 */
export function signedInExchange(scope: string): Exchange {
  return composeExchanges([createNormalizedCache(scope).exchange, transientRetryExchange]);
}
