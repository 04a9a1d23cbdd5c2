import { badInput } from '../../errors.js';

/**
 * A phone as the shop stores it, so that one number typed two ways is one customer (the unique index on
 * shop and phone): "+" and its digits, nothing else. Spaces, dashes, dots and brackets are dropped; a number
 * without "+" is taken as written in full with its country code, except the Russian trunk form
 * "8 916 …" (11 digits from 8), which is +7 (our shops are in Russia first; a foreign number needs its "+").
 * Empty means no phone. E.164 allows 15 digits at most; fewer than 7 is no phone anyone can call.
 */
export function normalizePhone(raw: string | null | undefined, field = 'phone'): string | null {
  if (raw == null) return null;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  if (!/^\+?[\d\s().-]+$/.test(trimmed))
    throw badInput('A phone holds digits, spaces, dashes and brackets, and may start with +', field);
  let digits = trimmed.replace(/\D/g, '');
  if (!trimmed.startsWith('+') && digits.length === 11 && digits.startsWith('8'))
    digits = `7${digits.slice(1)}`;
  if (digits.length < 7 || digits.length > 15)
    throw badInput('A phone has 7 to 15 digits with its country code', field);
  return `+${digits}`;
}
