import { Composer } from 'grammy';
import { t } from '../../i18n/translate.js';
import type { BotContext } from '../context.js';
import type { PaymentDesk } from '../payment-desk.js';

/**
 * Payments of invoices the server made (`createOrderInvoiceLink`): `pre_checkout_query` is answered after
 * the desk re-checked the order, `successful_payment` recorded once, and thanked for once. Without a desk
 * (the bot run alone, no database) every pre-checkout is refused: nothing could record the money.
 */
export function paymentsFeature(desk?: PaymentDesk): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on('pre_checkout_query', async (ctx) => {
    const query = ctx.preCheckoutQuery;
    const refusal = desk
      ? await desk.check(query.invoice_payload, query.total_amount, query.currency, query.from.id)
      : 'NOT_FOUND';
    if (!refusal) return ctx.answerPreCheckoutQuery(true);
    return ctx.answerPreCheckoutQuery(false, { error_message: t(ctx.locale, `payment.refused.${refusal}`) });
  });
  composer.on('message:successful_payment', async (ctx) => {
    if (!desk) return;
    const paid = ctx.message.successful_payment;
    const outcome = await desk.record({
      payload: paid.invoice_payload,
      totalAmount: paid.total_amount,
      currency: paid.currency,
      telegramChargeId: paid.telegram_payment_charge_id,
      providerChargeId: paid.provider_payment_charge_id,
      telegramUserId: ctx.from.id,
    });
    if (outcome === 'recorded') await ctx.reply(t(ctx.locale, 'payment.thanks'));
  });
  return composer;
}
