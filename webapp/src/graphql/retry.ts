import type { CombinedError, Operation } from '@urql/core';
import { retryExchange } from '@urql/exchange-retry';

/** Whether the operation's variables carry an `idempotencyKey` (at any depth, e.g. in an input object). */
export function carriesIdempotencyKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(carriesIdempotencyKey);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, inner]) =>
      (key === 'idempotencyKey' && typeof inner === 'string' && inner !== '') || carriesIdempotencyKey(inner),
  );
}

/**
 * Transient network failures (no answer at all) are tried again, with growing, jittered pauses.
 * Queries always; a mutation only when it carries an idempotency key, since the server may have done
 * it before the answer was lost and only the key lets it recognise the repeat. GraphQL errors (a
 * refusal, a masked server error) are answers, never retried here.
 */
export function shouldRetry(error: CombinedError, operation: Operation): boolean {
  if (!error.networkError || error.graphQLErrors.length > 0) return false;
  // Known offline: no point waiting, the cache answers at once (normalized-cache.ts).
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return false;
  if (operation.kind === 'query') return true;
  return operation.kind === 'mutation' && carriesIdempotencyKey(operation.variables);
}

export const transientRetryExchange = retryExchange({
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  randomDelay: true,
  maxNumberAttempts: 3,
  retryIf: shouldRetry,
});
