import { describe, expect, it } from 'vitest';
import { resendable, resendsNotifications, seesNotifications } from './order-notifications';

describe('order notifications section', () => {
  it('is shown to admins, managers and florists, never to couriers or customers', () => {
    expect(['ADMIN', 'MANAGER', 'FLORIST', 'COURIER', 'CUSTOMER', undefined].map(seesNotifications)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('offers Resend to admins and managers, on failed and skipped notifications only', () => {
    expect(['ADMIN', 'MANAGER', 'FLORIST'].map((role) => resendsNotifications(role as 'ADMIN'))).toEqual([
      true,
      true,
      false,
    ]);
    expect(['PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED'].map(resendable)).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});
