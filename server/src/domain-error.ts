/**
 * An expected failure of a rule (not enough stock, a full slot, a stale version): services throw a subclass,
 * knowing no GraphQL, and a mutation that lists the subclass in its `errors: { types }` answers it as a
 * typed result the client branches on by `__typename` (Pothos' errors plugin; Vendure's error unions).
 * Anything else thrown stays an AppError or is masked. The mutation's transaction rolls back either way.
 */
export abstract class DomainError extends Error {
  override name = this.constructor.name;
}
