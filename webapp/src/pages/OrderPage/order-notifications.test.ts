import { describe, expect, it } from 'vitest';
import type { ShopAccess } from '../../auth/session';
import { resendable, resendsNotifications, seesNotifications } from './order-notifications';

describe('order notifications section', () => {
  it('is shown to admins, managers and florists, never to couriers or customers', () => {
    const roles: (ShopAccess['role'] | undefined)[] = [
      'ADMIN',
      'MANAGER',
      'FLORIST',
      'COURIER',
      'CUSTOMER',
      undefined,
    ];
    expect(roles.map((role) => seesNotifications(role))).toEqual([true, true, true, false, false, false]);
  });

  it('offers Resend to admins and managers, on failed and skipped notifications only', () => {
    const staff: ShopAccess['role'][] = ['ADMIN', 'MANAGER', 'FLORIST'];
    expect(staff.map((role) => resendsNotifications(role))).toEqual([true, true, false]);
    expect(['PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'].map(resendable)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});
