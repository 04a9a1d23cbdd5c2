import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createOrderInput, errorField, localToday, type NewOrderDraft } from './new-order-form';

const draft: NewOrderDraft = {
  customerId: 'customer-1',
  quantities: { tulips: 2, roses: 0 },
  fulfillment: 'DELIVERY',
  recipientName: ' Vera ',
  recipientPhone: '+79160000001',
  deliveryAddress: ' Tverskaya 7 ',
  deliveryZoneId: '',
  pickupPointId: '',
  date: '2026-12-03',
  slotId: '',
  cardText: '',
};

describe('createOrderInput', () => {
  it('builds the input from what was filled in, without empty items, slot or card', () => {
    expect(createOrderInput(draft, 'key-1')).toEqual({
      input: {
        customerId: 'customer-1',
        fulfillment: 'DELIVERY',
        items: [{ productId: 'tulips', quantity: 2 }],
        idempotencyKey: 'key-1',
        recipient: { name: 'Vera', phone: '+79160000001' },
        deliveryAddress: 'Tverskaya 7',
        deliveryZoneId: null,
      },
    });
  });

  it('names a chosen slot with its date, and a pickup point instead of an address', () => {
    const built = createOrderInput(
      { ...draft, fulfillment: 'PICKUP', pickupPointId: 'p1', slotId: 's1' },
      'k',
    );
    expect(built).toMatchObject({
      input: { pickupPointId: 'p1', slot: { date: '2026-12-03', slotId: 's1' } },
    });
    expect('input' in built && 'deliveryAddress' in built.input).toBe(false);
  });

  it('points at the first field to fix', () => {
    expect(createOrderInput({ ...draft, customerId: undefined }, 'k')).toMatchObject({ field: 'customer' });
    expect(createOrderInput({ ...draft, quantities: { tulips: 0 } }, 'k')).toMatchObject({ field: 'items' });
    expect(createOrderInput({ ...draft, deliveryAddress: ' ' }, 'k')).toMatchObject({
      field: 'deliveryAddress',
    });
  });
});

describe('errorField', () => {
  const badInput = (field?: string) =>
    new CombinedError({
      graphQLErrors: [
        new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } }),
      ],
    });

  it('puts a server input error beside the field it names, else under the form', () => {
    expect(errorField(badInput('cardText'))).toBe('cardText');
    expect(errorField(badInput('date'))).toBe('slot');
    expect(errorField(badInput('somethingElse'))).toBe('form');
    expect(errorField(badInput())).toBe('form');
    expect(errorField(undefined)).toBeUndefined();
  });
});

describe('localToday', () => {
  it('is the date in the shop’s time zone, not the device’s', () => {
    const lateEveningUtc = new Date('2026-12-03T22:30:00Z');
    expect(localToday('Europe/Moscow', lateEveningUtc)).toBe('2026-12-04');
    expect(localToday('America/New_York', lateEveningUtc)).toBe('2026-12-03');
  });
});
