import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from './harness.js';

const LOGIN =
  'mutation { loginWithPassword(email: "admin@posy.demo", password: "posy-demo") { accessToken } }';

async function auditedIp(app: TestApp, forwardedFor: string) {
  const result = await app.gql(LOGIN, {}, { 'x-forwarded-for': forwardedFor });
  expect(result.errors).toBeUndefined();
  const entry = await app.prisma.auditLog.findFirstOrThrow({
    where: { action: 'loginWithPassword' },
    orderBy: { id: 'desc' },
  });
  return entry.ip;
}

describe('the client address (audit, rate limits)', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([startTestApp(), startTestApp({ TRUST_PROXY_HOPS: '1' })]);
  });
  afterAll(() => Promise.all([direct?.stop(), proxied?.stop()]));

  test('with no trusted proxy, a forged X-Forwarded-For is ignored', async () => {
    expect(await auditedIp(direct, '203.0.113.9')).toMatch(/127\.0\.0\.1$/);
  });

  test('behind one proxy, the entry that proxy appended is the client; entries the client wrote are not', async () => {
    expect(await auditedIp(proxied, '198.51.100.7, 203.0.113.9')).toBe('203.0.113.9');
  });
});
