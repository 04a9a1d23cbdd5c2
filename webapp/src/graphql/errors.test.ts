import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { concernsField, describeApiError, hasErrorCode, requestIdOf } from './errors';

function graphQLFailure(message: string, extensions: Record<string, unknown>): CombinedError {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
}

describe('describeApiError', () => {
  it('keeps the codes the server sends', () => {
    expect(describeApiError(graphQLFailure('Order changed', { code: 'CONFLICT' }))).toEqual({
      code: 'CONFLICT',
      detail: 'Order changed',
    });
    expect(hasErrorCode(graphQLFailure('Who?', { code: 'UNAUTHENTICATED' }), 'UNAUTHENTICATED')).toBe(true);
  });

  it('reads how long a rate limit asks to wait', () => {
    expect(
      describeApiError(graphQLFailure('Slow down', { code: 'RATE_LIMITED', retryAfterSeconds: 29.2 })),
    ).toEqual({
      code: 'RATE_LIMITED',
      detail: 'Slow down',
      retryAfterSeconds: 30,
    });
  });

  it('keeps no reason beside the code: expected refusals are typed results, not errors', () => {
    expect(
      describeApiError(graphQLFailure('No admin left', { code: 'CONFLICT', reason: 'LAST_ADMIN' })),
    ).toEqual({ code: 'CONFLICT', detail: 'No admin left' });
  });

  it('calls a missing response a network problem', () => {
    const error = new CombinedError({ networkError: new TypeError('Failed to fetch') });
    expect(describeApiError(error)).toEqual({ code: 'NETWORK', detail: 'Failed to fetch' });
  });

  it('calls masked and unknown errors unknown', () => {
    expect(describeApiError(graphQLFailure('Unexpected error.', {})).code).toBe('UNKNOWN');
    expect(describeApiError(graphQLFailure('Teapot', { code: 'I_AM_A_TEAPOT' })).code).toBe('UNKNOWN');
  });

  it('keeps the request id of a masked error, to show it', () => {
    const masked = graphQLFailure('Unexpected error.', {
      code: 'INTERNAL_SERVER_ERROR',
      requestId: 'trace-42',
    });
    expect(describeApiError(masked)).toEqual({
      code: 'UNKNOWN',
      detail: 'Unexpected error.',
      requestId: 'trace-42',
    });
    expect(requestIdOf(masked)).toBe('trace-42');
    expect(requestIdOf(new Error('startup failed'))).toBeUndefined();
    expect(requestIdOf(graphQLFailure('Who?', { code: 'UNAUTHENTICATED' }))).toBeUndefined();
  });
});

describe('concernsField', () => {
  const badInput = new CombinedError({
    graphQLErrors: [
      {
        message: 'Invalid input',
        extensions: {
          code: 'BAD_USER_INPUT',
          field: 'input.email',
          issues: [
            { path: ['input', 'email'], message: 'Not an email' },
            { path: ['input', 'name'], message: 'Too long' },
          ],
        },
      },
    ],
  });

  it('gives the issue of the field it concerns, matched by the end of its path', () => {
    expect(concernsField(badInput, 'email')).toBe('Not an email');
    expect(concernsField(badInput, 'input.name')).toBe('Too long');
    expect(concernsField(badInput, 'phone')).toBeUndefined();
  });

  it('reads extensions.field alone when no issues are listed, and nothing from other codes', () => {
    const single = new CombinedError({
      graphQLErrors: [
        { message: 'Bad search', extensions: { code: 'BAD_USER_INPUT', field: 'filter.search' } },
      ],
    });
    expect(concernsField(single, 'search')).toBe('Bad search');
    const forbidden = new CombinedError({
      graphQLErrors: [{ message: 'No', extensions: { code: 'FORBIDDEN', field: 'email' } }],
    });
    expect(concernsField(forbidden, 'email')).toBeUndefined();
    expect(concernsField(undefined, 'email')).toBeUndefined();
  });

  it('matches a field and its parts, never a neighbour', () => {
    const at = (field: string) =>
      new CombinedError({
        graphQLErrors: [new GraphQLError('Only 3 left', { extensions: { code: 'BAD_USER_INPUT', field } })],
      });
    expect(concernsField(at('lines.0.expiresAt'), 'lines.0.expiresAt')).toBe('Only 3 left');
    expect(concernsField(at('lines.0.expiresAt'), 'lines')).toBe('Only 3 left');
    expect(concernsField(at('lines'), 'lines.0.quantity')).toBe('Only 3 left');
    expect(concernsField(at('lines.1.expiresAt'), 'lines.0.expiresAt')).toBeUndefined();
    expect(concernsField(at('quantityMax'), 'quantity')).toBeUndefined();
  });
});
