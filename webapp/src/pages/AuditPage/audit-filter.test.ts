import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import schemaText from '../../../../server/schema.graphql?raw';
import { auditActions, auditFilter, parseAuditSearch, prettyChanges } from './audit-filter';

// The printed schema the typed documents are checked against (tsconfig.json), as text.
const schema = buildSchema(schemaText);

describe('auditActions', () => {
  it('are the schema’s mutations, every one of which the server audits', () => {
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect([...auditActions].sort()).toEqual(mutations.sort());
  });
});

describe('the audit filter in the URL', () => {
  it('reads a known action and drops anything else', () => {
    expect(parseAuditSearch({ action: 'createInvite' })).toEqual({ action: 'createInvite' });
    expect(parseAuditSearch({ action: ['acceptInvite', 'x'] })).toEqual({ action: 'acceptInvite' });
    expect(parseAuditSearch({ action: 'dropDatabase' })).toEqual({ action: null });
    expect(parseAuditSearch({})).toEqual({ action: null });
  });

  it('asks the server for the chosen action only', () => {
    expect(auditFilter({ action: 'revokeInvite' })).toEqual({ action: 'revokeInvite' });
    expect(auditFilter({ action: null })).toEqual({});
  });
});

describe('prettyChanges', () => {
  it('indents the JSON the server sends', () => {
    expect(prettyChanges('{"role":{"from":"ADMIN","to":"MANAGER"}}')).toBe(
      '{\n  "role": {\n    "from": "ADMIN",\n    "to": "MANAGER"\n  }\n}',
    );
  });

  it('shows nothing for no changes, and text that is not JSON as it came', () => {
    expect(prettyChanges(null)).toBeNull();
    expect(prettyChanges('{}')).toBeNull();
    expect(prettyChanges('not json')).toBe('not json');
  });
});
