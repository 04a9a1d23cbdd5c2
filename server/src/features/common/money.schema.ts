import { builder } from '../../builder.js';

/** An amount in minor units (kopecks, cents) and its ISO 4217 currency; never a float. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An amount in minor units (kopecks, cents) of a currency.',
  fields: (t) => ({
    amountMinor: t.exposeInt('amountMinor'),
    currency: t.exposeString('currency', { description: 'ISO 4217 code' }),
  }),
});

export const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });
