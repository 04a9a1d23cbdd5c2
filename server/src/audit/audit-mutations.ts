import { errorTypeMap } from '@pothos/plugin-errors';
import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { keepsWrites } from '../domain-error.js';
import { runInTransaction } from '../transaction.js';
import { type AuditDraft, redact, writeAuditEntry } from './audit-entry.js';

/** Sign-in mutations whose refusals are audited too (`<name>.failed`): the trail of who tried what. */
const SIGN_IN = new Set([
  'loginWithPassword',
  'loginWithCode',
  'loginWithTelegram',
  'refreshSession',
  'acceptInvite',
]);

/** Carries a typed error result (errors plugin) out of the transaction, so its writes roll back. */
class RolledBack {
  constructor(readonly result: Error) {}
}

/**
 * A typed error result: the errors plugin hands it on as a proxy whose prototypes are proxies too (so that
 * graphql-js does not take it for a thrown error), which `instanceof Error` does not see; it keeps each one
 * it made in `errorTypeMap`.
 */
function isTypedError(result: unknown): result is Error {
  return typeof result === 'object' && result !== null && errorTypeMap.has(result);
}

/**
 * Wraps every Mutation field: the resolver runs in one transaction that also writes its audit entry (actor,
 * shop, action, target, changed fields, request id, IP), so a change is never committed without its entry,
 * nor an entry without its change. A mutation that fails (thrown, or a typed error result) changes nothing
 * (but what `keepWritesOnRefusal` or a `DomainErrorKeepingWrites` keeps); a refused sign-in still leaves a
 * `<name>.failed` entry, written after the transaction ended.
 * Done on the built schema, so a new mutation is audited without anyone remembering to.
 */
export function auditMutations(schema: GraphQLSchema) {
  const fields = schema.getMutationType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = async (root, args, ctx: Context, info) => {
      const audit: AuditDraft = {};
      try {
        return await runInTransaction({ ...ctx, audit }, async (mutationCtx) => {
          const result = await resolve(root, args, mutationCtx, info);
          if (isTypedError(result)) {
            if (!keepsWrites(result)) throw new RolledBack(result);
            // A refusal that keeps its writes (a wrong handover code counted) commits them with a
            // `<name>.failed` entry naming it, instead of the entry of a change.
            await writeAuditEntry(
              mutationCtx,
              `${field.name}.failed`,
              args,
              refusalDraft(audit, args, result.name),
              null,
            );
            return result;
          }
          if (!audit.unchanged) await writeAuditEntry(mutationCtx, field.name, args, audit, result);
          return result;
        });
      } catch (error) {
        if (error instanceof RolledBack) {
          // A typed refusal (InviteUsed, …) is named by its type, as a thrown one is by its code.
          if (SIGN_IN.has(field.name)) await auditRefusal(ctx, field.name, args, audit, error.result.name);
          return error.result;
        }
        if (SIGN_IN.has(field.name) && error instanceof GraphQLError) {
          await auditRefusal(ctx, field.name, args, audit, String(error.extensions.code ?? 'ERROR'));
        }
        throw error;
      }
    };
  }
  return schema;
}

/** The `<name>.failed` entry of a refused sign-in; `ctx` is the operation's, outside the (ended) transaction. */
async function auditRefusal(
  ctx: Context,
  name: string,
  args: Record<string, unknown>,
  audit: AuditDraft,
  reason: string,
) {
  await writeAuditEntry(ctx, `${name}.failed`, args, refusalDraft(audit, args, reason), null).catch(
    (auditError) =>
      // The caller's answer is the refusal; a missing trail line must be loud, not replace it.
      ctx.log.error({ err: auditError, action: `${name}.failed` }, 'audit entry could not be written'),
  );
}

/** The entry of a refusal: the redacted arguments and the refusal's name or code. */
function refusalDraft(audit: AuditDraft, args: Record<string, unknown>, reason: string): AuditDraft {
  return { ...audit, changes: { ...(redact(args) as object), error: reason } };
}
