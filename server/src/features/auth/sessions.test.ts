import { createHash, createHmac } from 'node:crypto';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/harness.js';

/**
 * Password sign-in, refresh-token rotation, logout and access-token checks, over real HTTP against
 * a real database. The server signs with a key this file generated (JWT_PRIVATE_KEY), so tokens
 * can be crafted that are correctly signed and wrong in exactly one way.
 */

let app: TestApp;
let serverKey: CryptoKey;
let kid: string;

const PASSWORD = 'posy-demo';
const INVALID_TOKEN = 'Access token is invalid or expired';
const SESSION_ENDED = 'Session has ended; sign in again';

beforeAll(async () => {
  const keys = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  serverKey = keys.privateKey;
  app = await startTestApp({ JWT_PRIVATE_KEY: await jose.exportPKCS8(keys.privateKey) });
  const jwks = (await (await fetch(`${app.url}/.well-known/jwks.json`)).json()) as { keys: jose.JWK[] };
  // The served key is the one we configured, so tokens we sign below are "the server's".
  expect(jwks.keys[0]!.x).toBe((await jose.exportJWK(keys.publicKey)).x);
  kid = jwks.keys[0]!.kid!;
});
afterAll(() => app?.stop());

const LOGIN = /* GraphQL */ `
  mutation Login($email: String!, $password: String!, $device: String) {
    loginWithPassword(email: $email, password: $password, device: $device) {
      accessToken accessTokenExpiresAt refreshToken
      user { id email name memberships { role shop { slug } } }
    }
  }
`;
const REFRESH = /* GraphQL */ `
  mutation Refresh($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken refreshToken user { id email memberships { role } }
    }
  }
`;
const ME = '{ me { id email } }';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: string;
  user: { id: string; email: string; name: string; memberships: { role: string; shop?: { slug: string } }[] };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const sessionIdOf = (accessToken: string) => jose.decodeJwt(accessToken).sid as string;

async function login(email: string, device?: string): Promise<Tokens> {
  const result = await app.gql<{ loginWithPassword: Tokens }>(LOGIN, { email, password: PASSWORD, device });
  expect(result.errors).toBeUndefined();
  return result.data!.loginWithPassword;
}

async function refresh(refreshToken: string) {
  return app.gql<{ refreshSession: Tokens }>(REFRESH, { refreshToken });
}

/** `me` with these headers; the error (if any) is returned for exact assertions. */
async function me(headers: Record<string, string>) {
  const result = await app.gql<{ me: { id: string } | null }>(ME, {}, headers);
  return { id: result.data?.me?.id ?? null, error: result.errors?.[0] };
}

async function expectRefused(headers: Record<string, string>, message: string) {
  const { id, error } = await me(headers);
  expect(id).toBeNull();
  expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(error?.message).toBe(message);
}

async function counts() {
  const [sessions, refreshTokens, liveSessions] = await Promise.all([
    app.prisma.session.count(),
    app.prisma.refreshToken.count(),
    app.prisma.session.count({ where: { revokedAt: null } }),
  ]);
  return { sessions, refreshTokens, liveSessions };
}

async function userId(email: string) {
  return (await app.prisma.user.findUniqueOrThrow({ where: { email } })).id;
}

/** A token signed with the server's own key; each option breaks exactly one thing. */
async function craftToken(
  claims: { sub: string; sid?: string },
  options: {
    issuer?: string;
    audience?: string;
    expiresAt?: number;
    kid?: string;
    typ?: string;
    key?: CryptoKey;
  } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const header: jose.JWTHeaderParameters = { alg: 'EdDSA', kid: options.kid ?? kid };
  if (options.typ !== '') header.typ = options.typ ?? 'at+jwt';
  return new jose.SignJWT(claims.sid ? { sid: claims.sid } : {})
    .setProtectedHeader(header)
    .setSubject(claims.sub)
    .setIssuer(options.issuer ?? 'posy')
    .setAudience(options.audience ?? 'posy-api')
    .setIssuedAt(now - 120)
    .setExpirationTime(options.expiresAt ?? now + 300)
    .sign(options.key ?? serverKey);
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** Valid claims as a base64url JWT payload, for tokens assembled by hand (unsigned or wrongly signed). */
function unsignedClaims(sub: string, sid: string) {
  const now = Math.floor(Date.now() / 1000);
  return b64url(JSON.stringify({ sub, sid, iss: 'posy', aud: 'posy-api', iat: now, exp: now + 300 }));
}

describe('loginWithPassword', () => {
  test('right email and password: tokens, the user, and a Session row with device and ip', async () => {
    const before = await counts();
    const started = Date.now();
    const tokens = await login('ADMIN@posy.demo', 'vitest on linux');

    expect(tokens.user.email).toBe('admin@posy.demo');
    expect(tokens.user.name).toBe('Anna Admin');
    // The caller was anonymous when asking, yet the answer is about them: the webapp needs these.
    expect(tokens.user.memberships).toEqual([{ role: 'ADMIN', shop: { slug: 'demo' } }]);
    expect(tokens.refreshToken).toMatch(/^[\w-]{43}$/);
    const expiresIn = new Date(tokens.accessTokenExpiresAt).getTime() - started;
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000 + 1000);

    const header = jose.decodeProtectedHeader(tokens.accessToken);
    expect(header).toEqual({ alg: 'EdDSA', kid, typ: 'at+jwt' });
    const claims = jose.decodeJwt(tokens.accessToken);
    expect(claims).toMatchObject({ sub: tokens.user.id, iss: 'posy', aud: 'posy-api' });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);

    const session = await app.prisma.session.findUniqueOrThrow({ where: { id: claims.sid as string } });
    expect(session).toMatchObject({
      userId: tokens.user.id,
      device: 'vitest on linux',
      ip: '127.0.0.1',
      revokedAt: null,
    });
    expect(session.expiresAt.getTime() - started).toBeGreaterThan(29 * 24 * 3600_000);
    // Only the refresh token's hash is stored.
    const stored = await app.prisma.refreshToken.findMany({ where: { sessionId: session.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(sha256(tokens.refreshToken));
    expect(await app.prisma.refreshToken.count({ where: { tokenHash: tokens.refreshToken } })).toBe(0);

    expect(await counts()).toEqual({
      sessions: before.sessions + 1,
      refreshTokens: before.refreshTokens + 1,
      liveSessions: before.liveSessions + 1,
    });
    expect((await me(bearer(tokens.accessToken))).id).toBe(tokens.user.id);
  });

  test('a wrong password and an unknown email get the same answer, and change nothing', async () => {
    const admin = await app.prisma.user.findUniqueOrThrow({ where: { email: 'admin@posy.demo' } });
    const before = await counts();
    const wrongPassword = await app.gql(LOGIN, { email: 'admin@posy.demo', password: 'posy-demo!' });
    const unknownEmail = await app.gql(LOGIN, { email: 'nobody@posy.demo', password: PASSWORD });
    for (const result of [wrongPassword, unknownEmail]) {
      expect(result.data).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.errors![0]!.message).toBe('Wrong email or password');
    }
    expect(await counts()).toEqual(before);
    const after = await app.prisma.user.findUniqueOrThrow({ where: { email: 'admin@posy.demo' } });
    expect(after.lastSeenAt).toEqual(admin.lastSeenAt);
  });

  test.each([
    ['a malformed email', { email: 'admin-at-posy.demo', password: PASSWORD }, 'Enter a valid email'],
    ['an empty password', { email: 'admin@posy.demo', password: '' }, 'Enter your password'],
    [
      'an oversized device',
      { email: 'admin@posy.demo', password: PASSWORD, device: 'x'.repeat(201) },
      'device is limited to 200 characters',
    ],
  ])('%s is BAD_USER_INPUT and opens no session', async (_name, variables, message) => {
    const before = await counts();
    const result = await app.gql(LOGIN, variables);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain(message);
    expect(await counts()).toEqual(before);
  });

  test('a device of exactly 200 characters is accepted', async () => {
    const tokens = await login('admin@posy.demo', 'd'.repeat(200));
    const session = await app.prisma.session.findUniqueOrThrow({
      where: { id: sessionIdOf(tokens.accessToken) },
    });
    expect(session.device).toBe('d'.repeat(200));
  });
});

describe('refreshSession', () => {
  test('rotates: a new pair for the same session, the old refresh token stops working', async () => {
    const first = await login('manager@posy.demo', 'rotation');
    const result = await refresh(first.refreshToken);
    expect(result.errors).toBeUndefined();
    const second = result.data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user).toEqual({
      id: first.user.id,
      email: 'manager@posy.demo',
      memberships: [{ role: 'MANAGER' }],
    });
    expect(sessionIdOf(second.accessToken)).toBe(sessionIdOf(first.accessToken));
    expect((await me(bearer(second.accessToken))).id).toBe(first.user.id);

    const used = await app.prisma.refreshToken.findUniqueOrThrow({
      where: { tokenHash: sha256(first.refreshToken) },
    });
    expect(used.usedAt).not.toBeNull();
  });

  test('reuse of a used refresh token ends the whole family, and only that family', async () => {
    const other = await login('manager@posy.demo', 'other device');
    const first = await login('manager@posy.demo', 'stolen');
    const second = (await refresh(first.refreshToken)).data!.refreshSession;
    const sessionId = sessionIdOf(first.accessToken);

    const replay = await refresh(first.refreshToken);
    expect(replay.data).toBeNull();
    expect(replay.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(replay.errors?.[0]?.message).toBe(
      'This refresh token was already used; the session was ended for safety',
    );

    const session = await app.prisma.session.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session.revokedAt).not.toBeNull();
    expect(session.revokedReason).toBe('refresh token reused');
    // The legitimate holder's new tokens die with the family.
    await expectRefused(bearer(second.accessToken), SESSION_ENDED);
    await expectRefused(bearer(first.accessToken), SESSION_ENDED);
    const before = await counts();
    const next = await refresh(second.refreshToken);
    expect(next.data).toBeNull();
    expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(next.errors?.[0]?.message).toBe('This session has ended; sign in again');
    expect(await counts()).toEqual(before);
    // Another session of the same user is untouched.
    expect((await me(bearer(other.accessToken))).id).toBe(other.user.id);
  });

  test('two concurrent uses of one refresh token: exactly one wins, and the family is ended', async () => {
    const tokens = await login('manager@posy.demo', 'race');
    const results = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)]);
    const winners = results.filter((r) => r.data?.refreshSession);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]!.errors![0]!.message).toMatch(/already used|session has ended/);
    await expectRefused(bearer(winners[0]!.data!.refreshSession.accessToken), SESSION_ENDED);
  });

  test.each([
    ['an unknown token', 'x'.repeat(43), 'UNAUTHENTICATED', 'Unknown refresh token; sign in again'],
    ['an empty token', '', 'BAD_USER_INPUT', ''],
    ['an oversized token', 'x'.repeat(201), 'BAD_USER_INPUT', ''],
  ])('%s is refused and changes nothing', async (_name, refreshToken, code, message) => {
    const before = await counts();
    const result = await refresh(refreshToken);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    if (message) expect(result.errors?.[0]?.message).toBe(message);
    expect(await counts()).toEqual(before);
  });

  test('after logout the refresh token no longer works', async () => {
    const tokens = await login('florist@posy.demo', 'logout then refresh');
    const logout = await app.gql('mutation { logout }', {}, bearer(tokens.accessToken));
    expect(logout.data).toEqual({ logout: true });
    const before = await counts();
    const result = await refresh(tokens.refreshToken);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toBe('This session has ended; sign in again');
    expect(await counts()).toEqual(before);
  });

  test('a session past its expiry cannot be refreshed', async () => {
    const tokens = await login('florist@posy.demo', 'expired session');
    await app.prisma.session.update({
      where: { id: sessionIdOf(tokens.accessToken) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const before = await counts();
    const result = await refresh(tokens.refreshToken);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toBe('This session has expired; sign in again');
    expect(before.refreshTokens).toBe((await counts()).refreshTokens);
    // Its access token is refused too, though the token itself has not expired.
    await expectRefused(bearer(tokens.accessToken), SESSION_ENDED);
  });
});

describe('logout', () => {
  test('ends the current session only', async () => {
    const phone = await login('courier@posy.demo', 'phone');
    const laptop = await login('courier@posy.demo', 'laptop');
    const result = await app.gql('mutation { logout }', {}, bearer(phone.accessToken));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ logout: true });

    await expectRefused(bearer(phone.accessToken), SESSION_ENDED);
    expect((await me(bearer(laptop.accessToken))).id).toBe(laptop.user.id);
    const [ended, open] = await Promise.all([
      app.prisma.session.findUniqueOrThrow({ where: { id: sessionIdOf(phone.accessToken) } }),
      app.prisma.session.findUniqueOrThrow({ where: { id: sessionIdOf(laptop.accessToken) } }),
    ]);
    expect(ended.revokedReason).toBe('logout');
    expect(ended.revokedAt).not.toBeNull();
    expect(open.revokedAt).toBeNull();
  });

  test('needs a signed-in user: anonymous is UNAUTHENTICATED, an API key FORBIDDEN', async () => {
    const before = await counts();
    const anonymous = await app.gql('mutation { logout }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const apiKey = await app.gql('mutation { logout }', {}, app.demoKey);
    expect(apiKey.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const everywhere = await app.gql('mutation { logoutEverywhere }', {}, app.demoKey);
    expect(everywhere.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  test('logoutEverywhere ends every session of the user, returns how many, and no one else’s', async () => {
    const bystander = await login('admin@posy.demo', 'bystander');
    const sessions = [
      await login('florist@posy.demo', 'one'),
      await login('florist@posy.demo', 'two'),
      await login('florist@posy.demo', 'three'),
    ];
    const floristId = await userId('florist@posy.demo');
    const open = await app.prisma.session.count({ where: { userId: floristId, revokedAt: null } });
    expect(open).toBeGreaterThanOrEqual(3);

    const result = await app.gql('mutation { logoutEverywhere }', {}, bearer(sessions[1]!.accessToken));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ logoutEverywhere: open });

    for (const tokens of sessions) await expectRefused(bearer(tokens.accessToken), SESSION_ENDED);
    expect(await app.prisma.session.count({ where: { userId: floristId, revokedAt: null } })).toBe(0);
    expect(
      await app.prisma.session.count({ where: { userId: floristId, revokedReason: 'logout everywhere' } }),
    ).toBe(open);
    expect((await me(bearer(bystander.accessToken))).id).toBe(bystander.user.id);
    const again = await refresh(sessions[0]!.refreshToken);
    expect(again.errors?.[0]?.message).toBe('This session has ended; sign in again');
  });
});

describe('mySessions', () => {
  const MY_SESSIONS = '{ mySessions { id device ip current } }';

  test('lists the open sessions of the user, marking this one current', async () => {
    const customerId = await userId('customer@posy.demo');
    await app.prisma.session.updateMany({ where: { userId: customerId }, data: { revokedAt: new Date() } });
    const tablet = await login('customer@posy.demo', 'tablet');
    const desktop = await login('customer@posy.demo', 'desktop');
    await login('admin@posy.demo', 'someone else');

    const result = await app.gql<{
      mySessions: { id: string; device: string; ip: string; current: boolean }[];
    }>(MY_SESSIONS, {}, bearer(desktop.accessToken));
    expect(result.errors).toBeUndefined();
    const byDevice = Object.fromEntries(result.data!.mySessions.map((s) => [s.device, s]));
    expect(Object.keys(byDevice).sort()).toEqual(['desktop', 'tablet']);
    expect(byDevice.desktop).toEqual({
      id: sessionIdOf(desktop.accessToken),
      device: 'desktop',
      ip: '127.0.0.1',
      current: true,
    });
    expect(byDevice.tablet!.current).toBe(false);

    await app.gql('mutation { logout }', {}, bearer(tablet.accessToken));
    const after = await app.gql<{ mySessions: { device: string }[] }>(
      MY_SESSIONS,
      {},
      bearer(desktop.accessToken),
    );
    expect(after.data!.mySessions.map((s) => s.device)).toEqual(['desktop']);
  });

  test('is refused to anonymous callers', async () => {
    const result = await app.gql(MY_SESSIONS);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('access tokens', () => {
  let adminId: string;
  let adminSession: string;
  let managerId: string;
  let good: string;

  beforeAll(async () => {
    const tokens = await login('admin@posy.demo', 'token checks');
    good = tokens.accessToken;
    adminId = tokens.user.id;
    adminSession = sessionIdOf(good);
    managerId = await userId('manager@posy.demo');
  });

  test('a correctly crafted token is accepted (so each refusal below is for its one flaw)', async () => {
    expect((await me(bearer(await craftToken({ sub: adminId, sid: adminSession })))).id).toBe(adminId);
  });

  test('a tampered payload is refused', async () => {
    const [header, payload, signature] = good.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = b64url(JSON.stringify({ ...claims, sub: managerId }));
    await expectRefused(bearer(`${header}.${forged}.${signature}`), INVALID_TOKEN);
    // A flipped bit in the signature too.
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0]! ^= 1;
    await expectRefused(bearer(`${header}.${payload}.${b64url(flipped)}`), INVALID_TOKEN);
  });

  test('a token signed by another key, with our kid, issuer and audience, is refused', async () => {
    const stranger = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const token = await craftToken({ sub: adminId, sid: adminSession }, { key: stranger.privateKey });
    await expectRefused(bearer(token), INVALID_TOKEN);
  });

  test('alg "none" is refused', async () => {
    const header = b64url(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid }));
    const payload = unsignedClaims(adminId, adminSession);
    await expectRefused(bearer(`${header}.${payload}.`), INVALID_TOKEN);
    await expectRefused(bearer(`${header}.${payload}`), INVALID_TOKEN);
  });

  test('HS256 keyed with the public key (algorithm confusion) is refused', async () => {
    const jwk = (await (await fetch(`${app.url}/.well-known/jwks.json`)).json()) as { keys: jose.JWK[] };
    const publicKey = await jose.importJWK(jwk.keys[0]!, 'EdDSA');
    const pem = await jose.exportSPKI(publicKey as CryptoKey);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'at+jwt', kid }));
    const payload = unsignedClaims(adminId, adminSession);
    for (const secret of [pem, Buffer.from(jwk.keys[0]!.x!, 'base64url'), jwk.keys[0]!.x!]) {
      const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
      await expectRefused(bearer(`${header}.${payload}.${signature}`), INVALID_TOKEN);
    }
  });

  test.each([
    ['a wrong issuer', { issuer: 'someone-else' }],
    ['a wrong audience', { audience: 'another-api' }],
    ['an expiry in the past', { expiresAt: Math.floor(Date.now() / 1000) - 5 }],
    ['another key id', { kid: 'not-our-key' }],
    ['no at+jwt type', { typ: 'JWT' }],
    ['no type at all', { typ: '' }],
  ])('a token with %s is refused, though signed by the server key', async (_name, options) => {
    await expectRefused(
      bearer(await craftToken({ sub: adminId, sid: adminSession }, options)),
      INVALID_TOKEN,
    );
  });

  test('a token without a session id is refused', async () => {
    await expectRefused(bearer(await craftToken({ sub: adminId })), INVALID_TOKEN);
  });

  test('a token naming one user with another user’s session is refused', async () => {
    await expectRefused(bearer(await craftToken({ sub: managerId, sid: adminSession })), SESSION_ENDED);
  });

  test('a token of a revoked session is refused', async () => {
    const tokens = await login('admin@posy.demo', 'to revoke');
    await app.prisma.session.update({
      where: { id: sessionIdOf(tokens.accessToken) },
      data: { revokedAt: new Date(), revokedReason: 'test' },
    });
    await expectRefused(bearer(tokens.accessToken), SESSION_ENDED);
  });

  test.each([
    ['Basic credentials', `Basic ${Buffer.from('admin@posy.demo:posy-demo').toString('base64')}`],
    ['a bare token without a scheme', 'TOKEN'],
    ['Bearer with no token', 'Bearer '],
    ['Bearer with two tokens', 'Bearer a b'],
  ])('an Authorization header with %s is refused', async (_name, authorization) => {
    const value = authorization === 'TOKEN' ? good : authorization;
    await expectRefused({ authorization: value }, 'Authorization must be "Bearer <token>"');
  });

  test('a garbage bearer token is refused', async () => {
    await expectRefused(bearer('not.a.jwt'), INVALID_TOKEN);
    await expectRefused(bearer('x'), INVALID_TOKEN);
  });

  test('the scheme is case-insensitive', async () => {
    expect((await me({ authorization: `bearer ${good}` })).id).toBe(adminId);
  });

  test('the JWKS verifies a real access token (EdDSA pinned, issuer, audience) and not a stranger’s', async () => {
    const jwks = jose.createRemoteJWKSet(new URL(`${app.url}/.well-known/jwks.json`));
    const options = { algorithms: ['EdDSA'], issuer: 'posy', audience: 'posy-api', typ: 'at+jwt' };
    const { payload, protectedHeader } = await jose.jwtVerify(good, jwks, options);
    expect(payload.sub).toBe(adminId);
    expect(payload.sid).toBe(adminSession);
    expect(protectedHeader.kid).toBe(kid);

    const stranger = await jose.generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await craftToken({ sub: adminId, sid: adminSession }, { key: stranger.privateKey });
    await expect(jose.jwtVerify(forged, jwks, options)).rejects.toThrow(/signature verification failed/);
    await expect(jose.jwtVerify(good, jwks, { ...options, audience: 'another-api' })).rejects.toThrow(
      /unexpected "aud" claim value/,
    );
  });
});
