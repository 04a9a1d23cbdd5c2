import type { WriteOffReason } from './stock.service.js';

const REASONS: readonly WriteOffReason[] = ['EXPIRED', 'DAMAGED', 'OTHER'];

/**
 * A write-off's movement keeps its reason in `StockMovement.note`, as `REASON` or `REASON: note` (the
 * ledger has no reason column). Written here and read back by `readWriteOffNote`, so the two agree.
 */
export function writeOffNote(reason: WriteOffReason, note: string | null): string {
  return note ? `${reason}: ${note}` : reason;
}

/** The reason and the free text of a movement's note; a note of any other kind is all free text. */
export function readWriteOffNote(
  kind: string,
  stored: string | null,
): { reason: WriteOffReason | null; note: string | null } {
  if (kind !== 'WRITE_OFF' || stored === null) return { reason: null, note: stored };
  const match = /^([A-Z_]+)(?:: ([\s\S]*))?$/.exec(stored);
  const reason = REASONS.find((r) => r === match?.[1]);
  if (!reason) return { reason: null, note: stored };
  return { reason, note: match?.[2] ?? null };
}
