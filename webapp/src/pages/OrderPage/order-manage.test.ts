import { describe, expect, it } from 'vitest';
import { orderManageActions } from './order-manage';

const order = (status: Parameters<typeof orderManageActions>[0]['status'], more = {}) => ({
  status,
  fulfillment: 'DELIVERY' as const,
  paymentStatus: 'UNPAID' as const,
  ...more,
});

describe('orderManageActions', () => {
  it('offers nothing to florists, couriers and customers', () => {
    for (const role of ['FLORIST', 'COURIER', 'CUSTOMER', undefined] as const) {
      expect(Object.values(orderManageActions(order('NEW'), role)).some(Boolean)).toBe(false);
    }
  });

  it('lets a manager edit until production and cancel until the order is closed', () => {
    const statuses = ['NEW', 'CONFIRMED', 'IN_PRODUCTION', 'READY', 'DELIVERED', 'CANCELLED'] as const;
    expect(statuses.map((status) => orderManageActions(order(status), 'MANAGER').edit)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    expect(statuses.map((status) => orderManageActions(order(status), 'ADMIN').cancel)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('assigns a courier to a delivery until it leaves, a florist while the task is open', () => {
    expect(orderManageActions(order('READY'), 'MANAGER').assignCourier).toBe(true);
    expect(orderManageActions(order('OUT_FOR_DELIVERY'), 'MANAGER').assignCourier).toBe(false);
    expect(orderManageActions(order('NEW', { fulfillment: 'PICKUP' }), 'MANAGER').assignCourier).toBe(false);
    expect(orderManageActions(order('NEW'), 'MANAGER').assignFlorist).toBe(false);
    expect(orderManageActions(order('IN_PRODUCTION'), 'MANAGER').assignFlorist).toBe(true);
  });

  it('marks only an unpaid, not cancelled order paid', () => {
    expect(orderManageActions(order('NEW'), 'MANAGER').markPaid).toBe(true);
    expect(orderManageActions(order('NEW', { paymentStatus: 'PAID' }), 'MANAGER').markPaid).toBe(false);
    expect(orderManageActions(order('CANCELLED'), 'MANAGER').markPaid).toBe(false);
  });
});
