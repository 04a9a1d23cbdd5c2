import { telegramSdk } from './sdk';

/** How Telegram's payment form ended: paid, closed without paying, failed, or still pending with the bank. */
export type InvoiceOutcome = 'paid' | 'cancelled' | 'failed' | 'pending';

/**
 * Opens a Telegram invoice link (createOrderInvoiceLink) in Telegram's own payment form and resolves with
 * how it ended; undefined outside Telegram or on clients that cannot pay in a Mini App.
 */
export async function payInTelegram(url: string): Promise<InvoiceOutcome | undefined> {
  const invoice = telegramSdk()?.invoice;
  if (!invoice?.openUrl.isAvailable()) return undefined;
  const status = await invoice.openUrl(url);
  return status === 'paid' || status === 'cancelled' || status === 'pending' ? status : 'failed';
}
