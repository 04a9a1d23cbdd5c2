import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql';
import { actorIds } from '../../auth/viewer.js';
import type { Context } from '../../context.js';

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
}

/** Argument names whose values never reach the audit log. */
const SECRET = /password|code|token|initdata|secret|key$/i;

/** Sign-in mutations whose refusals are audited too (`<name>.failed`): the trail of who tried what. */
const SIGN_IN = new Set([
  'loginWithPassword',
  'loginWithCode',
  'loginWithTelegram',
  'refreshSession',
  'acceptInvite',
]);

/**
 * Wraps every Mutation field so that each successful mutation writes one audit entry (actor, shop,
 * action, target, changed fields, request id, IP), and each refused sign-in one `<name>.failed` entry.
 * Done on the built schema, so a new mutation is audited without anyone remembering to.
 */
export function auditMutations(schema: GraphQLSchema) {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (root, args, ctx: Context, info) => {
      const audit: AuditDraft = {};
      let result: unknown;
      try {
        result = await resolve(root, args, { ...ctx, audit }, info);
      } catch (error) {
        if (SIGN_IN.has(field.name) && error instanceof GraphQLError) {
          const changes = { ...(redact(args) as object), error: error.extensions.code ?? 'ERROR' };
          await recordAudit(ctx, `${field.name}.failed`, args, { ...audit, changes }, null);
        }
        throw error;
      }
      if (!(result instanceof Error)) await recordAudit(ctx, field.name, args, audit, result);
      return result;
    };
  }
  return schema;
}

async function recordAudit(
  ctx: Context,
  action: string,
  args: Record<string, unknown>,
  draft: AuditDraft,
  result: unknown,
) {
  const actor = actorIds(ctx.viewer);
  const resultId = typeof result === 'object' && result && 'id' in result ? String(result.id) : null;
  try {
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
    });
  } catch (error) {
    // The change itself is committed; a missing audit line must be loud, not fatal to the caller.
    ctx.log.error({ err: error, action }, 'audit entry could not be written');
  }
}

function redact(value: unknown): unknown {
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
