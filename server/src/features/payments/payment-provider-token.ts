import type { Config } from '../../config.js';

/**
 * The provider token a shop's customers pay through, or undefined when payment in Telegram is off for it
 * (no token, or no bot to make invoices). Telegram Stars (currency XTR) take an empty token.
 */
export function providerTokenFor(
  telegram: Config['telegram'],
  shop: { slug: string; currency: string },
): string | undefined {
  if (!telegram.botToken) return undefined;
  const token = telegram.payments.providerTokensBySlug[shop.slug] ?? telegram.payments.defaultProviderToken;
  if (!token) return undefined;
  return shop.currency === 'XTR' ? '' : token;
}
