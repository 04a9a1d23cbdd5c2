import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { minifiedIntrospection } from '../../scripts/schema-introspection';
import { cacheRules, type InvalidatingCache } from './cache-rules';

const schema = minifiedIntrospection(
  readFileSync(new URL('../../../server/schema.graphql', import.meta.url), 'utf8'),
);
const rules = cacheRules(schema);

function cacheWith(fields: { fieldName: string; arguments: Record<string, unknown> | null }[]) {
  const invalidated: string[] = [];
  const cache: InvalidatingCache = {
    inspectFields: (entity) => (entity === 'Query' ? fields : []),
    invalidate: (_entity, fieldName, args) => invalidated.push(`${fieldName}${JSON.stringify(args)}`),
  };
  return { cache, invalidated };
}

describe('the normalized cache’s rules, from the schema', () => {
  it('keeps types without an id inside their parent', () => {
    expect(rules.keys.QueryOrdersConnection?.()).toBeNull();
    expect(rules.keys.PageInfo?.()).toBeNull();
    expect(rules.keys.Order).toBeUndefined();
  });

  it('knows which Query fields list a type, connections included', () => {
    expect([...(rules.listsOf.get('Order') ?? [])]).toContain('orders');
    expect([...(rules.listsOf.get('ApiKey') ?? [])]).toContain('apiKeys');
  });

  it('after a mutation, invalidates the cached lists of what it returned and nothing else', () => {
    const { cache, invalidated } = cacheWith([
      { fieldName: 'orders', arguments: { first: 20 } },
      { fieldName: 'orders', arguments: { first: 20, after: 'x' } },
      { fieldName: 'apiKeys', arguments: null },
      { fieldName: 'order', arguments: { id: '1' } },
    ]);
    const result = {
      changeOrderStatus: {
        __typename: 'MutationChangeOrderStatusSuccess',
        data: { __typename: 'Order', id: '1', status: 'CONFIRMED' },
      },
    };
    rules.mutationUpdates.changeOrderStatus?.(result, {}, cache);
    expect(invalidated).toEqual(['orders{"first":20}', 'orders{"first":20,"after":"x"}']);
  });

  it('leaves every list alone after a refusal that returns no entity', () => {
    const { cache, invalidated } = cacheWith([{ fieldName: 'orders', arguments: null }]);
    rules.mutationUpdates.changeOrderStatus?.(
      { changeOrderStatus: { __typename: 'InvalidTransition', message: 'no' } },
      {},
      cache,
    );
    expect(invalidated).toEqual([]);
  });
});
