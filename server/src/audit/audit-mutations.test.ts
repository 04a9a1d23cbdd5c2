import { DEMO_PASSWORD } from '@posy/prisma/seed';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

const CREATE_KEY = /* GraphQL */ `
  mutation ($name: String!) { createApiKey(name: $name, scopes: [ORDERS_READ]) { apiKey { id } } }
`;
const LOGIN = /* GraphQL */ `
  mutation ($email: String!, $password: String!) {
    loginWithPassword(email: $email, password: $password) { accessToken }
  }
`;

const CHANGE_ROLE =
  'mutation ($id: ID!, $role: Role!) { changeStaffRole(membershipId: $id, role: $role) { ... on Membership { role } } }';
const REMOVE = 'mutation ($id: ID!) { removeStaffMember(membershipId: $id) { ... on Membership { id } } }';

let app: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await app.signIn('admin@posy.demo');
});
afterAll(() => app?.stop());

/** Real database triggers, made per test in this file's own database and dropped after it. */
const cleanups: string[] = [];
async function sql(statement: string, cleanup?: string) {
  await app.prisma.$executeRawUnsafe(statement);
  if (cleanup) cleanups.push(cleanup);
}
afterEach(async () => {
  while (cleanups.length) await app.prisma.$executeRawUnsafe(cleanups.pop()!);
});

/** Makes PostgreSQL refuse inserts into `table` (optionally only rows whose `action` is `action`). */
async function refuseInserts(table: string, action?: string) {
  const condition = action ? `NEW.action = '${action}'` : 'true';
  await sql(
    `CREATE FUNCTION test_refuse_${table}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN IF ${condition} THEN RAISE EXCEPTION 'test: % refused', TG_TABLE_NAME; END IF; RETURN NEW; END $$`,
    `DROP FUNCTION test_refuse_${table}()`,
  );
  await sql(
    `CREATE TRIGGER test_refuse BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_refuse_${table}()`,
    `DROP TRIGGER test_refuse ON "${table}"`,
  );
}

describe('a mutation and its audit entry commit together', () => {
  test('a mutation whose audit entry cannot be written changes nothing', async () => {
    await refuseInserts('AuditLog', 'createApiKey');
    const before = await app.prisma.apiKey.count();

    const result = await app.gql(CREATE_KEY, { name: 'Unaudited key' }, admin);

    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await app.prisma.apiKey.count()).toBe(before);
    expect(await app.prisma.apiKey.count({ where: { name: 'Unaudited key' } })).toBe(0);
  });

  test('a mutation that fails after its first write leaves neither the change nor an audit entry', async () => {
    // loginWithPassword writes the Session, then the user's lastSeenAt, then the RefreshToken: refuse the last.
    await refuseInserts('RefreshToken');
    const user = await app.prisma.user.findUniqueOrThrow({ where: { email: 'florist@posy.demo' } });
    const sessionsBefore = await app.prisma.session.count({ where: { userId: user.id } });

    const result = await app.gql(LOGIN, { email: 'florist@posy.demo', password: DEMO_PASSWORD });

    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await app.prisma.session.count({ where: { userId: user.id } })).toBe(sessionsBefore);
    const after = await app.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.lastSeenAt).toEqual(user.lastSeenAt);
    expect(
      await app.prisma.auditLog.count({ where: { actorId: user.id, action: 'loginWithPassword' } }),
    ).toBe(0);
  });

  test('a login code whose audit entry cannot be written leaves no code, no outbox row and no send job', async () => {
    await refuseInserts('AuditLog', 'requestLoginCode');
    const manager = await app.prisma.user.findUniqueOrThrow({ where: { email: 'manager@posy.demo' } });
    const jobs = () =>
      app.prisma.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier = 'send-notification'`;
    const rows = async () => ({
      codes: await app.prisma.loginCode.count({ where: { userId: manager.id } }),
      notifications: await app.prisma.notification.count({ where: { userId: manager.id } }),
      jobs: (await jobs())[0]?.count,
    });
    const before = await rows();

    const result = await app.gql('mutation { requestLoginCode(email: "manager@posy.demo") }');

    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await rows()).toEqual(before);
  });

  test('the audit entry is written in the same database transaction as the change', async () => {
    // Each insert into ApiKey or AuditLog notes the id of the transaction that made it.
    await sql('CREATE TABLE test_insert_xid (tbl text, xid bigint)', 'DROP TABLE test_insert_xid');
    await sql(
      `CREATE FUNCTION test_note_xid() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO test_insert_xid VALUES (TG_TABLE_NAME, txid_current()); RETURN NEW; END $$`,
      'DROP FUNCTION test_note_xid()',
    );
    for (const table of ['ApiKey', 'AuditLog']) {
      await sql(
        `CREATE TRIGGER test_note_xid AFTER INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_note_xid()`,
        `DROP TRIGGER test_note_xid ON "${table}"`,
      );
    }

    const result = await app.gql(CREATE_KEY, { name: 'Audited key' }, admin);

    expect(result.errors).toBeUndefined();
    const noted = await app.prisma.$queryRawUnsafe<{ tbl: string; xid: bigint }[]>(
      'SELECT tbl, xid FROM test_insert_xid ORDER BY tbl',
    );
    expect(noted.map((row) => row.tbl)).toEqual(['ApiKey', 'AuditLog']);
    expect(noted[0]?.xid).toBe(noted[1]?.xid);
  });

  test('a refused sign-in is still audited, though its own writes rolled back', async () => {
    const result = await app.gql(LOGIN, { email: 'florist@posy.demo', password: 'not the password' });

    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const failed = await app.prisma.auditLog.findFirstOrThrow({
      where: { action: 'loginWithPassword.failed' },
      orderBy: { id: 'desc' },
    });
    expect(failed.changes).toMatchObject({ email: 'florist@posy.demo', password: '[redacted]' });
  });

  // Events go through Redis when the app has one (as in production); read them straight from its channel.
  test.skipIf(!process.env.REDIS_URL)(
    'a rolled-back change publishes nothing; the next committed one does',
    async () => {
      // A courier of its own, so no other test file publishes on this user's channel.
      const shop = await app.prisma.membership.findFirstOrThrow({
        where: { user: { email: 'admin@posy.demo' } },
      });
      const user = await app.prisma.user.create({ data: { name: 'Temporary Courier' } });
      const member = await app.prisma.membership.create({
        data: { userId: user.id, shopId: shop.shopId, role: 'COURIER' },
      });
      const subscriber = new Redis(process.env.REDIS_URL!);
      const events: unknown[] = [];
      subscriber.on('message', (_channel, message) => events.push(JSON.parse(message)));
      await subscriber.subscribe(`access:changed:user:${user.id}`);
      try {
        await refuseInserts('AuditLog', 'removeStaffMember');
        const removal = await app.gql(REMOVE, { id: member.id }, admin);
        expect(removal.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(await app.prisma.membership.findUniqueOrThrow({ where: { id: member.id } })).toMatchObject({
          revokedAt: null,
        });

        const change = await app.gql(CHANGE_ROLE, { id: member.id, role: 'FLORIST' }, admin);
        expect(change.errors).toBeUndefined();
        // One publishing connection keeps its order: had the removal published, its event would come first.
        await waitFor('the role change event', () => events[0]);
        expect(events[0]).toEqual({ reason: 'role changed' });
      } finally {
        await subscriber.quit();
      }
    },
  );
});

/** Polls until `check` returns something other than undefined. */
async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
