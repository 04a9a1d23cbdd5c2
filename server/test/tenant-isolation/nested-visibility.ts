import { isObjectType } from 'graphql';
import { schema } from '../../src/schema.js';
import type { TestApp } from '../harness.js';
import type { Caller } from './callers.js';
import { implementsNode } from './ids.js';
import { inBatches, run } from './requests.js';

/*
 * Nested visibility: whatever object a caller reaches through a nested field or connection
 * (`customers { orders }`, `orders { customer }`, `orders { items { product } }`) must be one the
 * same caller gets at the root, i.e. from `node(id)`, which applies the same rule as the root lists.
 */

/** Every Relay node in an answer (global id → where it was found), at any depth. */
export function nodesIn(data: unknown, at = 'data', found = new Map<string, string>()) {
  if (Array.isArray(data)) {
    for (const [i, item] of data.entries()) nodesIn(item, `${at}[${i}]`, found);
  } else if (data && typeof data === 'object') {
    const { __typename, id } = data as { __typename?: string; id?: unknown };
    const type = __typename ? schema.getType(__typename) : null;
    if (typeof id === 'string' && isObjectType(type) && implementsNode(type) && !found.has(id))
      found.set(id, at);
    for (const [key, value] of Object.entries(data)) nodesIn(value, `${at}.${key}`, found);
  }
  return found;
}

/**
 * Of these global ids, those `node(id)` does not give the caller (null or refused). One lookup each:
 * in `nodes(ids:)` one refused id would fail them all.
 */
export async function hiddenAtRoot(app: TestApp, caller: Caller, ids: string[]) {
  const hidden: string[] = [];
  await inBatches(ids, 8, async (id) => {
    const response = await run(app, caller, `{ node(id: ${JSON.stringify(id)}) { id } }`);
    if ((response.data?.node as { id?: string } | null | undefined)?.id !== id) hidden.push(id);
  });
  return hidden;
}

/** `T:uuid` of a global id, for messages. */
export const readable = (id: string) => Buffer.from(id, 'base64url').toString('utf8');
