import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The payload of an invoice link (at most 128 bytes; Telegram hands it back in pre_checkout_query and
 * successful_payment): the order and the amount it was made for, signed so that only an invoice this
 * server made is ever taken for an order. The key comes from the bot token, a secret the server and the
 * bot process both have. ~60 bytes: `o1.<order uuid hex>.<amount>.<mac>`.
 * The order's version is left out on purpose: staff confirming the order while the customer pays bumps it,
 * and that must not refuse the payment; what must not change is the amount, which is checked.
 */
export interface InvoicePayload {
  orderId: string;
  amountMinor: number;
}

const PREFIX = 'o1';

function mac(botToken: string, body: string): string {
  const key = createHmac('sha256', 'posy-invoice-payload').update(botToken).digest();
  return createHmac('sha256', key).update(body).digest('base64url').slice(0, 22);
}

export function signInvoicePayload(botToken: string, invoice: InvoicePayload): string {
  const body = `${PREFIX}.${invoice.orderId.replaceAll('-', '')}.${invoice.amountMinor}`;
  return `${body}.${mac(botToken, body)}`;
}

/** The invoice a payload names, or null when it is not one this server signed. */
export function parseInvoicePayload(botToken: string, payload: string): InvoicePayload | null {
  const match = /^(o1\.([0-9a-f]{32})\.(\d{1,12}))\.([\w-]{22})$/.exec(payload);
  if (!match) return null;
  const [, body, hex, amount, signature] = match as unknown as [string, string, string, string, string];
  const expected = Buffer.from(mac(botToken, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const orderId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { orderId, amountMinor: Number(amount) };
}
