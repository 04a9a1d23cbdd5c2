import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { API_SCOPES } from '../src/auth/api-keys.js';
import type { Context } from '../src/context.js';
import { schema } from '../src/schema.js';
import { createSecondShop, type SecondShop } from './fixtures/second-shop.js';
import { type GraphQLResponse, startTestApp, type TestApp } from './harness.js';
import { brokenRun, isTypedError } from './tenant-isolation/answers.js';
import { A_ROLES, anonymousContext, type Callers, callersOf } from './tenant-isolation/callers.js';
import { globalId } from './tenant-isolation/ids.js';
import { leaks, shopBTraces } from './tenant-isolation/leaks.js';
import {
  beyondTheRoot,
  collectNodes,
  peopleBeyondTheirView,
  type Reached,
  staffTheCustomersOrder,
} from './tenant-isolation/nested-visibility.js';
import {
  type IsolationCase,
  isolationCases,
  ROOTS,
  type Root,
  rootFields,
} from './tenant-isolation/operations.js';
import { inBatches, run, runAsSeen } from './tenant-isolation/requests.js';
import { MUTATIONS_WITHOUT_SHOP_TARGET, REFUSALS, SUBSCRIPTION_TRIGGERS } from './tenant-isolation/rules.js';
import { shopBDigest } from './tenant-isolation/shop-b-digest.js';
import { listen } from './tenant-isolation/subscriptions.js';

/*
 * Tenant isolation, generated from the schema (issue: "a user of shop A tries to reach shop B's objects
 * and gets nothing"). Every field of Query, Mutation and Subscription becomes operations whose ID
 * arguments (and ID fields of input objects) name shop B's objects, with a selection set walked from
 * the return type (tenant-isolation/operations.ts). They run as every role of shop A and as shop A's
 * API key; no answer may hold any of shop B's ids or values, mutations naming shop B's objects must
 * fail, and shop B's rows must not change.
 *
 * When the suite cannot build an operation for a field it fails, naming the rule to add in
 * tenant-isolation/rules.ts.
 */

let app: TestApp;
let b: SecondShop;
let appContext: Context;
let callers: Callers;
let digestBefore: Record<string, string>;
let cases: Record<Root, IsolationCase[]>;
let gaps: string[];

beforeAll(async () => {
  app = await startTestApp();
  b = await createSecondShop(app.prisma);
  appContext = await anonymousContext(app);
  callers = await callersOf(app, appContext, b);
  ({ cases, gaps } = isolationCases(b));
  digestBefore = await shopBDigest(app.prisma, b);
});
afterAll(() => app?.stop());

describe('tenant isolation: shop A reaches nothing of shop B', () => {
  test('every root field gets operations (coverage guard)', () => {
    expect(gaps, `Fields the isolation suite cannot exercise — add a rule:\n${gaps.join('\n')}`).toEqual([]);
    for (const root of ROOTS) {
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
    const admin = await callers.shopBAdmin();
    const seen = new Set<string>();
    await inBatches(cases.query, 8, async (c) => {
      for (const response of await runAsSeen(app, admin, c.document))
        for (const trace of shopBTraces(b, response)) seen.add(trace.split(' shows ')[1]!);
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
      const caller = await callers.shopA(role);
      await inBatches(cases.query, 8, async (c) => {
        const where = `${role} query.${c.field} [${c.label}]`;
        for (const response of await runAsSeen(app, caller, c.document)) {
          const broken = brokenRun(response, c);
          if (broken) failures.push(`${where}: ${broken}`);
          failures.push(...leaks(b, where, response, c.targets));
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
        const response = await run(app, await callers.shopA(role), c.document);
        const where = `${role} mutation.${c.field} [${c.label}]`;
        const broken = brokenRun(response, c);
        if (broken) failures.push(`${where}: ${broken}`);
        failures.push(...leaks(b, where, response, c.targets));
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
      const caller = await callers.shopA(role);
      for (const shopId of [b.shopId, globalId('Shop', b.shopId)]) {
        await inBatches(firstOfEachField, 8, async (c) => {
          const response = await run(app, caller, c.document, { 'x-shop-id': shopId });
          const where = `${role} X-Shop-Id ${shopId} ${c.root}.${c.field}`;
          const codes = (response.errors ?? []).map((e) => e.extensions?.code);
          if (response.data || !codes.includes('FORBIDDEN'))
            failures.push(`${where}: not refused (${codes.join(', ')})`);
          failures.push(...leaks(b, where, response, [shopId]));
        });
      }
    }
    expect([...new Set(failures)]).toEqual([]);
  });

  describe('subscriptions over graphql-ws', () => {
    /** Makes shop B do what the case's subscription field reports. */
    const inShopB = (c: IsolationCase) => () => SUBSCRIPTION_TRIGGERS[c.field]!(b, appContext.pubsub);

    test('shop B’s own admin hears shop B’s changes (the triggers are real)', async () => {
      const admin = await callers.shopBAdmin();
      for (const c of cases.subscription.filter((c) => c.targets.length)) {
        const { received } = await listen(app, admin.connectionParams, c.document, inShopB(c));
        const heard = received.filter((r) => (r as GraphQLResponse).data?.[c.field]);
        expect(heard.length, `${c.field} [${c.label}] as shop B's admin`).toBeGreaterThan(0);
      }
    });

    test('shop A hears nothing of shop B, as any role and the API key', async () => {
      const failures: string[] = [];
      const runs = A_ROLES.flatMap((role) => cases.subscription.map((c) => [role, c] as const));
      await inBatches(runs, 12, async ([role, c]) => {
        const caller = await callers.shopA(role);
        const { received } = await listen(app, caller.connectionParams, c.document, inShopB(c));
        const where = `${role} subscription.${c.field} [${c.label}]`;
        for (const message of received) {
          const response = message as GraphQLResponse;
          if (response.data?.[c.field])
            failures.push(`${where}: received ${JSON.stringify(response.data).slice(0, 200)}`);
          failures.push(...leaks(b, where, response, c.targets));
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
        const caller = await callers.shopA(role);
        const { received, closeCode } = await listen(
          app,
          { ...caller.connectionParams, shopId: b.shopId },
          subscription.document,
          inShopB(subscription),
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
    expect(await shopBDigest(app.prisma, b)).toEqual(digestBefore);
  });
});

describe('nested visibility: a nested path shows no more than the root fields', () => {
  /*
   * The same generated queries, now read for what shop A's own callers reach through nested fields and
   * connections, as each role and as an API key holding each single scope: every node found at any
   * depth must be one `node(id)` gives that caller, with the same values, and people must show no more
   * than personView allows.
   */
  test('every node reached through any path is one node(id) gives the same caller, with the same values', async () => {
    const failures: string[] = [];
    const roles = A_ROLES.filter((role) => role !== 'API_KEY');
    const shopACallers = [
      ...(await Promise.all(roles.map((role) => callers.shopA(role)))),
      ...(await Promise.all(API_SCOPES.map((scope) => callers.shopAKey([scope])))),
    ];
    await staffTheCustomersOrder(app, (await callers.shopA('CUSTOMER')).userId!);
    // The suite's deep walk (ids below the second level) and a shallower one with every value at every level.
    const walks = [
      ...cases.query,
      ...isolationCases(b, { scalarLevels: Number.POSITIVE_INFINITY }).cases.query,
    ];
    let reached = 0;
    const peopleMetByCustomer = new Set<string>();
    for (const caller of shopACallers) {
      const found = new Map<string, Reached>();
      const met = caller.role === 'CUSTOMER' ? peopleMetByCustomer : new Set<string>();
      await inBatches(walks, 8, async (c) => {
        const where = `query.${c.field} [${c.label}]`;
        for (const response of await runAsSeen(app, caller, c.document)) {
          collectNodes(response.data, where, found);
          failures.push(...peopleBeyondTheirView(response.data, where, caller, met));
        }
      });
      reached += found.size;
      failures.push(...(await beyondTheRoot(app, caller, found)));
    }
    // The walk must really reach shop A's objects, or it proves nothing.
    expect(reached).toBeGreaterThan(100);
    expect(peopleMetByCustomer.size, 'the customer’s walk must meet staff').toBeGreaterThanOrEqual(2);
    expect([...new Set(failures)]).toEqual([]);
    // Every role and key walks every query: about 27 s on a loaded 2-core machine before checkout settings
    // added their node types, past the 30 s default after.
  }, 120_000);
});
