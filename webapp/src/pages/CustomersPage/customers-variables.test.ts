import { describe, expect, it } from 'vitest';
import { customersPageSize, customersSearch, customersVariables } from './customers-variables';

describe('the customers list’s pages', () => {
  it('sends the search trimmed, and a blank one as none', () => {
    expect(customersSearch('  Olga ')).toBe('Olga');
    expect(customersSearch('   ')).toBeNull();
    expect(customersSearch('')).toBeNull();
  });

  it('asks each page after the previous one’s cursor, the first after none', () => {
    expect(customersVariables(null, null)).toEqual({ search: null, first: customersPageSize, after: null });
    expect(customersVariables('Olga', 'cursor-30')).toEqual({
      search: 'Olga',
      first: customersPageSize,
      after: 'cursor-30',
    });
  });
});
