import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { getDatamodel } from '@posy/prisma/pothos-types';
import { DEMO_API_KEY, DEMO_LOGINS } from '@posy/prisma/seed';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  type SelectionSetNode,
  validate,
} from 'graphql';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import type { Context } from '../src/context.js';
import { operationLimits } from '../src/graphql/yoga.js';
import { schema } from '../src/schema.js';
import { createSecondShop, type SecondShop, SHOP_B_MARKER } from './fixtures/second-shop.js';
import { type GraphQLResponse, startTestApp, type TestApp } from './harness.js';

/*
 * Tenant isolation, generated from the schema (issue: "a user of shop A tries to reach shop B's objects
 * and gets nothing"). Every field of Query, Mutation and Subscription becomes operations whose ID
 * arguments (and ID fields of input objects) name shop B's objects, with a selection set walked from
 * the return type. They run as every role of shop A and as shop A's API key; no answer may hold any of
 * shop B's ids or values, mutations naming shop B's objects must fail, and shop B's rows must not change.
 *
 * When the suite cannot build an operation for a field it fails, naming the rule to add below.
 */

// ─── Rules: extend these when a new field needs one ────────────────────────────────────────────────

/**
 * `<prefix>Id` / `<prefix>Ids` names whose prefix is not a Prisma model or GraphQL type name. A model
 * name, or 'any' for "any of shop B's objects" (the case is repeated with each node type).
 */
const ID_NAME_RULES: Record<string, string> = {
  actor: 'User',
  acceptedBy: 'User',
  courier: 'User',
  createdBy: 'User',
  florist: 'User',
  member: 'User',
  receivedBy: 'User',
  staff: 'User',
  uploadedBy: 'User',
  batch: 'StockBatch',
  task: 'ProductionTask',
  photo: 'File',
  photoFile: 'File',
  proof: 'File',
  proofFile: 'File',
  address: 'CustomerAddress',
  node: 'any',
  target: 'any',
};

/**
 * Mutations that name no object of a shop (or only one chosen by a secret, like an invite token), so
 * they cannot be expected to fail; each says why. They still run as every role of shop A, must reveal
 * nothing of shop B and must not change shop B.
 */
const MUTATIONS_WITHOUT_SHOP_TARGET: Record<string, string> = {
  loginWithPassword: 'signs a person in by email and password; no shop is involved',
  loginWithCode: 'signs a person in with a code sent to their Telegram; no shop is involved',
  loginWithTelegram:
    'signs in from the Mini App; its shopId makes the caller a customer of that shop by design (any shop’s ' +
    'deep link works), and it fails here because the initData placeholder is not signed',
  requestLoginCode: 'sends a code to whoever owns the email; always answers true',
  refreshSession: 'trades the caller’s own refresh token',
  logout: 'ends the caller’s own session',
  logoutEverywhere: 'ends the caller’s own sessions',
  acceptInvite: 'joins the shop an invite token belongs to; the token is the secret, not an id',
  createInvite: 'creates in the active shop only; choosing shop B needs X-Shop-Id, refused below',
  createApiKey: 'creates in the active shop only; choosing shop B needs X-Shop-Id, refused below',
};

/**
 * How to make something happen in shop B that a subscription field would report, published on the
 * running app's own pub/sub (Redis when REDIS_URL is set).
 */
const SUBSCRIPTION_TRIGGERS: Record<string, (b: SecondShop, pubsub: Context['pubsub']) => void> = {
  orderUpdated: (b, pubsub) => {
    for (const orderId of b.ids.Order ?? [])
      pubsub.publish('order:changed', b.shopId, { orderId, version: 2 });
  },
};

/** Placeholders for String arguments and input fields, by name; the first match wins. */
const STRING_PLACEHOLDERS: [RegExp, string][] = [
  [/^(search|query|term|q)$/i, SHOP_B_MARKER],
  [/email/i, 'nobody@isolation.test'],
  [/phone/i, '+79990001122'],
  [/password/i, 'not-the-password'],
  [/code$/i, '000000'],
  [/token/i, 'isolation-probe-token-0123456789'],
  [/initData/i, 'auth_date=0&hash=00'],
  [/locale|language/i, 'en'],
  [/currency/i, 'EUR'],
  [/timezone/i, 'Europe/Berlin'],
  [/url/i, 'https://isolation.test/'],
  [/slug/i, 'isolation-probe'],
];

/** Errors a mutation naming shop B's object may answer with. */
const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT']);

// ─── Callers ─────────────────────────────────────────────────────────────────────────────────────

const A_ROLES = ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER', 'CUSTOMER', 'API_KEY'] as const;
type ARole = (typeof A_ROLES)[number];

interface Caller {
  role: string;
  headers: Record<string, string>;
  connectionParams: Record<string, string>;
}

let app: TestApp;
let b: SecondShop;
let appContext: Context;
let digestBefore: Record<string, string>;
let builder: ReturnType<typeof caseBuilder>;
const aUserIds = new Map<string, string>();

beforeAll(async () => {
  app = await startTestApp();
  b = await createSecondShop(app.prisma);
  appContext = await anonymousContext();
  for (const login of DEMO_LOGINS) {
    const user = await app.prisma.user.findUniqueOrThrow({
      where: { email: login.email },
      select: { id: true },
    });
    aUserIds.set(login.role, user.id);
  }
  builder = caseBuilder(b);
  digestBefore = await shopBDigest();
});
afterAll(() => app?.stop());

/** The running app's own context (anonymous): its pub/sub and token signer. */
async function anonymousContext(): Promise<Context> {
  const { contextFactory } = app.yoga.getEnveloped({
    request: new Request('http://isolation.test/graphql'),
    requestId: 'tenant-isolation',
    ip: null,
  } as never);
  return (await contextFactory()) as unknown as Context;
}

/** A fresh session (a row, as sign-in makes) and an access token signed by the app's signer. */
async function bearerFor(userId: string) {
  const session = await app.prisma.session.create({
    data: { userId, device: 'tenant-isolation test', expiresAt: new Date(Date.now() + 3_600_000) },
  });
  const { token } = await appContext.signer.signAccessToken({ userId, sessionId: session.id });
  return `Bearer ${token}`;
}

/** A caller of shop A; users get a new session each time, so one that logs out harms no other case. */
async function shopACaller(role: ARole): Promise<Caller> {
  if (role === 'API_KEY') return { role, headers: app.demoKey, connectionParams: { apiKey: DEMO_API_KEY } };
  const authorization = await bearerFor(aUserIds.get(role)!);
  return { role, headers: { authorization }, connectionParams: { authorization } };
}

/** Shop B's admin, on the fixture's session (a new one would count as a change to shop B). */
async function shopBAdmin(): Promise<Caller> {
  const { id: userId, sessionId } = b.users.ADMIN;
  const { token } = await appContext.signer.signAccessToken({ userId, sessionId });
  const authorization = `Bearer ${token}`;
  return { role: 'B ADMIN', headers: { authorization }, connectionParams: { authorization } };
}

async function run(caller: Caller, document: string, extraHeaders: Record<string, string> = {}) {
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
async function runAsSeen(caller: Caller, document: string) {
  const answers: GraphQLResponse[] = [];
  let ast = parse(document);
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const response = await run(caller, print(ast));
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

// ─── Generating operations from the schema ───────────────────────────────────────────────────────

type Root = 'query' | 'mutation' | 'subscription';

/** One way to fill an argument: its GraphQL literal and the shop B ids it names. */
interface Alternative {
  literal: string;
  targets: string[];
  /** Which of shop B's types it names, for messages. */
  label: string;
  /** Worth sending even when optional: it names shop B's objects or searches for its values. */
  probe: boolean;
}

interface IsolationCase {
  root: Root;
  field: string;
  label: string;
  document: string;
  /** Shop B's ids the operation names (uuids and global ids). */
  targets: string[];
}

class CoverageGap extends Error {}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64url');
const implementsNode = (type: GraphQLObjectType) => type.getInterfaces().some((i) => i.name === 'Node');
/** Connections and edges are plumbing: they do not count as a level of nesting. */
const isPlumbing = (name: string) => /(Connection|Edge)$/.test(name) || name === 'PageInfo';

/**
 * Builds the operations of every root field. Rules above decide what fills an argument; anything it
 * cannot fill is a CoverageGap, collected in `gaps` instead of silently skipping the field.
 */
function caseBuilder(shop: SecondShop) {
  const modelOfType = new Map<string, string>();
  const typesOfModel = new Map<string, GraphQLObjectType[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    const model = isObjectType(type)
      ? (type.extensions as { pothosPrismaModel?: string }).pothosPrismaModel
      : null;
    if (!model || !isObjectType(type)) continue;
    modelOfType.set(type.name, model);
    typesOfModel.set(model, [...(typesOfModel.get(model) ?? []), type]);
  }
  const modelNames = new Set(Object.keys(getDatamodel().datamodel.models));
  /** Models shop B has rows of and the schema exposes as Relay nodes: what `node(id)` can be asked for. */
  const nodeModels = [...typesOfModel]
    .filter(([model, types]) => types.some(implementsNode) && shop.ids[model]?.length)
    .map(([model]) => model);
  const gaps = new Set<string>();

  /** The longest model or prisma-backed type name inside a field or input name (`revokeApiKey` → ApiKey). */
  function modelNamedIn(name: string): string | null {
    const text = capitalize(name);
    const candidates = [...modelNames, ...modelOfType.keys()].filter((n) => text.includes(n));
    const best = candidates.sort((x, y) => y.length - x.length)[0];
    return best ? (modelOfType.get(best) ?? best) : null;
  }

  function modelsReturnedBy(field: GraphQLField<unknown, unknown>): string[] {
    const named = getNamedType(field.type);
    if (isObjectType(named)) return modelOfType.has(named.name) ? [modelOfType.get(named.name)!] : [];
    if (isInterfaceType(named) && named.name === 'Node') return nodeModels;
    if (isUnionType(named)) return named.getTypes().flatMap((t) => modelOfType.get(t.name) ?? []);
    return [];
  }

  function idModels(name: string, at: SlotContext, path: string): string[] {
    const prefix = /^(.+?)(Id|Ids|ID|IDs)$/.exec(name)?.[1];
    if (prefix) {
      const rule = ID_NAME_RULES[prefix];
      if (rule === 'any') return nodeModels;
      const model =
        rule ??
        (modelNames.has(capitalize(prefix)) ? capitalize(prefix) : modelOfType.get(capitalize(prefix)));
      if (model) return [model];
    } else if (name === 'id' || name === 'ids') {
      const fromInput = at.hostInput ? modelNamedIn(at.hostInput.replace(/Input$/, '')) : null;
      if (fromInput) return [fromInput];
      const returned = modelsReturnedBy(at.field);
      if (returned.length) return returned;
      const fromField = modelNamedIn(at.field.name);
      if (fromField) return [fromField];
    }
    throw new CoverageGap(
      `${path}: cannot tell which of shop B's objects "${name}" names; add a rule to ID_NAME_RULES in tenant-isolation.test.ts`,
    );
  }

  function idAlternatives(name: string, raw: boolean, at: SlotContext, path: string): Alternative[] {
    return idModels(name, at, path).flatMap((model) => {
      const uuid = shop.ids[model]?.[0];
      if (!uuid)
        throw new CoverageGap(
          `${path}: the second-shop fixture creates no ${model}; add one to fixtures/second-shop.ts`,
        );
      const nodeTypes = raw ? [] : (typesOfModel.get(model) ?? []).filter(implementsNode);
      if (!nodeTypes.length)
        return [{ literal: JSON.stringify(uuid), targets: [uuid], label: model, probe: true }];
      return nodeTypes.map((type) => {
        const id = globalId(type.name, uuid);
        return { literal: JSON.stringify(id), targets: [id, uuid], label: type.name, probe: true };
      });
    });
  }

  function scalarPlaceholder(name: string, scalar: string): Alternative | null {
    const value = (literal: string, probe = false) => ({ literal, targets: [], label: '', probe });
    const day = 24 * 3_600_000;
    switch (scalar) {
      case 'String': {
        const match = STRING_PLACEHOLDERS.find(([pattern]) => pattern.test(name));
        return value(JSON.stringify(match?.[1] ?? 'Isolation probe'), match?.[1] === SHOP_B_MARKER);
      }
      case 'Int':
        if (/^(first|last|limit|take)$/.test(name)) return value('5');
        if (/month|day/i.test(name)) return value('1');
        if (/year/i.test(name)) return value('2000');
        return value('1');
      case 'Float':
        if (/lat/i.test(name)) return value('55.75');
        if (/lon|lng/i.test(name)) return value('37.61');
        return value('1.5');
      case 'Boolean':
        // includeClosed, includeArchived…: ask for as much as there is.
        return value('true', /^include/.test(name));
      case 'DateTime': {
        const later = /end|until|to$/i.test(name) ? 2 * day : day;
        return value(JSON.stringify(new Date(Date.now() + later).toISOString()));
      }
      default:
        return null;
    }
  }

  function valueFor(
    name: string,
    type: GraphQLInputType,
    at: SlotContext,
    path: string,
  ): Alternative[] | null {
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      const items = valueFor(name, inner.ofType, at, path);
      if (!items?.length) return null;
      // A list of ids names every candidate at once (`nodes(ids: […])`); other lists hold one value.
      const chosen = items.some((i) => i.targets.length) ? items : items.slice(0, 1);
      return [
        {
          literal: `[${chosen.map((i) => i.literal).join(', ')}]`,
          targets: chosen.flatMap((i) => i.targets),
          label: chosen.length > 1 ? `all of ${chosen.map((i) => i.label).join(', ')}` : chosen[0]!.label,
          probe: chosen.some((i) => i.probe),
        },
      ];
    }
    if (isInputObjectType(inner)) {
      const entries: [string, Alternative[]][] = [];
      for (const field of Object.values(inner.getFields())) {
        const fieldPath = `${path}.${field.name}`;
        const alternatives = valueFor(field.name, field.type, { ...at, hostInput: inner.name }, fieldPath);
        if (isNonNullType(field.type) && field.defaultValue === undefined) {
          if (!alternatives)
            throw new CoverageGap(
              `${fieldPath}: no placeholder for ${String(field.type)}; add one to the rules`,
            );
          entries.push([field.name, alternatives]);
        } else if (alternatives?.some((a) => a.probe)) {
          entries.push([field.name, alternatives]);
        }
      }
      return combine(entries, (parts) => `{${parts.join(', ')}}`);
    }
    if (isEnumType(inner)) {
      return [{ literal: inner.getValues()[0]!.name, targets: [], label: '', probe: false }];
    }
    if (isScalarType(inner)) {
      if (inner.name === 'ID') return idAlternatives(name, false, at, path);
      if (inner.name === 'String' && /[a-z](Id|Ids)$/.test(name)) return idAlternatives(name, true, at, path);
      const placeholder = scalarPlaceholder(name, inner.name);
      return placeholder ? [placeholder] : null;
    }
    return null;
  }

  /** The arguments of a field: required ones always, optional ones only in `probe` mode and when they probe. */
  function argumentAlternatives(field: GraphQLField<unknown, unknown>, path: string, probe: boolean) {
    const entries: [string, Alternative[]][] = [];
    for (const arg of field.args) {
      const argPath = `${path}(${arg.name})`;
      const alternatives = valueFor(arg.name, arg.type, { field }, argPath);
      if (isNonNullType(arg.type) && arg.defaultValue === undefined) {
        if (!alternatives)
          throw new CoverageGap(`${argPath}: no placeholder for ${String(arg.type)}; add one to the rules`);
        entries.push([arg.name, alternatives]);
      } else if (probe && alternatives?.some((a) => a.probe)) {
        entries.push([arg.name, alternatives]);
      }
    }
    return combine(entries, (parts) => (parts.length ? `(${parts.join(', ')})` : ''));
  }

  /** Alternatives of several slots, index by index, so every candidate of every slot is used once. */
  function combine(entries: [string, Alternative[]][], wrap: (parts: string[]) => string): Alternative[] {
    const count = Math.max(1, ...entries.map(([, alternatives]) => alternatives.length));
    return Array.from({ length: count }, (_, index) => {
      const picked = entries.map(
        ([name, alternatives]) => [name, alternatives[Math.min(index, alternatives.length - 1)]!] as const,
      );
      return {
        literal: wrap(picked.map(([name, a]) => `${name}: ${a.literal}`)),
        targets: picked.flatMap(([, a]) => a.targets),
        label: picked
          .map(([, a]) => a.label)
          .filter(Boolean)
          .join(', '),
        probe: picked.some(([, a]) => a.probe),
      };
    });
  }

  /**
   * The selection of a type: `__typename`, every scalar on the first `SCALAR_LEVELS` levels (so values
   * without ids are scanned too), ids below, and nested objects and connections down to `maxLevel`.
   */
  function selection(type: GraphQLOutputType, level: number, maxLevel: number, path: string): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (isObjectType(named)) return `{ ${objectFields(named, level, maxLevel, path)} }`;
    if (isAbstractType(named)) {
      // Fragments on one level must agree on what a field name means (`expiresAt: DateTime` on one
      // type, `DateTime!` on another cannot be merged): a clashing field is left to the first type.
      const taken = new Map<string, string>();
      const fragments = schema
        .getPossibleTypes(named)
        .map((t) => `... on ${t.name} { ${objectFields(t, level, maxLevel, `${path}<${t.name}>`, taken)} }`);
      return `{ __typename ${fragments.join(' ')} }`;
    }
    return '';
  }

  const SCALAR_LEVELS = 2;
  function objectFields(
    type: GraphQLObjectType,
    level: number,
    maxLevel: number,
    path: string,
    taken = new Map<string, string>(),
  ): string {
    const parts = ['__typename'];
    for (const field of Object.values(type.getFields())) {
      const fieldPath = `${type.name}.${field.name}`;
      let args = '';
      try {
        args = argumentAlternatives(field, fieldPath, false)[0]!.literal;
      } catch (error) {
        if (!(error instanceof CoverageGap)) throw error;
        gaps.add(error.message);
        continue;
      }
      const signature = `${String(field.type)}${args}`;
      if ((taken.get(field.name) ?? signature) !== signature) continue;
      taken.set(field.name, signature);
      const named = getNamedType(field.type);
      if (isLeafType(named)) {
        if (level < SCALAR_LEVELS || named.name === 'ID' || /Id$/.test(field.name))
          parts.push(field.name + args);
        continue;
      }
      const next = isPlumbing(named.name) ? level : level + 1;
      if (next > maxLevel) continue;
      parts.push(`${field.name}${args} ${selection(field.type, next, maxLevel, `${path}.${field.name}`)}`);
    }
    return parts.join(' ');
  }

  /** The deepest selection that stays inside the server's limits (depth, tokens). */
  function fittingDocument(head: string, field: GraphQLField<unknown, unknown>, path: string) {
    for (let maxLevel = 3; maxLevel >= 0; maxLevel -= 1) {
      const document = `${head} ${selection(field.type, 0, maxLevel, path)} }`;
      try {
        const ast = parse(document, { maxTokens: operationLimits.maxTokens - 100 });
        if (depthOf(ast.definitions[0] as { selectionSet: SelectionSetNode }) <= operationLimits.maxDepth)
          return document;
      } catch {
        // too many tokens: one level less
      }
    }
    throw new CoverageGap(`${path}: even its flattest selection exceeds the operation limits`);
  }

  function casesFor(root: Root, field: GraphQLField<unknown, unknown>): IsolationCase[] {
    const path = `${root}.${field.name}`;
    try {
      const probing = argumentAlternatives(field, path, true);
      const bare = argumentAlternatives(field, path, false)[0]!;
      const variants = probing.some((a) => a.literal === bare.literal) ? probing : [...probing, bare];
      return variants.map((args) => {
        const document = fittingDocument(`${root} Isolation { ${field.name}${args.literal}`, field, path);
        return {
          root,
          field: field.name,
          label: args.label || (args.literal ? args.literal : 'no arguments'),
          document,
          targets: args.targets,
        };
      });
    } catch (error) {
      if (!(error instanceof CoverageGap)) throw error;
      gaps.add(error.message);
      return [];
    }
  }

  return { casesFor, gaps };
}

interface SlotContext {
  field: GraphQLField<unknown, unknown>;
  hostInput?: string;
}

function depthOf(node: { selectionSet?: SelectionSetNode }): number {
  if (!node.selectionSet) return 0;
  return Math.max(
    0,
    ...node.selectionSet.selections.map((s) =>
      s.kind === Kind.FIELD ? 1 + depthOf(s) : depthOf(s as { selectionSet?: SelectionSetNode }),
    ),
  );
}

function rootFields(root: Root) {
  const type =
    root === 'query'
      ? schema.getQueryType()
      : root === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return Object.values(type?.getFields() ?? {}) as GraphQLField<unknown, unknown>[];
}

/** Every case of every root field; `builder.gaps` afterwards holds what could not be built. */
function allCases() {
  const cases: Record<Root, IsolationCase[]> = { query: [], mutation: [], subscription: [] };
  for (const root of ['query', 'mutation', 'subscription'] as const)
    for (const field of rootFields(root)) cases[root].push(...builder.casesFor(root, field));
  return cases;
}

// ─── Finding shop B in an answer ─────────────────────────────────────────────────────────────────

/** Where an answer shows shop B: its ids (plain, in global ids or cursors, in tokens) or its values. */
function shopBTraces(response: unknown, sent: string[] = []): string[] {
  const uuids = Object.values(b.ids).flat();
  const secrets = b.secrets.map((s) => s.toLowerCase());
  const traces: string[] = [];
  const check = (text: string, where: string) => {
    const decoded = text
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('utf8'))
      .join('.');
    for (const haystack of [text.toLowerCase(), decoded.toLowerCase()]) {
      const found = uuids.find((id) => haystack.includes(id)) ?? secrets.find((s) => haystack.includes(s));
      if (found) {
        traces.push(`${where}: ${JSON.stringify(text.slice(0, 120))} shows ${found}`);
        return;
      }
    }
  };
  const visit = (value: unknown, where: string) => {
    if (typeof value === 'string') check(value, where);
    else if (Array.isArray(value)) for (const [i, item] of value.entries()) visit(item, `${where}[${i}]`);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, `${where}.${key}`);
  };
  const { data, errors } = response as GraphQLResponse;
  visit(data, 'data');
  for (const [i, error] of (errors ?? []).entries()) {
    // An error may repeat the id the caller sent; that tells the caller nothing new.
    visit(
      sent.reduce((message, id) => message.split(id).join('<sent id>'), error.message),
      `errors[${i}].message`,
    );
    visit(error.extensions, `errors[${i}].extensions`);
  }
  return traces;
}

/** Failure lines for what an answer shows of shop B: the first few, then how many more. */
function leaks(where: string, response: GraphQLResponse, c: Pick<IsolationCase, 'targets'>) {
  const traces = shopBTraces(response, c.targets);
  const lines = traces.slice(0, 3).map((trace) => `${where} leaks ${trace}`);
  if (traces.length > 3) lines.push(`${where} leaks ${traces.length - 3} more`);
  return lines;
}

/**
 * Errors that mean the operation did not really run (a generator bug), or that naming shop B's object
 * broke the server: a masked error where a refusal belongs tells the caller the object exists.
 */
function brokenRun(response: GraphQLResponse, c: IsolationCase): string | null {
  for (const error of response.errors ?? []) {
    const code = error.extensions?.code as string | undefined;
    if (code && /GRAPHQL_(PARSE|VALIDATION)_FAILED|BAD_REQUEST/.test(code))
      return `${code}: ${error.message}`;
    if ((!code || code === 'INTERNAL_SERVER_ERROR') && c.targets.length)
      return `unexpected error instead of a refusal: ${error.message}`;
  }
  return null;
}

function isTypedError(value: unknown) {
  const typename = (value as { __typename?: string } | null)?.__typename ?? '';
  const type = schema.getType(typename);
  return (
    isObjectType(type) && !implementsNode(type) && ('message' in type.getFields() || /Error$/.test(typename))
  );
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

// ─── Shop B's rows, before and after ─────────────────────────────────────────────────────────────

interface ModelField {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  relationFromFields?: string[];
}
/** Columns that change when a row is merely used (sessions, keys, users signing in). */
const VOLATILE = new Set(['lastUsedAt', 'lastSeenAt']);

/**
 * A digest (row count and a hash of every column) of every row of every table that belongs to shop B
 * or points at it, found through the Prisma data model: rows of the shop, of its users, and rows whose
 * foreign keys lead to either within three steps. A table with no such path fails the suite.
 */
async function shopBDigest() {
  const models = getDatamodel().datamodel.models as unknown as Record<string, { fields: ModelField[] }>;
  const userIds = b.ids.User ?? [];
  const owned = (model: string, depth: number): object | null => {
    if (model === 'Shop') return { id: b.shopId };
    if (model === 'User') return { id: { in: userIds } };
    if (depth === 0) return null;
    const paths = models[model]!.fields.filter(
      (f) => f.kind === 'object' && !f.isList && f.relationFromFields?.length,
    )
      .map((f) => [f.name, owned(f.type, depth - 1)] as const)
      .filter(([, where]) => where)
      .map(([name, where]) => ({ [name]: where }));
    return paths.length ? { OR: paths } : null;
  };
  const digest: Record<string, string> = {};
  const delegates = app.prisma as unknown as Record<
    string,
    { findMany(args: object): Promise<Record<string, unknown>[]> }
  >;
  for (const model of Object.keys(models)) {
    const where = owned(model, 3);
    if (!where)
      throw new Error(`No way to tell which ${model} rows belong to shop B: add a rule to shopBDigest`);
    const rows = await delegates[model.charAt(0).toLowerCase() + model.slice(1)]!.findMany({
      where,
      orderBy: { id: 'asc' },
    });
    const stable = rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([k]) => !VOLATILE.has(k))),
    );
    const json = JSON.stringify(stable, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    digest[model] = `${rows.length} rows ${createHash('sha256').update(json).digest('hex').slice(0, 16)}`;
  }
  return digest;
}

// ─── The suite ───────────────────────────────────────────────────────────────────────────────────

describe('tenant isolation: shop A reaches nothing of shop B', () => {
  let cases: Record<Root, IsolationCase[]>;
  beforeAll(() => {
    cases = allCases();
  });

  test('every root field gets operations (coverage guard)', () => {
    const gaps = [...builder.gaps];
    expect(gaps, `Fields the isolation suite cannot exercise — add a rule:\n${gaps.join('\n')}`).toEqual([]);
    for (const root of ['query', 'mutation', 'subscription'] as const) {
      const covered = new Set(cases[root].map((c) => c.field));
      expect(
        rootFields(root)
          .filter((f) => !covered.has(f.name))
          .map((f) => `${root}.${f.name}`),
      ).toEqual([]);
    }
    for (const c of [...cases.query, ...cases.mutation, ...cases.subscription]) {
      expect(validate(schema, parse(c.document)).map((e) => `${c.field}: ${e.message}`)).toEqual([]);
    }
    // Mutations must either name shop B's objects (and so be refused) or say why they cannot.
    const untargeted = rootFields('mutation')
      .map((f) => f.name)
      .filter((name) => !cases.mutation.some((c) => c.field === name && c.targets.length))
      .filter((name) => !(name in MUTATIONS_WITHOUT_SHOP_TARGET));
    expect(
      untargeted,
      'These mutations take no id of a shop object: give them an ID rule or list them with a reason in MUTATIONS_WITHOUT_SHOP_TARGET',
    ).toEqual([]);
    const stale = Object.keys(MUTATIONS_WITHOUT_SHOP_TARGET).filter(
      (name) => !schema.getMutationType()?.getFields()[name],
    );
    expect(stale, 'MUTATIONS_WITHOUT_SHOP_TARGET names mutations that no longer exist').toEqual([]);
    const untriggered = rootFields('subscription')
      .map((f) => f.name)
      .filter((name) => !SUBSCRIPTION_TRIGGERS[name]);
    expect(untriggered, 'Add a SUBSCRIPTION_TRIGGERS entry that makes shop B fire these').toEqual([]);
    console.info(
      `tenant isolation: ${rootFields('query').length} queries (${cases.query.length} operations), ` +
        `${rootFields('mutation').length} mutations (${cases.mutation.length}), ` +
        `${rootFields('subscription').length} subscriptions (${cases.subscription.length}) × ${A_ROLES.length} callers of shop A`,
    );
  });

  test('the generated operations do reach shop B when shop B asks (the probes are real)', async () => {
    const admin = await shopBAdmin();
    const seen = new Set<string>();
    await inBatches(cases.query, 8, async (c) => {
      for (const response of await runAsSeen(admin, c.document))
        for (const trace of shopBTraces(response)) seen.add(trace.split(' shows ')[1]!);
    });
    const nodes = [...new Set(cases.query.flatMap((c) => c.targets))].filter((id) => !id.includes('-'));
    const missed = nodes
      .map((id) => Buffer.from(id, 'base64url').toString('utf8'))
      .filter((typeAndId) => !seen.has(typeAndId.split(':')[1]!));
    expect(missed, 'shop B’s admin should see these through the generated queries').toEqual([]);
  });

  test('queries: no id, list, nested field or value of shop B, as any role of shop A', async () => {
    const failures: string[] = [];
    for (const role of A_ROLES) {
      const caller = await shopACaller(role);
      await inBatches(cases.query, 8, async (c) => {
        const where = `${role} query.${c.field} [${c.label}]`;
        for (const response of await runAsSeen(caller, c.document)) {
          const broken = brokenRun(response, c);
          if (broken) failures.push(`${where}: ${broken}`);
          failures.push(...leaks(where, response, c));
        }
      });
    }
    expect([...new Set(failures)]).toEqual([]);
  });

  test('mutations naming shop B’s objects are refused and reveal nothing', async () => {
    const failures: string[] = [];
    for (const role of A_ROLES) {
      // One at a time and each with its own session: logout and friends end only their own.
      for (const c of cases.mutation) {
        const response = await run(await shopACaller(role), c.document);
        const where = `${role} mutation.${c.field} [${c.label}]`;
        const broken = brokenRun(response, c);
        if (broken) failures.push(`${where}: ${broken}`);
        failures.push(...leaks(where, response, c));
        if (!c.targets.length || c.field in MUTATIONS_WITHOUT_SHOP_TARGET) continue;
        const value = (response.data as Record<string, unknown> | null | undefined)?.[c.field];
        const codes = (response.errors ?? []).map((e) => String(e.extensions?.code));
        if (value != null && !isTypedError(value)) failures.push(`${where}: succeeded against shop B`);
        else if (value == null && !codes.some((code) => REFUSALS.has(code)))
          failures.push(`${where}: answered ${codes.join(', ') || 'null without an error'}, not a refusal`);
      }
    }
    expect([...new Set(failures)]).toEqual([]);
  });

  test('X-Shop-Id of shop B is refused for every role of shop A and for its API key', async () => {
    const failures: string[] = [];
    const firstOfEachField = [...cases.query, ...cases.mutation].filter(
      (c, i, all) => all.findIndex((o) => o.root === c.root && o.field === c.field) === i,
    );
    for (const role of A_ROLES) {
      const caller = await shopACaller(role);
      for (const shopId of [b.shopId, globalId('Shop', b.shopId)]) {
        await inBatches(firstOfEachField, 8, async (c) => {
          const response = await run(caller, c.document, { 'x-shop-id': shopId });
          const where = `${role} X-Shop-Id ${shopId} ${c.root}.${c.field}`;
          const codes = (response.errors ?? []).map((e) => e.extensions?.code);
          if (response.data || !codes.includes('FORBIDDEN'))
            failures.push(`${where}: not refused (${codes.join(', ')})`);
          failures.push(...leaks(where, response, { ...c, targets: [shopId] }));
        });
      }
    }
    expect([...new Set(failures)]).toEqual([]);
  });

  describe('subscriptions over graphql-ws', () => {
    const wsUrl = () => `${app.url.replace(/^http/, 'ws')}/graphql`;

    /** Subscribes, fires shop B's trigger a few times while listening, and returns what arrived. */
    async function listen(connectionParams: Record<string, string>, c: IsolationCase) {
      const received: unknown[] = [];
      let closeCode: number | undefined;
      const client = createClient({
        url: wsUrl(),
        webSocketImpl: WebSocket,
        connectionParams,
        lazy: true,
        retryAttempts: 0,
        on: {
          closed: (event) => {
            closeCode = (event as { code?: number }).code;
          },
        },
      });
      const finished = new Promise<void>((resolve) => {
        client.subscribe(
          { query: c.document },
          {
            next: (value) => void received.push(value),
            error: (error) => {
              received.push(Array.isArray(error) ? { errors: error } : { closed: closeCode });
              resolve();
            },
            complete: resolve,
          },
        );
      });
      let ended = false;
      void finished.then(() => {
        ended = true;
      });
      // Fire a few times: the first may come before the server has started listening.
      for (const wait of [150, 250, 300]) {
        await sleep(wait);
        SUBSCRIPTION_TRIGGERS[c.field]!(b, appContext.pubsub);
        if (ended) break;
      }
      await Promise.race([finished, sleep(250)]);
      await client.dispose();
      return { received, closeCode };
    }

    test('shop B’s own admin hears shop B’s changes (the triggers are real)', async () => {
      const admin = await shopBAdmin();
      for (const c of cases.subscription.filter((c) => c.targets.length)) {
        const { received } = await listen(admin.connectionParams, c);
        const heard = received.filter((r) => (r as GraphQLResponse).data?.[c.field]);
        expect(heard.length, `${c.field} [${c.label}] as shop B's admin`).toBeGreaterThan(0);
      }
    });

    test('shop A hears nothing of shop B, as any role and the API key', async () => {
      const failures: string[] = [];
      const runs = A_ROLES.flatMap((role) => cases.subscription.map((c) => [role, c] as const));
      await inBatches(runs, 12, async ([role, c]) => {
        const caller = await shopACaller(role);
        const { received } = await listen(caller.connectionParams, c);
        const where = `${role} subscription.${c.field} [${c.label}]`;
        for (const message of received) {
          const response = message as GraphQLResponse;
          if (response.data?.[c.field])
            failures.push(`${where}: received ${JSON.stringify(response.data).slice(0, 200)}`);
          failures.push(...leaks(where, response, c));
          const broken = brokenRun(response, c);
          if (broken) failures.push(`${where}: ${broken}`);
        }
      });
      expect([...new Set(failures)]).toEqual([]);
    });

    test('a socket of shop A that asks for shop B is closed before any operation', async () => {
      const failures: string[] = [];
      const subscription = cases.subscription[0];
      if (!subscription) return;
      await inBatches([...A_ROLES], 6, async (role) => {
        const caller = await shopACaller(role);
        const { received, closeCode } = await listen(
          { ...caller.connectionParams, shopId: b.shopId },
          subscription,
        );
        if (closeCode !== 4401 && closeCode !== 4403)
          failures.push(`${role}: socket not refused (close ${closeCode})`);
        for (const message of received)
          if ((message as GraphQLResponse).data)
            failures.push(`${role}: received ${JSON.stringify(message)}`);
      });
      expect([...new Set(failures)]).toEqual([]);
    });
  });

  test('nothing of shop B changed', async () => {
    expect(await shopBDigest()).toEqual(digestBefore);
  });
});
