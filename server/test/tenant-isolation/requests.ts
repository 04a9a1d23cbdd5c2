import {
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GraphQLResponse, TestApp } from '../harness.js';
import type { Caller } from './callers.js';

/** Runs an operation as the caller, in process through `yoga.fetch`. */
export async function run(
  app: TestApp,
  caller: Caller,
  document: string,
  extraHeaders: Record<string, string> = {},
) {
  const response = await app.yoga.fetch(
    'http://isolation.test/graphql',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...caller.headers, ...extraHeaders },
      body: JSON.stringify({ query: document }),
    },
    { requestId: `isolation-${caller.role}`, ip: '127.0.0.1' },
  );
  return (await response.json()) as GraphQLResponse;
}

/**
 * Runs a query as the caller sees it: a field the role may not read fails, and a failing non-null
 * field nulls its parents (a customer's `products` would vanish whole over `components`), so such
 * fields are cut and the query run again. Every answer on the way is returned, to be scanned.
 */
export async function runAsSeen(app: TestApp, caller: Caller, document: string) {
  const answers: GraphQLResponse[] = [];
  let ast = parse(document);
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const response = await run(app, caller, print(ast));
    answers.push(response);
    const refused = (response.errors ?? [])
      .filter((e) => e.extensions?.code === 'FORBIDDEN' && (e.path?.length ?? 0) > 1)
      .map((e) => e.path!.filter((p): p is string => typeof p === 'string'));
    if (!refused.length) break;
    const [operation] = ast.definitions as [OperationDefinitionNode];
    const selectionSet = refused.reduce(withoutField, operation.selectionSet);
    ast = { ...ast, definitions: [{ ...operation, selectionSet }] };
  }
  return answers;
}

/** The selection set without the field at `path` (response names, list indices left out). */
function withoutField(selectionSet: SelectionSetNode, path: string[]): SelectionSetNode {
  const [head, ...rest] = path;
  return {
    ...selectionSet,
    selections: selectionSet.selections.flatMap((s): SelectionNode[] => {
      if (s.kind === Kind.INLINE_FRAGMENT)
        return [{ ...s, selectionSet: withoutField(s.selectionSet, path) }];
      if (s.kind !== Kind.FIELD || s.name.value !== head) return [s];
      if (!rest.length) return [];
      return s.selectionSet ? [{ ...s, selectionSet: withoutField(s.selectionSet, rest) }] : [s];
    }),
  };
}

/** Runs `work` on `size` items at a time. */
export async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
