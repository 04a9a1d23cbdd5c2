import { describe, expect, it } from 'vitest';
import { canManageStaff, canOpen, homePath, invitableRoles } from './access';

describe('invitableRoles', () => {
  it('lets admins invite every role and managers every role but admin', () => {
    expect(invitableRoles('ADMIN')).toEqual(['ADMIN', 'MANAGER', 'FLORIST', 'COURIER']);
    expect(invitableRoles('MANAGER')).toEqual(['MANAGER', 'FLORIST', 'COURIER']);
  });

  it('lets nobody else invite', () => {
    for (const role of ['FLORIST', 'COURIER', 'CUSTOMER', undefined] as const) {
      expect(invitableRoles(role)).toEqual([]);
    }
  });
});

describe('canOpen', () => {
  it('opens the team and the audit log to admins and managers, API keys to admins only', () => {
    expect(canOpen('team', 'MANAGER')).toBe(true);
    expect(canOpen('audit', 'MANAGER')).toBe(true);
    expect(canOpen('apiKeys', 'MANAGER')).toBe(false);
    expect(canOpen('apiKeys', 'ADMIN')).toBe(true);
    expect(canOpen('team', 'FLORIST')).toBe(false);
    expect(canOpen('audit', 'COURIER')).toBe(false);
    expect(canOpen('team', 'CUSTOMER')).toBe(false);
  });

  it('opens the order board to staff, and the shop and their own orders to customers only', () => {
    expect(canOpen('orders', 'COURIER')).toBe(true);
    expect(canOpen('orders', 'CUSTOMER')).toBe(false);
    expect(canOpen('orders', undefined)).toBe(false);
    expect(canOpen('shop', 'CUSTOMER')).toBe(true);
    expect(canOpen('myOrders', 'CUSTOMER')).toBe(true);
    expect(canOpen('shop', 'MANAGER')).toBe(false);
  });
});

describe('homePath', () => {
  it('lands each role on its own screen', () => {
    expect(homePath('CUSTOMER')).toBe('/shop');
    expect(homePath('COURIER')).toBe('/courier');
    expect(homePath('FLORIST')).toBe('/production');
    expect(homePath('MANAGER')).toBe('/orders');
    expect(homePath('ADMIN')).toBe('/orders');
    expect(homePath(undefined)).toBe('/orders');
  });
});

describe('canManageStaff', () => {
  it('is for admins only', () => {
    expect(canManageStaff('ADMIN')).toBe(true);
    expect(canManageStaff('MANAGER')).toBe(false);
  });
});
