import { LRUCache } from 'lru-cache';
import type { PubSub } from '../pubsub.js';
import type { Viewer } from './viewer.js';

type UserViewer = Extract<Viewer, { kind: 'user' }>;
type ApiKeyViewer = Extract<Viewer, { kind: 'apiKey' }>;

/** A live session as authenticate() read it, with the memberships of its user. */
export interface CachedSession extends Omit<UserViewer, 'kind'> {
  expiresAt: Date;
}

/** A live API key as authenticate() read it. */
export interface CachedApiKey extends Omit<ApiKeyViewer, 'kind'> {
  expiresAt: Date | null;
}

/**
 * Sessions (with their user's memberships) and API keys looked up in the last `ttlSeconds`, so a busy client
 * does not pay a database round trip per request (issue 14). Revocation stays immediate: every process
 * listens to `credentials:changed` (Redis across replicas) and drops what the change touches. A lookup that
 * was under way when a change arrived is not stored, so a read from before the change cannot outlive it.
 */
export interface CredentialCache {
  /** Runs `read` unless the session is cached; stores a non-null answer. */
  session(sessionId: string, read: () => Promise<CachedSession | null>): Promise<CachedSession | null>;
  /** `key` is a hash of the presented key, never the key itself. */
  apiKey(key: string, read: () => Promise<CachedApiKey | null>): Promise<CachedApiKey | null>;
  close(): void;
}

/** What a `credentials:changed` event names: `session:<id>`, `user:<id>` or `apiKey:<id>`. */
export type CredentialPrincipal = `session:${string}` | `user:${string}` | `apiKey:${string}`;

const MAX_ENTRIES = 10_000;

/**
 * @param ttlSeconds AUTH_CACHE_SECONDS; 0 turns caching off (every request reads the database).
 */
export function createCredentialCache(pubsub: PubSub, ttlSeconds: number): CredentialCache {
  if (ttlSeconds <= 0) {
    return { session: (_id, read) => read(), apiKey: (_key, read) => read(), close: () => {} };
  }
  const ttl = ttlSeconds * 1000;
  const sessions = new LRUCache<string, CachedSession>({ max: MAX_ENTRIES, ttl });
  const apiKeys = new LRUCache<string, CachedApiKey>({ max: MAX_ENTRIES, ttl });
  // Bumped by every change: a lookup that saw another value at its start does not store its answer.
  let generation = 0;

  const forget = (principal: string) => {
    generation += 1;
    const [kind, id] = [
      principal.slice(0, principal.indexOf(':')),
      principal.slice(principal.indexOf(':') + 1),
    ];
    if (kind === 'session') sessions.delete(id);
    else if (kind === 'user') {
      // Changes are rare and the cache small: a scan beats keeping a second index in step.
      for (const [sessionId, session] of sessions.entries())
        if (session.userId === id) sessions.delete(sessionId);
    } else if (kind === 'apiKey') {
      for (const [hash, key] of apiKeys.entries()) if (key.apiKeyId === id) apiKeys.delete(hash);
    }
  };

  const events = pubsub.subscribe('credentials:changed');
  void (async () => {
    for await (const { principal } of events) forget(principal);
  })();

  async function cached<T extends { expiresAt: Date | null }>(
    cache: LRUCache<string, T>,
    key: string,
    read: () => Promise<T | null>,
  ): Promise<T | null> {
    const hit = cache.get(key);
    if (hit && (!hit.expiresAt || hit.expiresAt > new Date())) return hit;
    const seen = generation;
    const value = await read();
    if (value && seen === generation) cache.set(key, value);
    return value;
  }

  return {
    session: (sessionId, read) => cached(sessions, sessionId, read),
    apiKey: (key, read) => cached(apiKeys, key, read),
    close: () => {
      void events.return?.();
      sessions.clear();
      apiKeys.clear();
    },
  };
}
