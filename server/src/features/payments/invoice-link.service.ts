import { isLocale } from '@posy/bot/locale';
import { t } from '@posy/bot/translate';
import type { Context } from '../../context.js';
import { notFound } from '../../errors.js';
import { payableOrders } from '../common/access.js';
import { signInvoicePayload } from './invoice-payload.js';
import { providerTokenFor } from './payment-provider-token.js';
import { OrderNotPayable, TelegramPaymentsUnavailable } from './payments.errors.js';
import { unpayableReason } from './telegram-payment.service.js';

/**
 * An invoice link (Bot API createInvoiceLink) the Mini App opens to pay the order: its lines, delivery fee
 * and discount in minor units summing to the order's total, in the customer's language. Nothing is
 * written: the payment is recorded when Telegram reports it (telegram-payment.service.ts).
 */
export async function createOrderInvoiceLink(ctx: Context, orderId: string): Promise<{ url: string }> {
  const order = await ctx.prisma.order.findFirst({
    where: { AND: [{ id: orderId }, payableOrders(ctx)] },
    select: {
      id: true,
      number: true,
      status: true,
      paymentStatus: true,
      currency: true,
      deliveryFeeMinor: true,
      discountMinor: true,
      totalMinor: true,
      windowEnd: true,
      shop: { select: { name: true, slug: true, currency: true } },
      customer: { select: { user: { select: { locale: true } } } },
      items: { select: { productName: true, quantity: true, totalMinor: true }, orderBy: { id: 'asc' } },
    },
  });
  if (!order) throw notFound('Order');
  const token = providerTokenFor(ctx.config.telegram, { slug: order.shop.slug, currency: order.currency });
  const botToken = ctx.config.telegram.botToken;
  if (token === undefined || !botToken) throw new TelegramPaymentsUnavailable();
  const reason = unpayableReason(order);
  if (reason) throw new OrderNotPayable(reason);

  const userLocale = order.customer.user?.locale;
  const locale = userLocale && isLocale(userLocale) ? userLocale : 'en';
  const prices =
    order.currency === 'XTR'
      ? [{ label: t(locale, 'invoice.title', { orderNumber: order.number }), amount: order.totalMinor }]
      : [
          ...order.items.map((item) => ({
            label: `${item.productName} × ${item.quantity}`.slice(0, 64),
            amount: item.totalMinor,
          })),
          ...(order.deliveryFeeMinor
            ? [{ label: t(locale, 'invoice.delivery'), amount: order.deliveryFeeMinor }]
            : []),
          ...(order.discountMinor
            ? [{ label: t(locale, 'invoice.discount'), amount: -order.discountMinor }]
            : []),
        ];
  // Imported when an invoice is made: grammY (and its fetch) stays out of the server's start.
  const { createBotApi } = await import('@posy/bot/notify/api');
  const api = createBotApi({ botToken, apiRoot: ctx.config.telegram.apiRoot });
  const url = await api.createInvoiceLink(
    t(locale, 'invoice.title', { orderNumber: order.number }).slice(0, 32),
    t(locale, 'invoice.description', { shopName: order.shop.name, orderNumber: order.number }).slice(0, 255),
    signInvoicePayload(botToken, { orderId: order.id, amountMinor: order.totalMinor }),
    token,
    order.currency,
    prices,
  );
  return { url };
}
