import { describe, expect, it } from 'vitest';
import { subscriptionsPageSize, subscriptionsVariables } from './subscriptions-variables';

describe('the subscriptions list’s pages', () => {
  it('asks for every subscription unless only those needing attention are wanted', () => {
    expect(subscriptionsVariables(false, null)).toEqual({
      filter: null,
      first: subscriptionsPageSize,
      after: null,
    });
    expect(subscriptionsVariables(true, null).filter).toEqual({ needsAttention: true });
  });

  it('asks each page after the previous one’s cursor', () => {
    expect(subscriptionsVariables(true, 'cursor-30')).toEqual({
      filter: { needsAttention: true },
      first: subscriptionsPageSize,
      after: 'cursor-30',
    });
  });
});
