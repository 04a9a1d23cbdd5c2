import { describe, expect, it } from 'vitest';
import { ordersFilter, ordersQueryString, ordersSearchParams, parseOrdersSearch } from './orders-filter';

describe('orders filter in the URL', () => {
  it('reads statuses in board order, dropping unknown ones and duplicates', () => {
    expect(parseOrdersSearch({ status: 'READY,bogus,NEW,READY', q: '  roses ' })).toEqual({
      statuses: ['NEW', 'READY'],
      search: 'roses',
    });
  });

  it('reads an empty query as the unfiltered board', () => {
    const search = parseOrdersSearch({});
    expect(search).toEqual({ statuses: [], search: '' });
    expect(ordersQueryString(search)).toBe('');
    expect(ordersFilter(search)).toEqual({});
    expect(ordersSearchParams(search)).toEqual({ status: undefined, q: undefined });
  });

  it('survives a round trip through the query string', () => {
    const search = { statuses: ['CONFIRMED', 'OUT_FOR_DELIVERY'] as const, search: 'Иванова' };
    const query = Object.fromEntries(
      new URLSearchParams(ordersQueryString({ ...search, statuses: [...search.statuses] })),
    );
    expect(parseOrdersSearch(query)).toEqual({ statuses: [...search.statuses], search: search.search });
  });

  it('becomes the GraphQL filter', () => {
    expect(ordersFilter({ statuses: ['NEW'], search: '42' })).toEqual({ status: ['NEW'], search: '42' });
  });
});
