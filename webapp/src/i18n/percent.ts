import type { Locale } from '@posy/bot/locale';

/** A share (0.6) as a percentage in the user's language: "60%" (en), "60 %" (ru); a dash for none. */
export function formatShare(share: number | null | undefined, locale: Locale): string {
  if (share === null || share === undefined) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
