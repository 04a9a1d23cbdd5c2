import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ArgumentNode,
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  Kind,
  validate,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { operationWithVariables, useOperationCheck } from './operation-check.js';
import type { ServerContext } from './yoga.js';

/**
 * graphql-armor's cost limit multiplies a list's cost by its `first`/`last` only when the number is
 * written in the query; passed as a variable (as the webapp does) it counts as 1, so
 * `customers(first: $n) { … orders(first: $n) … }` with n = 100 passes at a hundredth of its cost.
 * Nor does it count list arguments: `nodes(ids: $ids)` costs the same for one id and for a hundred.
 * When an operation runs, this puts the variables' page sizes into the query, counts a field given
 * lists of n items in all like `first: n` (when that is more than its page size), and checks the cost
 * again, with the same rule and limit, before anything is resolved.
 */
export function useCostLimitWithVariables(maxCost: number): Plugin<Partial<ServerContext>> {
  // ApolloArmor is armor's way to hand out plain validation rules; only the cost rule is wanted here.
  const off = { enabled: false };
  const { validationRules } = new ApolloArmor({
    costLimit: { maxCost, ignoreIntrospection: true },
    blockFieldSuggestion: off,
    maxAliases: off,
    maxDepth: off,
    maxDirectives: off,
    maxTokens: off,
  }).protect();

  return useOperationCheck((args) => {
    const withPageSizes = inlinePageSizes(args);
    if (!withPageSizes) return null;
    const errors = validate(args.schema, withPageSizes, validationRules);
    if (!errors.length) return null;
    const overHttp = !(args.contextValue as Partial<ServerContext>).connection;
    // As the other limits: a validation error (HTTP 400 under application/graphql-response+json).
    return errors.map(
      (error) =>
        new GraphQLError(error.message, {
          extensions: {
            code: 'GRAPHQL_VALIDATION_FAILED',
            ...(overHttp ? { http: { spec: true, status: 400 } } : {}),
          },
        }),
    );
  });
}

/**
 * The document as the cost rule should see it: each `first`/`last` given by a variable replaced by the
 * variable's value, and a field whose arguments hold more list items than its page size given
 * `first: <items>` instead; null when nothing changed.
 */
function inlinePageSizes(args: ExecutionArgs): DocumentNode | null {
  // Coerced, so defaults (`$n: Int = 100`) count too.
  const running = operationWithVariables(args);
  if (!running) return null;
  const values = running.variables;
  let changed = false;
  const document = visit(args.document, {
    Field(node) {
      // The rule reads the first `first`/`last` of a field.
      const page = node.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
      const pageSize = page ? valueFromASTUntyped(page.value, values) : undefined;
      const size = typeof pageSize === 'number' && Number.isInteger(pageSize) ? pageSize : undefined;
      let items = 0;
      for (const argument of node.arguments ?? [])
        if (argument !== page) items += listItems(valueFromASTUntyped(argument.value, values));
      if (items > Math.max(size ?? 1, 1)) {
        changed = true;
        const others = (node.arguments ?? []).filter((argument) => argument !== page);
        return { ...node, arguments: [intArgument('first', items), ...others] };
      }
      if (page?.value.kind !== Kind.VARIABLE || size === undefined) return undefined;
      changed = true;
      return {
        ...node,
        arguments: node.arguments?.map((argument) =>
          argument === page ? intArgument(page.name.value, size) : argument,
        ),
      };
    },
  });
  return changed ? document : null;
}

/** Items in every list inside a value (nested lists and lists in input objects too). */
function listItems(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + 1 + listItems(item), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((sum: number, v) => sum + listItems(v), 0);
  return 0;
}

const intArgument = (name: string, value: number): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: name },
  value: { kind: Kind.INT, value: String(value) },
});
