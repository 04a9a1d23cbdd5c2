import { describe, expect, it } from 'vitest';
import { visibleNavItems } from './nav-items';

const sections = (role: Parameters<typeof visibleNavItems>[0]) =>
  visibleNavItems(role).map((item) => item.section);

describe('visibleNavItems', () => {
  it('shows admins every section and managers all but API keys', () => {
    const manager = ['orders', 'production', 'dashboard', 'stock', 'catalog', 'customers', 'subscriptions'];
    expect(sections('ADMIN')).toEqual([...manager, 'team', 'audit', 'checkoutSettings', 'apiKeys']);
    expect(sections('MANAGER')).toEqual([...manager, 'team', 'audit', 'checkoutSettings']);
  });

  it('shows customers their shop and their orders', () => {
    expect(sections('CUSTOMER')).toEqual(['shop', 'myOrders']);
  });

  it('shows no bar to those who only have the order board', () => {
    for (const role of [undefined] as const) {
      expect(sections(role)).toEqual([]);
    }
  });

  it('shows florists their production queue beside the board', () => {
    expect(sections('FLORIST')).toEqual(['orders', 'production']);
  });

  it('shows couriers their day beside the board (issue 12)', () => {
    expect(sections('COURIER')).toEqual(['orders', 'courier']);
  });
});
