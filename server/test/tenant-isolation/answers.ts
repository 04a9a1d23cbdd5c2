import { isObjectType } from 'graphql';
import { schema } from '../../src/schema.js';
import type { GraphQLResponse } from '../harness.js';
import { implementsNode } from './ids.js';
import type { IsolationCase } from './operations.js';

/**
 * Errors that mean the operation did not really run (a generator bug), or that naming shop B's object
 * broke the server: a masked error where a refusal belongs tells the caller the object exists.
 */
export function brokenRun(response: GraphQLResponse, c: IsolationCase): string | null {
  for (const error of response.errors ?? []) {
    const code = error.extensions?.code as string | undefined;
    if (code && /GRAPHQL_(PARSE|VALIDATION)_FAILED|BAD_REQUEST/.test(code))
      return `${code}: ${error.message}`;
    if ((!code || code === 'INTERNAL_SERVER_ERROR') && c.targets.length)
      return `unexpected error instead of a refusal: ${error.message}`;
  }
  return null;
}

/** Whether a mutation's value is a typed domain error (a result the client branches on), not a success. */
export function isTypedError(value: unknown) {
  const typename = (value as { __typename?: string } | null)?.__typename ?? '';
  const type = schema.getType(typename);
  return (
    isObjectType(type) && !implementsNode(type) && ('message' in type.getFields() || /Error$/.test(typename))
  );
}
