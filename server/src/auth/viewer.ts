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
  | { kind: 'apiKey'; apiKeyId: string; shopId: string; scopes: ReadonlySet<string> }
  /**
   * The shop's own background work (a graphile-worker task such as the subscription order generator). Never
   * the result of any credential: only a job builds it (src/jobs/system-context.ts). Audited with no actor,
   * which the apps show as "the shop", and with the job named in the entry.
   */
  | { kind: 'system'; job: string };

/** What the viewer is in the active shop: a staff role, a customer of it, an integrator's key, or the shop itself. */
export type ShopRole = Role | 'CUSTOMER' | 'API_KEY' | 'SYSTEM';

export const anonymous: Viewer = { kind: 'anonymous' };

export const actorIds = (viewer: Viewer) => ({
  actorId: viewer.kind === 'user' ? viewer.userId : null,
  actorApiKeyId: viewer.kind === 'apiKey' ? viewer.apiKeyId : null,
});
