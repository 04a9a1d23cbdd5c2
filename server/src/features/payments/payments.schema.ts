import { z } from 'zod';
import { builder } from '../../builder.js';
import { InvalidPaymentTransition, StaleVersion } from '../orders/orders.errors.js';
import { OrderRef } from '../orders/orders.schema.js';
import { ShopRef } from '../shops/shops.schema.js';
import { createOrderInvoiceLink } from './invoice-link.service.js';
import { providerTokenFor } from './payment-provider-token.js';
import { OrderNotPayable, RefundRefused, TelegramPaymentsUnavailable } from './payments.errors.js';
import './payments.errors.schema.js';
import { type MoneyReturnedBy, refundOrderPayment } from './refund.service.js';

const InvoiceLink = builder.objectRef<{ url: string }>('InvoiceLink').implement({
  fields: (t) => ({ url: t.exposeString('url', { description: 'Open with Telegram.WebApp.openInvoice.' }) }),
});

builder.prismaObjectFields(ShopRef, (t) => ({
  telegramPaymentsEnabled: t.boolean({
    description: 'Whether customers may pay in Telegram (createOrderInvoiceLink); otherwise at the shop.',
    select: { slug: true, currency: true },
    resolve: (shop, _args, ctx) => providerTokenFor(ctx.config.telegram, shop) !== undefined,
  }),
}));

builder.mutationField('createOrderInvoiceLink', (t) =>
  t.field({
    type: InvoiceLink,
    description:
      'A Telegram invoice link for the order’s total, for the Mini App to open. The order is marked paid when ' +
      'Telegram reports the payment to the bot, not here.',
    authScopes: { shopRole: ['ADMIN', 'MANAGER'], customer: true },
    errors: { types: [TelegramPaymentsUnavailable, OrderNotPayable] },
    args: { orderId: t.arg.globalID({ for: OrderRef, required: true }) },
    resolve: (_root, args, ctx) => createOrderInvoiceLink(ctx, args.orderId.id),
  }),
);

const MoneyReturnedByEnum = builder.enumType('MoneyReturnedBy', {
  description: 'Who gives the money of a refund back to the customer.',
  values: {
    TELEGRAM: { description: 'Telegram Stars: refunded by Telegram when the refund was recorded.' },
    PROVIDER_DASHBOARD: {
      description:
        'A card payment made in Telegram: the shop refunds it in its payment provider’s dashboard.',
    },
    SHOP: { description: 'Paid at the shop: the shop gives the money back itself.' },
  } as const,
});

const OrderRefund = builder
  .objectRef<{ orderId: string; moneyReturnedBy: MoneyReturnedBy }>('OrderRefund')
  .implement({
    fields: (t) => ({
      order: t.field({
        type: OrderRef,
        resolve: (refund, _args, ctx) =>
          ctx.prisma.order.findUniqueOrThrow({ where: { id: refund.orderId } }),
      }),
      moneyReturnedBy: t.field({ type: MoneyReturnedByEnum, resolve: (refund) => refund.moneyReturnedBy }),
    }),
  });

builder.mutationField('refundOrderPayment', (t) =>
  t.field({
    type: OrderRefund,
    description:
      'Refunds a paid order (ADMIN/MANAGER) and records it on the order and its payment. Telegram Stars are ' +
      'given back through Telegram first (RefundRefused, nothing recorded, when Telegram refuses). A card ' +
      'payment made in Telegram is only recorded: the shop gives the money back in its payment provider’s ' +
      'dashboard (moneyReturnedBy PROVIDER_DASHBOARD), as for an order paid at the shop (SHOP).',
    errors: { types: [StaleVersion, InvalidPaymentTransition, RefundRefused] },
    args: {
      orderId: t.arg.globalID({ for: OrderRef, required: true }),
      version: t.arg.int({ required: true }),
      reason: t.arg.string({ required: true, validate: z.string().trim().min(1).max(500) }),
    },
    resolve: (_root, args, ctx) =>
      refundOrderPayment(ctx, { orderId: args.orderId.id, version: args.version, reason: args.reason }),
  }),
);
