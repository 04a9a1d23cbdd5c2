import { builder } from '../../builder.js';
import { MoneyRef, money } from '../common/money.schema.js';
import { checkoutOptionsOf, offeredOnly } from './checkout-options.service.js';
import { DeliveryZoneRef, PickupPointRef, seesCheckout } from './checkout-types.schema.js';

const CheckoutOptionsRef = builder.prismaObject('Shop', {
  select: { id: true },
  variant: 'CheckoutOptions',
  description:
    'What a checkout offers in the active shop: the pickup points and zones on offer, the fee, the card text limit.',
  fields: (t) => ({
    cardTextMaxLength: t.exposeInt('cardTextMaxLength', {
      description: 'The longest card text createOrder takes, in characters.',
    }),
    deliveryFee: t.field({
      type: MoneyRef,
      description: 'The flat fee of a delivery that names no zone.',
      select: { deliveryFeeMinor: true, currency: true },
      resolve: (shop) => money(shop.deliveryFeeMinor, shop.currency),
    }),
    pickupPoints: t.relation('pickupPoints', { type: PickupPointRef, query: offeredOnly }),
    zones: t.relation('deliveryZones', { type: DeliveryZoneRef, query: offeredOnly }),
  }),
});

builder.queryField('checkoutOptions', (t) =>
  t.prismaField({
    type: CheckoutOptionsRef,
    description:
      'The active shop’s checkout options, for whoever chooses a slot at checkout (customers, staff, order keys).',
    authScopes: seesCheckout,
    resolve: (query, _root, _args, ctx) => checkoutOptionsOf(ctx, query),
  }),
);
