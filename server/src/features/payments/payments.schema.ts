import { builder } from '../../builder.js';
import { OrderRef } from '../orders/orders.schema.js';
import { ShopRef } from '../shops/shops.schema.js';
import { createOrderInvoiceLink } from './invoice-link.service.js';
import { providerTokenFor } from './payment-provider-token.js';
import { OrderNotPayable, TelegramPaymentsUnavailable } from './payments.errors.js';
import './payments.errors.schema.js';

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
