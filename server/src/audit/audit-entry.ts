import { actorIds } from '../auth/viewer.js';
import type { Context } from '../context.js';

/**
 * What a mutation's service knows about the change it made. Services fill it through `ctx.audit`;
 * anything left empty is filled from the viewer, the active shop, the arguments and the result.
 */
export interface AuditDraft {
  /** Sign-in mutations start anonymous: the user they signed in is the actor. */
  actorId?: string;
  shopId?: string | null;
  target?: { type: string; id: string };
  changes?: Record<string, unknown>;
  /**
   * The mutation answered without changing anything (a retry replayed by its idempotency key): no entry,
   * so the trail holds one `createOrder` per order however often the client retried.
   */
  unchanged?: boolean;
}

/** Argument names whose values never reach the audit log. */
const SECRET = /password|code|token|initdata|secret|key$/i;

/**
 * Writes one audit entry through `ctx.prisma`: inside a mutation that is its transaction, so the entry
 * commits with the change it records or neither does.
 */
export async function writeAuditEntry(
  ctx: Context,
  action: string,
  args: Record<string, unknown>,
  draft: AuditDraft,
  result: unknown,
) {
  const actor = actorIds(ctx.viewer);
  const resultId = typeof result === 'object' && result && 'id' in result ? String(result.id) : null;
  await ctx.prisma.auditLog.create({
    data: {
      action,
      shopId: draft.shopId !== undefined ? draft.shopId : ctx.shopId,
      actorId: draft.actorId ?? actor.actorId,
      actorApiKeyId: actor.actorApiKeyId,
      targetType: draft.target?.type ?? null,
      targetId: draft.target?.id ?? resultId,
      changes: toJson(draft.changes ?? redact(args)),
      requestId: ctx.requestId,
      ip: ctx.ip,
    },
    select: { id: true },
  });
}

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

/** JSON for the `changes` column: dates as ISO strings, bigints as strings. */
const toJson = (value: unknown) =>
  JSON.parse(JSON.stringify(value ?? {}, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
