import type { Context } from '../../context.js';

// One event reaches every subscriber of a process at once, and subscribers of the same kind (a shop's
// boards, running the same document) make the same reads for it: the visibility check, then the payload.
// Identical reads under way are made once and their answer shared. Sharing is sound because the key is
// the whole read (the where-clause holds the viewer's rule, the selection the fields asked for): two
// identical queries at the same moment answer the same rows; field rules still run per subscriber.
// Measured in bench/live-latency.bench.ts: 1,000 subscribers made 2,000 queries per event without it.

const underWay = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `read()`, or the answer of an identical read (`key`) still under way on the same database. Only outside
 * a transaction (subscriptions are): a transaction sees its own writes, which others must not.
 */
export function readShared<T>(ctx: Context, key: string, read: () => Promise<T>): Promise<T> {
  if (ctx.prisma !== ctx.rootPrisma) return read();
  let reads = underWay.get(ctx.rootPrisma);
  if (!reads) {
    reads = new Map();
    underWay.set(ctx.rootPrisma, reads);
  }
  const current = reads.get(key);
  if (current) return current as Promise<T>;
  // A real promise: Prisma's are lazy thenables, which would run again for each caller that awaits them.
  const answer = Promise.resolve().then(read);
  reads.set(key, answer);
  // Kept for the rest of the tick it settles in: the other subscribers resume in it and ask then.
  const forget = () => setImmediate(() => reads.get(key) === answer && reads.delete(key));
  answer.then(forget, forget);
  return answer;
}

/** The key of a read: its kind and everything it depends on, in order. */
export const readKey = (...parts: unknown[]) => JSON.stringify(parts);
