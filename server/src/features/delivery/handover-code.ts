import { randomInt } from 'node:crypto';
import { safeEqualHex, sha256 } from '../../auth/tokens.js';

/** Wrong codes a delivery's handover code takes; the last of them locks it. */
export const HANDOVER_MAX_ATTEMPTS = 5;

/** A new 4-digit handover code, from the crypto RNG (a guessable one would let anyone take the flowers). */
export const newHandoverCode = () => randomInt(0, 10_000).toString().padStart(4, '0');

/**
 * What is stored of a code: bound to its delivery, so one hash says nothing of another delivery's code.
 * Four digits are few: the hash keeps the code out of reads of the row, while guessing is held off by
 * {@link HANDOVER_MAX_ATTEMPTS}, not by the hash.
 */
export const hashHandoverCode = (deliveryId: string, code: string) =>
  sha256(`handover:${deliveryId}:${code}`);

/** Whether `code` (as typed: surrounding spaces are dropped) is the one hashed into `hash`. */
export function handoverCodeMatches(deliveryId: string, hash: string, code: string): boolean {
  return safeEqualHex(hash, hashHandoverCode(deliveryId, code.trim()));
}
