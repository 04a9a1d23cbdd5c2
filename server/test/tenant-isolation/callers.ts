import { DEMO_API_KEY, DEMO_LOGINS } from '@posy/prisma/seed';
import type { ApiScope } from '../../src/auth/api-keys.js';
import type { Context } from '../../src/context.js';
import type { SecondShop } from '../fixtures/second-shop.js';
import type { TestApp } from '../harness.js';

/** Everyone of shop A the suite tries shop B as: each demo role, and shop A's API key. */
export const A_ROLES = ['ADMIN', 'MANAGER', 'FLORIST', 'COURIER', 'CUSTOMER', 'API_KEY'] as const;
export type ARole = (typeof A_ROLES)[number];

/** Credentials of a caller, as HTTP headers and as graphql-ws connectionParams. */
export interface Caller {
  role: string;
  /** The signed-in person, for users. */
  userId?: string;
  headers: Record<string, string>;
  connectionParams: Record<string, string>;
}

/** The running app's own context (anonymous): its pub/sub and token signer. */
export async function anonymousContext(app: TestApp): Promise<Context> {
  const { contextFactory } = app.yoga.getEnveloped({
    request: new Request('http://isolation.test/graphql'),
    requestId: 'tenant-isolation',
    ip: null,
  } as never);
  return (await contextFactory()) as unknown as Context;
}

/** Signs callers in with tokens from the app's own signer, as sign-in would. */
export async function callersOf(app: TestApp, appContext: Context, b: SecondShop) {
  const aUserIds = new Map<string, string>();
  for (const login of DEMO_LOGINS) {
    const user = await app.prisma.user.findUniqueOrThrow({
      where: { email: login.email },
      select: { id: true },
    });
    aUserIds.set(login.role, user.id);
  }

  /** A fresh session (a row, as sign-in makes) and an access token signed by the app's signer. */
  async function bearerFor(userId: string) {
    const session = await app.prisma.session.create({
      data: { userId, device: 'tenant-isolation test', expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const { token } = await appContext.signer.signAccessToken({ userId, sessionId: session.id });
    return `Bearer ${token}`;
  }

  return {
    /** A caller of shop A; users get a new session each time, so one that logs out harms no other case. */
    async shopA(role: ARole): Promise<Caller> {
      if (role === 'API_KEY')
        return { role, headers: app.demoKey, connectionParams: { apiKey: DEMO_API_KEY } };
      const userId = aUserIds.get(role)!;
      const authorization = await bearerFor(userId);
      return { role, userId, headers: { authorization }, connectionParams: { authorization } };
    },

    /** A new API key of shop A holding only these scopes. */
    async shopAKey(scopes: readonly ApiScope[]): Promise<Caller> {
      const { headers, key } = await app.insertApiKey({ scopes: [...scopes] });
      return { role: `key ${scopes.join(',')}`, headers, connectionParams: { apiKey: key } };
    },

    /** Shop B's admin, on the fixture's session (a new one would count as a change to shop B). */
    async shopBAdmin(): Promise<Caller> {
      const { id: userId, sessionId } = b.users.ADMIN;
      const { token } = await appContext.signer.signAccessToken({ userId, sessionId });
      const authorization = `Bearer ${token}`;
      return { role: 'B ADMIN', headers: { authorization }, connectionParams: { authorization } };
    },
  };
}

export type Callers = Awaited<ReturnType<typeof callersOf>>;
