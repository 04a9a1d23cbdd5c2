// Every mutation runs in one database transaction (see src/audit/audit-mutations.ts): its change and its audit
// entry commit together or not at all. These helpers let services write without knowing whether one is open.
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

/**
 * Runs `run` inside a new transaction with a context whose `prisma` is that transaction and whose
 * `afterCommit` queues effects (pub/sub events) until the commit; a rollback drops them.
 */
export async function runInTransaction<T>(ctx: Context, run: (ctx: Context) => Promise<T>): Promise<T> {
  const effects: Array<() => unknown> = [];
  const result = await ctx.rootPrisma.$transaction(
    (tx) => run({ ...ctx, prisma: tx, afterCommit: (effect) => void effects.push(effect) }),
    MUTATION_TRANSACTION,
  );
  for (const effect of effects) runEffect(ctx.log, effect);
  return result;
}

/**
 * Runs `fn` in a transaction: the running mutation's when there is one, so the rows commit or roll back
 * with the mutation and its audit entry, else a new one (jobs, scripts).
 */
export function inTransaction<T>(ctx: Context, fn: (tx: Database) => Promise<T>): Promise<T> {
  if (ctx.prisma !== ctx.rootPrisma) return fn(ctx.prisma);
  return ctx.rootPrisma.$transaction(fn);
}

/**
 * Runs `fn` with a context outside the mutation's transaction: what it writes commits at once and stays when
 * the mutation then fails. Only for records of the failure itself (a wrong code guess counted, the session of
 * a leaked refresh token ended); everything else belongs in the mutation's transaction.
 */
export function outsideTransaction<T>(ctx: Context, fn: (ctx: Context) => Promise<T>): Promise<T> {
  return fn({ ...ctx, prisma: ctx.rootPrisma, afterCommit: runEffectsAtOnce(ctx.log) });
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
