import {
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';
import { useOperationCheck } from './operation-check.js';

/**
 * Refuses every operation that carries a NUL character (U+0000) in any string it passes, as a literal
 * (`"\u0000"`) or in its variables, before anything runs. PostgreSQL text cannot hold NUL, so such a
 * value would otherwise reach the database and come back as a masked internal error. Checking the
 * operation rather than each argument covers every input, present and future, of every type (String,
 * ID, custom scalars); over WebSocket too, since ws.ts executes through `yoga.getEnveloped`. The
 * refusal is BAD_USER_INPUT with `field` naming the argument (e.g. `filter.search`).
 */
export function useRefuseNulCharacters(): Plugin {
  return useOperationCheck((args) => {
    const field = fieldWithNul(args.document, args.variableValues ?? {});
    return field === null ? null : [badInput(`${field} must not contain a NUL character (\\u0000)`, field)];
  });
}

/** The argument path (`filter.search`) of the first string holding NUL, from literals or variables; else null. */
function fieldWithNul(document: DocumentNode, variables: Readonly<Record<string, unknown>>): string | null {
  // Where each variable is first used (`$f` → ['filter']), to name the argument rather than the variable.
  const variablePaths = new Map<string, string[]>();
  let found: string[] | null = null;

  // A hand-written walk over arguments only: graphql's `visit` took several times longer per operation.
  const value = (node: ValueNode, path: string[]) => {
    if (found) return;
    if (node.kind === Kind.STRING) {
      if (node.value.includes('\0')) found = path;
    } else if (node.kind === Kind.OBJECT) {
      for (const field of node.fields) value(field.value, [...path, field.name.value]);
    } else if (node.kind === Kind.LIST) {
      for (const item of node.values) value(item, path);
    } else if (node.kind === Kind.VARIABLE && !variablePaths.has(node.name.value)) {
      variablePaths.set(node.name.value, path);
    }
  };
  const args = (nodes: readonly ArgumentNode[] | undefined) => {
    for (const arg of nodes ?? []) value(arg.value, [arg.name.value]);
  };
  const directives = (nodes: readonly DirectiveNode[] | undefined) => {
    for (const directive of nodes ?? []) args(directive.arguments);
  };
  const selections = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      directives(selection.directives);
      if (selection.kind === Kind.FIELD) args(selection.arguments);
      if (selection.kind !== Kind.FRAGMENT_SPREAD) selections(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      // A default value (`$s: String = "…"`) is named for its variable.
      for (const variable of definition.variableDefinitions ?? []) {
        if (variable.defaultValue) value(variable.defaultValue, [variable.variable.name.value]);
      }
    }
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
      directives(definition.directives);
      selections(definition.selectionSet);
    }
  }
  if (found) return (found as string[]).join('.');
  for (const [name, given] of Object.entries(variables)) {
    const inner = pathToNul(given);
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
