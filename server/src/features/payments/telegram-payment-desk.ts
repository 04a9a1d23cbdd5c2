import type { PaymentDesk } from '@posy/bot';
import type { SystemContextDeps } from '../../jobs/system-context.js';
import { checkTelegramPayment, recordTelegramPayment } from './telegram-payment.service.js';

/** The bot's {@link PaymentDesk}, backed by the database (src/telegram-bot.ts wires it). */
export function createTelegramPaymentDesk(deps: SystemContextDeps): PaymentDesk {
  return {
    check: (payload, totalAmount, currency) => checkTelegramPayment(deps, { payload, totalAmount, currency }),
    record: (payment) => recordTelegramPayment(deps, payment),
  };
}
