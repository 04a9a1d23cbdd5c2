import { CombinedError, makeOperation, type Operation } from '@urql/core';
import { describe, expect, it } from 'vitest';
import { carriesIdempotencyKey, shouldRetry } from './retry';

const lost = new CombinedError({ networkError: new Error('Failed to fetch') });
const refused = new CombinedError({ graphQLErrors: [{ message: 'No', extensions: { code: 'FORBIDDEN' } }] });

function operation(kind: Operation['kind'], variables: Record<string, unknown> = {}): Operation {
  const request = { key: 1, query: { kind: 'Document', definitions: [] }, variables };
  return makeOperation(kind, request as unknown as Operation, {
    url: '/graphql',
    requestPolicy: 'network-only',
  });
}

describe('retries of transient failures', () => {
  it('retry a query that got no answer, never a GraphQL error', () => {
    expect(shouldRetry(lost, operation('query'))).toBe(true);
    expect(shouldRetry(refused, operation('query'))).toBe(false);
  });

  it('retry a mutation only when it carries an idempotency key', () => {
    expect(shouldRetry(lost, operation('mutation', { id: '1' }))).toBe(false);
    expect(shouldRetry(lost, operation('mutation', { input: { idempotencyKey: 'k-1', items: [] } }))).toBe(
      true,
    );
    expect(carriesIdempotencyKey({ input: { idempotencyKey: '' } })).toBe(false);
    expect(carriesIdempotencyKey([{ nested: { idempotencyKey: 'k' } }])).toBe(true);
  });
});
