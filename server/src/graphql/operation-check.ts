import {
  type DocumentNode,
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
 *
 * A check is a function of the document, the operation name and the variables only, and the same few
 * operations arrive again and again (Yoga's parser cache hands back the same document object for the same
 * text): so a pass is remembered per document (weakly, it goes with the parser cache's entry), operation and
 * variables, and the same request again skips the walk. Only passes: a refusal is rare and its errors depend
 * on the transport. Not remembered: variables over VARIABLES_KEY_MAX bytes (they would rarely repeat, and
 * the key would cost what the check does) or holding anything JSON cannot spell (an upload's File).
 */
export function useOperationCheck<Context extends Record<string, unknown> = Record<string, never>>(
  check: (args: ExecutionArgs) => readonly GraphQLError[] | null,
): Plugin<Context> {
  const passed = new WeakMap<DocumentNode, Set<string>>();
  const run = ({
    args,
    setResultAndStopExecution,
  }: {
    args: ExecutionArgs;
    setResultAndStopExecution: (result: { errors: readonly GraphQLError[] }) => void;
  }) => {
    const variables = variablesKey(args.variableValues);
    const key = variables === null ? null : `${args.operationName ?? ''}\n${variables}`;
    const seen = passed.get(args.document);
    if (key !== null && seen?.has(key)) {
      // Most recently used last, so the oldest is the one to forget.
      seen.delete(key);
      seen.add(key);
      return;
    }
    const errors = check(args);
    if (errors?.length) return setResultAndStopExecution({ errors });
    if (key === null) return;
    const set = seen ?? new Set<string>();
    if (!seen) passed.set(args.document, set);
    set.add(key);
    if (set.size > PASSES_PER_DOCUMENT) set.delete(set.values().next().value!);
  };
  return { onExecute: run, onSubscribe: run };
}

/** Variable sets remembered per document: a screen's few pages and filters, not every search typed. */
export const PASSES_PER_DOCUMENT = 64;
/** Bytes of variables (as JSON) past which a pass is not remembered. */
export const VARIABLES_KEY_MAX = 2048;

/**
 * The variables as a cache key, computed once per request for all the checks (they share the object), or
 * null when they must not be remembered.
 */
const keys = new WeakMap<object, string | null>();
function variablesKey(variables: Readonly<Record<string, unknown>> | null | undefined): string | null {
  if (!variables) return '';
  const known = keys.get(variables);
  if (known !== undefined) return known;
  let plain = true;
  const json = JSON.stringify(variables, (_key, value: unknown) => {
    // A File or Blob would stringify as {}: two uploads would share a key.
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) plain = false;
    }
    return value;
  });
  const key = plain && json.length <= VARIABLES_KEY_MAX ? json : null;
  keys.set(variables, key);
  return key;
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
