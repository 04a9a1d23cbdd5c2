import { describe, expect, it } from 'vitest';
import { type CheckoutForm, checkoutProblems, isPhone, orderInput, shopToday } from './checkout-form';

const form: CheckoutForm = {
  fulfillment: 'DELIVERY',
  forMe: false,
  ownName: 'Chris Customer',
  ownPhone: '+7 900 111-22-33',
  recipientName: 'Mum',
  recipientPhone: '+7 (900) 444 55 66',
  address: 'Tverskaya 1',
  zoneId: '',
  pickupPointId: '',
  date: '2030-01-07',
  slotId: 'slot-1',
  cardText: 'Happy birthday',
  anonymous: true,
  instructions: '',
};
const lines = [{ productId: 'p1', name: 'Roses', priceMinor: 100, currency: 'RUB', quantity: 2 }];

describe('checkout form', () => {
  it('sends the recipient, the address, the slot, the card and the key as createOrder takes them', () => {
    expect(orderInput(form, lines, 'key-1')).toEqual({
      fulfillment: 'DELIVERY',
      items: [{ productId: 'p1', quantity: 2 }],
      recipient: { name: 'Mum', phone: '+7 (900) 444 55 66' },
      deliveryAddress: 'Tverskaya 1',
      deliveryZoneId: null,
      pickupPointId: null,
      slot: { date: '2030-01-07', slotId: 'slot-1' },
      cardText: 'Happy birthday',
      anonymousSender: true,
      instructions: null,
      idempotencyKey: 'key-1',
    });
  });

  it('names the customer as the recipient for an order for themself, and leaves out the address at pickup', () => {
    const input = orderInput(
      { ...form, forMe: true, fulfillment: 'PICKUP', pickupPointId: 'pp' },
      lines,
      'k',
    );
    expect(input.recipient).toEqual({ name: 'Chris Customer', phone: '+7 900 111-22-33' });
    expect(input).toMatchObject({ deliveryAddress: null, pickupPointId: 'pp', deliveryZoneId: null });
  });

  it('names each field that stops the order', () => {
    expect(checkoutProblems(form, 200)).toEqual([]);
    expect(
      checkoutProblems(
        {
          ...form,
          ownPhone: 'call me',
          recipientName: ' ',
          address: '',
          slotId: '',
          cardText: 'x'.repeat(11),
        },
        10,
      ),
    ).toEqual(['ownPhone', 'recipientName', 'address', 'slotId', 'cardText']);
    expect(checkoutProblems({ ...form, fulfillment: 'PICKUP' }, 200)).toEqual(['pickupPointId']);
    expect(checkoutProblems({ ...form, forMe: true, recipientName: '', recipientPhone: '' }, 200)).toEqual(
      [],
    );
  });

  it('takes phone numbers as people write them', () => {
    expect(isPhone('+7 (900) 123-45-67')).toBe(true);
    expect(isPhone('123')).toBe(false);
    expect(isPhone('+7 900 abc 45 67')).toBe(false);
  });

  it('knows today in the shop’s time zone', () => {
    const lateUtc = new Date('2030-01-06T22:30:00Z');
    expect(shopToday('Europe/Moscow', lateUtc)).toBe('2030-01-07');
    expect(shopToday('UTC', lateUtc)).toBe('2030-01-06');
  });
});
