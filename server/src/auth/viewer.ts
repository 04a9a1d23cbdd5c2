import type { Role, SignInMethod } from '@posy/prisma';

/** Who is calling. Resolved once per request (or per WebSocket connection) from its credentials. */
export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      sessionId: string;
      /** How this session was opened; null for sessions from before it was recorded. */
      signInMethod: SignInMethod | null;
      /** Active memberships: shop id → role. */
      memberships: ReadonlyMap<string, Role>;
    }
  | { kind: 'apiKey'; apiKeyId: string; shopId: string; scopes: ReadonlySet<string> };

/** What the viewer is in the active shop: a staff role, a customer of it, or an integrator's key. */
export type ShopRole = Role | 'CUSTOMER' | 'API_KEY';

export const anonymous: Viewer = { kind: 'anonymous' };

export const actorIds = (viewer: Viewer) => ({
  actorId: viewer.kind === 'user' ? viewer.userId : null,
  actorApiKeyId: viewer.kind === 'apiKey' ? viewer.apiKeyId : null,
});
