/** Digits after the decimal point of a currency as Intl knows it (2 for RUB and EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/**
 * Minor units (kopecks, cents) of an amount typed in major units: "12.5" and "12,50" are 1250 kopecks,
 * spaces (thousands, as ru writes them) are ignored. Undefined when it is not a non-negative amount or
 * has more decimals than the currency, so the form can say so before asking the server.
 */
export function parseMoneyInput(text: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** The reverse, for a form field's starting value: 1250 kopecks are "12.50". */
export function moneyInputValue(amountMinor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}
