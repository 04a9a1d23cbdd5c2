import {
  type ExecutionArgs,
  type GraphQLError,
  getOperationAST,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * A plugin that checks each operation once its document and variables are known and, when `check` finds
 * something wrong, answers its errors instead of running anything: over HTTP and over WebSocket alike
 * (ws.ts executes and subscribes through `yoga.getEnveloped`).
 */
export function useOperationCheck<Context extends Record<string, unknown> = Record<string, never>>(
  check: (args: ExecutionArgs) => readonly GraphQLError[] | null,
): Plugin<Context> {
  const run = ({
    args,
    setResultAndStopExecution,
  }: {
    args: ExecutionArgs;
    setResultAndStopExecution: (result: { errors: readonly GraphQLError[] }) => void;
  }) => {
    const errors = check(args);
    if (errors?.length) setResultAndStopExecution({ errors });
  };
  return { onExecute: run, onSubscribe: run };
}

/**
 * The operation that runs and its variables coerced as execution will see them (defaults included), or
 * null when there is none or the variables are invalid: execution then refuses it with its own error.
 */
export function operationWithVariables(
  args: ExecutionArgs,
): { operation: OperationDefinitionNode; variables: Record<string, unknown> } | null {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return null;
  const result = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    args.variableValues ?? {},
  );
  return result.coerced ? { operation, variables: result.coerced } : null;
}
