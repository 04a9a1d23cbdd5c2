import { describe, expect, it } from 'vitest';
import { visibleNavItems } from './nav-items';

const sections = (role: Parameters<typeof visibleNavItems>[0]) =>
  visibleNavItems(role).map((item) => item.section);

describe('visibleNavItems', () => {
  it('shows admins every section and managers all but API keys', () => {
    const backOffice = ['dashboard', 'stock', 'catalog', 'customers', 'subscriptions', 'checkoutSettings'];
    expect(sections('ADMIN')).toEqual(['orders', 'team', 'audit', 'apiKeys', ...backOffice]);
    expect(sections('MANAGER')).toEqual(['orders', 'team', 'audit', ...backOffice]);
  });

  it('shows no bar to those who only have the order board', () => {
    for (const role of ['FLORIST', 'COURIER', 'CUSTOMER', undefined] as const) {
      expect(sections(role)).toEqual([]);
    }
  });
});
