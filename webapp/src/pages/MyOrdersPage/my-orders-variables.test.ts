import { describe, expect, it } from 'vitest';
import { myOrdersPageSize, myOrdersVariables } from './my-orders-variables';

describe('the customer’s orders’ pages', () => {
  it('asks each page after the previous one’s cursor, the first after none', () => {
    expect(myOrdersVariables(null)).toEqual({ first: myOrdersPageSize, after: null });
    expect(myOrdersVariables('cursor-20')).toEqual({ first: myOrdersPageSize, after: 'cursor-20' });
  });
});
