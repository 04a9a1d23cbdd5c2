// Every mutation runs in one database transaction (see src/audit/audit-mutations.ts): its change and its audit
// entry commit together or not at all. These helpers let services write without knowing whether one is open.
import { GraphQLError } from 'graphql';
import type { AppPrisma, Context } from './context.js';
import type { Logger } from './logger.js';

/**
 * A database handle for queries: the app's client, or the running mutation's transaction. Without
 * `$transaction` (Prisma's own `TransactionClient` type still lists it), so nested transactions go through
 * {@link inTransaction}.
 */
export type Database = Omit<AppPrisma, '$transaction' | '$connect' | '$disconnect' | '$on' | '$extends'>;

/**
 * How long a mutation may wait for a connection and then run before Prisma rolls it back. Prisma's defaults
 * (2 s, 5 s) are tight for a sign-in that hashes a password on a busy machine; a timed-out mutation fails
 * with nothing changed.
 */
const MUTATION_TRANSACTION = { maxWait: 10_000, timeout: 20_000 } as const;

/** A refusal whose writes so far must commit (see {@link keepWritesOnRefusal}). */
class RefusalWithWrites {
  constructor(readonly refusal: GraphQLError) {}
}

/**
 * Runs `run` inside a new transaction with a context whose `prisma` is that transaction and whose
 * `afterCommit` queues effects (pub/sub events) until the commit. A throw rolls everything back and drops
 * the effects, except a refusal from {@link keepWritesOnRefusal}: that commits, then is thrown.
 */
export async function runInTransaction<T>(ctx: Context, run: (ctx: Context) => Promise<T>): Promise<T> {
  const effects: Array<() => unknown> = [];
  const outcome = await ctx.rootPrisma.$transaction(async (tx) => {
    try {
      return {
        result: await run({ ...ctx, prisma: tx, afterCommit: (effect) => void effects.push(effect) }),
      };
    } catch (error) {
      if (error instanceof RefusalWithWrites) return { refusal: error.refusal };
      throw error;
    }
  }, MUTATION_TRANSACTION);
  for (const effect of effects) runEffect(ctx.log, effect);
  if ('refusal' in outcome) throw outcome.refusal;
  return outcome.result;
}

/**
 * The refusal an error stands for: a refusal on its way out through {@link keepWritesOnRefusal} is still that
 * refusal to a caller that catches it inside the mutation (to clear a cookie, say).
 */
export function refusalOf(error: unknown): unknown {
  return error instanceof RefusalWithWrites ? error.refusal : error;
}

/**
 * Runs `fn`; when it refuses (throws a GraphQLError), what it wrote so far still commits with the mutation's
 * transaction (without the mutation's audit entry: the refusal gets its own) before the refusal reaches the
 * caller. Only for records of the refusal itself: a wrong code guess counted, the session of a reused
 * refresh token ended. Writing them through the same transaction, rather than a second connection, keeps a
 * burst of refusals from waiting on a pool their own transactions hold.
 */
export async function keepWritesOnRefusal<T>(ctx: Context, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    // Outside a mutation every write has already committed on its own.
    if (error instanceof GraphQLError && ctx.prisma !== ctx.rootPrisma) throw new RefusalWithWrites(error);
    throw error;
  }
}

/**
 * Runs `fn` in a transaction: the running mutation's when there is one, so the rows commit or roll back
 * with the mutation and its audit entry, else a new one (jobs, scripts).
 */
export function inTransaction<T>(ctx: Context, fn: (tx: Database) => Promise<T>): Promise<T> {
  if (ctx.prisma !== ctx.rootPrisma) return fn(ctx.prisma);
  return ctx.rootPrisma.$transaction(fn);
}

/** The `afterCommit` of a context outside any transaction: there is nothing to wait for. */
export function runEffectsAtOnce(log: Logger): Context['afterCommit'] {
  return (effect) => runEffect(log, effect);
}

/** An effect reports a change already committed: its failure is logged and fails nothing. */
function runEffect(log: Logger, effect: () => unknown) {
  try {
    const pending = effect();
    if (pending instanceof Promise)
      pending.catch((error) => log.error({ err: error }, 'after-commit effect failed'));
  } catch (error) {
    log.error({ err: error }, 'after-commit effect failed');
  }
}
