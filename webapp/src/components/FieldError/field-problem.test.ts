import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { concernsField, problemField } from './field-problem';

const badInput = (field?: string) =>
  new CombinedError({
    graphQLErrors: [
      new GraphQLError('Only 3 left', {
        extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
      }),
    ],
  });

describe('problemField', () => {
  it('names the field of a bad input and nothing for other errors', () => {
    expect(problemField(badInput('quantity'))).toBe('quantity');
    expect(problemField(badInput())).toBeUndefined();
    const forbidden = new CombinedError({
      graphQLErrors: [new GraphQLError('no', { extensions: { code: 'FORBIDDEN', field: 'quantity' } })],
    });
    expect(problemField(forbidden)).toBeUndefined();
    expect(problemField(undefined)).toBeUndefined();
  });

  it('matches a field and its parts, never a neighbour', () => {
    expect(concernsField(badInput('lines.0.expiresAt'), 'lines.0.expiresAt')).toBe(true);
    expect(concernsField(badInput('lines.0.expiresAt'), 'lines')).toBe(true);
    expect(concernsField(badInput('lines'), 'lines.0.quantity')).toBe(true);
    expect(concernsField(badInput('lines.1.expiresAt'), 'lines.0.expiresAt')).toBe(false);
    expect(concernsField(badInput('quantityMax'), 'quantity')).toBe(false);
  });
});
