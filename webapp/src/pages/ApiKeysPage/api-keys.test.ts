import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../../server/schema.graphql?raw';
import { accessesOf, apiKeyStatus, apiResources, scopeCode } from './api-keys';

// The printed schema the typed documents are checked against (tsconfig.json), as text.
const schema = buildSchema(schemaText);

describe('apiScopes', () => {
  it('offers every scope of the schema, once', () => {
    const offered = apiResources.flatMap((resource) => accessesOf(resource).map(({ scope }) => scope));
    const inSchema = (schema.getType('ApiScope') as GraphQLEnumType).getValues().map((value) => value.name);
    expect([...offered].sort()).toEqual(inSchema.sort());
  });

  it('reads as the scopes the API documents', () => {
    expect(scopeCode('CUSTOMERS_WRITE')).toBe('customers:write');
    expect(scopeCode('REPORTS_READ')).toBe('reports:read');
  });
});

describe('apiKeyStatus', () => {
  const now = new Date('2030-01-01T12:00:00Z');

  it('is active until revoked or past its expiry', () => {
    expect(apiKeyStatus({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(apiKeyStatus({ expiresAt: '2030-01-02T00:00:00Z' }, now)).toBe('active');
    expect(apiKeyStatus({ expiresAt: '2030-01-01T12:00:00Z' }, now)).toBe('expired');
    expect(apiKeyStatus({ revokedAt: '2029-12-31T00:00:00Z', expiresAt: '2029-01-01T00:00:00Z' }, now)).toBe(
      'revoked',
    );
  });
});
