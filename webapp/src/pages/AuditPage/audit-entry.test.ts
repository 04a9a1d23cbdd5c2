import { describe, expect, it } from 'vitest';
import { auditActor } from './audit-entry';

describe('auditActor', () => {
  it('names the person who acted', () => {
    expect(auditActor({ actor: { name: 'Anna Admin' }, apiKeyLabel: null })).toEqual({
      kind: 'person',
      name: 'Anna Admin',
    });
  });

  it('names the API key by its label when no person acted', () => {
    expect(auditActor({ actor: null, apiKeyLabel: 'Website (posy_abcdef1234_…)' })).toEqual({
      kind: 'apiKey',
      label: 'Website (posy_abcdef1234_…)',
    });
  });

  it('calls an entry with neither the system’s', () => {
    expect(auditActor({ actor: null, apiKeyLabel: null })).toEqual({ kind: 'system' });
    expect(auditActor({})).toEqual({ kind: 'system' });
  });
});
