import { describe, expect, it } from 'vitest';
import { catalogPageSize, catalogSearch, catalogVariables } from './catalog-variables';

describe('the back-office catalog’s pages', () => {
  it('sends the search trimmed, and a blank one as none', () => {
    expect(catalogSearch(' roses  ')).toBe('roses');
    expect(catalogSearch(' ')).toBeNull();
  });

  it('asks each page after the previous one’s cursor, the first after none', () => {
    expect(catalogVariables(null, null)).toEqual({ search: null, first: catalogPageSize, after: null });
    expect(catalogVariables('roses', 'cursor-30')).toEqual({
      search: 'roses',
      first: catalogPageSize,
      after: 'cursor-30',
    });
  });
});
