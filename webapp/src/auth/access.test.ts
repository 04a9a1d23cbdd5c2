import { describe, expect, it } from 'vitest';
import { canManageStaff, canOpen, invitableRoles } from './access';

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

  it('opens orders to everyone in the shop, nothing to someone outside it', () => {
    expect(canOpen('orders', 'CUSTOMER')).toBe(true);
    expect(canOpen('orders', undefined)).toBe(false);
  });
});

describe('canManageStaff', () => {
  it('is for admins only', () => {
    expect(canManageStaff('ADMIN')).toBe(true);
    expect(canManageStaff('MANAGER')).toBe(false);
  });
});
