import { type DocumentNode, type ExecutionArgs, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';

/**
 * Refuses every operation that carries a NUL character (U+0000) in any string it passes, as a literal
 * (`"\u0000"`) or in its variables, before anything runs. PostgreSQL text cannot hold NUL, so such a
 * value would otherwise reach the database and come back as a masked internal error. Checking the
 * operation rather than each argument covers every input, present and future, of every type (String,
 * ID, custom scalars); over WebSocket too, since ws.ts executes through `yoga.getEnveloped`. The
 * refusal is BAD_USER_INPUT with `field` naming the argument (e.g. `filter.search`).
 */
export function useRefuseNulCharacters(): Plugin {
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: ExecutionArgs;
    setResultAndStopExecution: (result: { errors: Error[] }) => void;
  }) => {
    const field = fieldWithNul(args.document, args.variableValues ?? {});
    if (field !== null) {
      setResultAndStopExecution({
        errors: [badInput(`${field} must not contain a NUL character (\\u0000)`, field)],
      });
    }
  };
  return { onExecute: check, onSubscribe: check };
}

/** The argument path (`filter.search`) of the first string holding NUL, from literals or variables; else null. */
function fieldWithNul(document: DocumentNode, variables: Readonly<Record<string, unknown>>): string | null {
  const path: string[] = [];
  const variablePaths = new Map<string, string[]>();
  let found: string | null = null;
  // A default value (`$s: String = "…"`) is named for its variable; the `$s` there is no use of it.
  let inVariableDefinition = false;
  visit(document, {
    enter(node) {
      if (node.kind === Kind.VARIABLE_DEFINITION) {
        inVariableDefinition = true;
        path.push(node.variable.name.value);
      }
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) path.push(node.name.value);
      if (node.kind === Kind.STRING && node.value.includes('\0')) found ??= path.join('.');
      if (node.kind === Kind.VARIABLE && !inVariableDefinition && !variablePaths.has(node.name.value)) {
        variablePaths.set(node.name.value, [...path]);
      }
    },
    leave(node) {
      if (node.kind === Kind.VARIABLE_DEFINITION) inVariableDefinition = false;
      if (
        node.kind === Kind.VARIABLE_DEFINITION ||
        node.kind === Kind.ARGUMENT ||
        node.kind === Kind.OBJECT_FIELD
      ) {
        path.pop();
      }
    },
  });
  if (found !== null) return found;
  for (const [name, value] of Object.entries(variables)) {
    const inner = pathToNul(value);
    if (inner) return [...(variablePaths.get(name) ?? [name]), ...inner].join('.');
  }
  return null;
}

/** Where in a variable's value (object keys; list items are not named) a string holds NUL, or null. */
function pathToNul(value: unknown): string[] | null {
  if (typeof value === 'string') return value.includes('\0') ? [] : null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const inner = pathToNul(item);
      if (inner) return inner;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const inner = pathToNul(item);
      if (inner) return [key, ...inner];
    }
  }
  return null;
}
