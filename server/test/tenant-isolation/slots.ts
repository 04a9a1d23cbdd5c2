import type { GraphQLField } from 'graphql';

/*
 * The vocabulary of filling an operation's slots (arguments and input-object fields) with values that
 * name shop B's objects.
 */

/** One way to fill an argument: its GraphQL literal and the shop B ids it names. */
export interface Alternative {
  literal: string;
  targets: string[];
  /** Which of shop B's types it names, for messages. */
  label: string;
  /** Worth sending even when optional: it names shop B's objects or searches for its values. */
  probe: boolean;
}

/** Where a slot is: the field whose argument it is (or holds), and the input object it is a field of. */
export interface SlotContext {
  field: GraphQLField<unknown, unknown>;
  hostInput?: string;
}

/**
 * A field the suite cannot build an operation for. It is collected and reported by the coverage guard,
 * naming the rule to add, instead of the field being silently skipped.
 */
export class CoverageGap extends Error {}

/** Alternatives of several slots, index by index, so every candidate of every slot is used once. */
export function combine(
  entries: [string, Alternative[]][],
  wrap: (parts: string[]) => string,
): Alternative[] {
  const count = Math.max(1, ...entries.map(([, alternatives]) => alternatives.length));
  return Array.from({ length: count }, (_, index) => {
    const picked = entries.map(
      ([name, alternatives]) => [name, alternatives[Math.min(index, alternatives.length - 1)]!] as const,
    );
    return {
      literal: wrap(picked.map(([name, a]) => `${name}: ${a.literal}`)),
      targets: picked.flatMap(([, a]) => a.targets),
      label: picked
        .map(([, a]) => a.label)
        .filter(Boolean)
        .join(', '),
      probe: picked.some(([, a]) => a.probe),
    };
  });
}
