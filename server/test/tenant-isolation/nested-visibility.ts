import { getNamedType, isLeafType, isObjectType } from 'graphql';
import { schema } from '../../src/schema.js';
import type { TestApp } from '../harness.js';
import type { Caller } from './callers.js';
import { implementsNode } from './ids.js';
import { inBatches, runAsSeen } from './requests.js';

/*
 * Nested visibility: whatever a caller reaches through a nested field or connection
 * (`customers { orders }`, `orders { customer }`, `orders { items { product } }`) must be no more than
 * the same caller gets at the root: the node from `node(id)` (which applies the same rule as the root
 * lists), with every value the nested path showed. People (`User`, no node) are held to personView.
 */

/** A node as answers showed it: where it was first found, and the values of its leaf fields. */
export interface Reached {
  typename: string;
  at: string;
  leaves: Map<string, string>;
}

// An empty list is no leaf: an answer cannot tell an empty list of objects (a finished task's
// `batches: []`), which node(id) must be asked with a selection, from an empty list of scalars.
const isLeafValue = (value: unknown) =>
  value !== null &&
  (typeof value !== 'object' || (Array.isArray(value) && value.length > 0 && !value.some(isObject)));
const isObject = (value: unknown) => value !== null && typeof value === 'object';

/** Walks an answer, calling `visit` with every object that has a `__typename`, and where it is. */
function objectsIn(data: unknown, at: string, visit: (object: Record<string, unknown>, at: string) => void) {
  if (Array.isArray(data)) for (const [i, item] of data.entries()) objectsIn(item, `${at}[${i}]`, visit);
  else if (data && typeof data === 'object') {
    const object = data as Record<string, unknown>;
    if (typeof object.__typename === 'string') visit(object, at);
    for (const [key, value] of Object.entries(object)) objectsIn(value, `${at}.${key}`, visit);
  }
}

/** Adds every Relay node of an answer, at any depth, to `found` (global id → what was shown of it). */
export function collectNodes(data: unknown, where: string, found: Map<string, Reached>) {
  objectsIn(data, 'data', (object, at) => {
    const type = schema.getType(object.__typename as string);
    if (typeof object.id !== 'string' || !isObjectType(type) || !implementsNode(type)) return;
    const reached = found.get(object.id) ?? {
      typename: type.name,
      at: `${where} at ${at}`,
      leaves: new Map(),
    };
    const fields = type.getFields();
    for (const [field, value] of Object.entries(object)) {
      // By the schema, not the value: an empty list of objects (`photos: []`) is no leaf to select bare.
      const leaf = fields[field] && isLeafType(getNamedType(fields[field].type));
      if (field !== '__typename' && leaf && isLeafValue(value))
        reached.leaves.set(field, JSON.stringify(value));
    }
    found.set(object.id, reached);
  });
}

/**
 * What the nested paths showed beyond `node(id)` as the same caller: nodes it does not give, and
 * values it refuses or answers otherwise. One lookup per node: in `nodes(ids:)` one refusal fails all.
 */
export async function beyondTheRoot(app: TestApp, caller: Caller, found: Map<string, Reached>) {
  const failures: string[] = [];
  await inBatches([...found], 8, async ([id, reached]) => {
    const fields = [...reached.leaves.keys()].join(' ');
    const document = `{ node(id: ${JSON.stringify(id)}) { id ... on ${reached.typename} { ${fields} } } }`;
    const answers = await runAsSeen(app, caller, document);
    const node = answers.at(-1)?.data?.node as Record<string, unknown> | null | undefined;
    const what = `${caller.role} reaches ${readable(id)} through ${reached.at}`;
    if (node?.id !== id) return void failures.push(`${what}, but node(id) does not give it`);
    for (const [field, shown] of reached.leaves) {
      const atRoot = node[field] == null ? undefined : JSON.stringify(node[field]);
      if (atRoot !== shown)
        failures.push(`${what}: ${field} shows ${shown}, node(id) ${atRoot ?? 'nothing'}`);
    }
  });
  return failures;
}

/** Fields of another person a caller may see, by what the caller is (see personView in access.ts). */
const PERSON_FIELDS = {
  staff: new Set(['__typename', 'id', 'name', 'telegramUsername', 'locale']),
  public: new Set(['__typename', 'id', 'name']),
};

/** Where an answer shows more of another person than personView allows the caller; adds whom it showed to `met`. */
export function peopleBeyondTheirView(
  data: unknown,
  where: string,
  caller: Caller,
  met: Set<string>,
): string[] {
  const view = caller.role === 'CUSTOMER' ? 'public' : 'staff';
  const failures: string[] = [];
  objectsIn(data, 'data', (object, at) => {
    if (object.__typename !== 'User' || object.id === caller.userId) return;
    if (object.name != null) met.add(String(object.id));
    const shown = Object.keys(object).filter((field) => object[field] != null);
    const beyond = shown.filter((field) => !PERSON_FIELDS[view].has(field));
    if (view === 'public' && /\s/.test(String(object.name ?? ''))) beyond.push('a full name');
    if (beyond.length)
      failures.push(`${caller.role} sees ${beyond.join(', ')} of a person in ${where} at ${at}`);
  });
  return failures;
}

/**
 * Gives one of the demo customer's orders a florist and a courier, so that the customer's walk meets
 * staff (`orders { courier florist }`; the seed assigns none to the orders of the demo customer), and
 * takes the product it bought off sale, so the walk meets a product the catalog no longer lists.
 */
export async function staffTheCustomersOrder(app: TestApp, customerUserId: string) {
  const order = await app.prisma.order.findFirstOrThrow({ where: { customer: { userId: customerUserId } } });
  const staff = await app.prisma.membership.findMany({
    where: { shopId: order.shopId, role: { in: ['FLORIST', 'COURIER'] }, revokedAt: null },
  });
  const idOf = (role: string) => staff.find((m) => m.role === role)!.userId;
  await app.prisma.order.update({
    where: { id: order.id },
    data: { floristId: idOf('FLORIST'), courierId: idOf('COURIER') },
  });
  const item = await app.prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
  await app.prisma.product.update({ where: { id: item.productId }, data: { active: false } });
}

/** `T:uuid` of a global id, for messages. */
const readable = (id: string) => Buffer.from(id, 'base64url').toString('utf8');
