import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  Kind,
  validate,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ServerContext } from './yoga.js';

/**
 * graphql-armor's cost limit multiplies a list's cost by its `first`/`last` only when the number is
 * written in the query; passed as a variable (as the webapp does) it counts as 1, so
 * `customers(first: $n) { … orders(first: $n) … }` with n = 100 passes at a hundredth of its cost.
 * When an operation runs, this puts the variables' page sizes into the query and checks the cost
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

  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: ExecutionArgs;
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }) => {
    const withPageSizes = inlinePageSizes(args);
    if (!withPageSizes) return;
    const errors = validate(args.schema, withPageSizes, validationRules);
    if (!errors.length) return;
    const overHttp = !(args.contextValue as Partial<ServerContext>).connection;
    setResultAndStopExecution({
      // As the other limits: a validation error (HTTP 400 under application/graphql-response+json).
      errors: errors.map(
        (error) =>
          new GraphQLError(error.message, {
            extensions: {
              code: 'GRAPHQL_VALIDATION_FAILED',
              ...(overHttp ? { http: { spec: true, status: 400 } } : {}),
            },
          }),
      ),
    });
  };
  return { onExecute: check, onSubscribe: check };
}

/** The document with each `first`/`last` given by a variable replaced by the variable's value, or null if none is. */
function inlinePageSizes(args: ExecutionArgs): DocumentNode | null {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation?.variableDefinitions?.length) return null;
  // Coerced, so defaults (`$n: Int = 100`) count too; invalid variables fail execution anyway.
  const variables = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {});
  if (!variables.coerced) return null;
  const values = variables.coerced;
  let inlined = false;
  const document = visit(args.document, {
    Argument(node) {
      if (node.name.value !== 'first' && node.name.value !== 'last') return undefined;
      if (node.value.kind !== Kind.VARIABLE) return undefined;
      const value = values[node.value.name.value];
      if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
      inlined = true;
      return { ...node, value: { kind: Kind.INT, value: String(value) } };
    },
  });
  return inlined ? document : null;
}
