/**
 * An expected failure of a rule (not enough stock, a full slot, a stale version): services throw a subclass,
 * knowing no GraphQL, and a mutation that lists the subclass in its `errors: { types }` answers it as a
 * typed result the client branches on by `__typename` (Pothos' errors plugin; Vendure's error unions).
 * Anything else thrown stays an AppError or is masked. The mutation's transaction rolls back either way.
 */
export abstract class DomainError extends Error {
  override name = this.constructor.name;
}

/**
 * A refusal whose writes so far still commit with the mutation (src/audit/audit-mutations.ts reads
 * `keepsWrites`), answered as its typed result all the same: for records of the refusal itself, a wrong
 * handover code counted. The typed-result form of `keepWritesOnRefusal` (src/transaction.ts). The flag is a
 * property rather than a class test because the errors plugin hands the result on as a proxy that
 * `instanceof` does not see through.
 */
export abstract class DomainErrorKeepingWrites extends DomainError {
  readonly keepsWrites = true;
}

/** Whether a typed result (possibly the errors plugin's proxy of it) is a {@link DomainErrorKeepingWrites}. */
export function keepsWrites(result: object): boolean {
  return (result as { keepsWrites?: unknown }).keepsWrites === true;
}
