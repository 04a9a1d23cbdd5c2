import type { PrismaClient } from '@posy/prisma';
import { badInput, forbidden, unauthenticated } from '../errors.js';
import { UUID } from '../graphql/global-id.js';
import { findApiKey, looksLikeApiKey } from './api-keys.js';
import type { CredentialCache } from './credential-cache.js';
import { sha256, type TokenSigner } from './tokens.js';
import { anonymous, type ShopRole, type Viewer } from './viewer.js';

export interface Credentials {
  /** `Authorization` header: `Bearer <access token or API key>`. */
  authorization?: string | null;
  /** `X-API-Key` header. */
  apiKey?: string | null;
}

/**
 * Resolves who is calling. No credentials → anonymous; credentials that do not check out are an
 * UNAUTHENTICATED error (never silently anonymous, so clients know to refresh).
 */
export async function authenticate(
  deps: { prisma: PrismaClient; signer: TokenSigner; credentials: CredentialCache },
  credentials: Credentials,
): Promise<Viewer> {
  const bearer = credentials.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (credentials.authorization && !bearer) throw unauthenticated('Authorization must be "Bearer <token>"');
  const presentedKey = credentials.apiKey ?? (bearer && looksLikeApiKey(bearer) ? bearer : null);
  if (presentedKey) {
    const key = await deps.credentials.apiKey(sha256(presentedKey), async () => {
      const found = await findApiKey(deps.prisma, presentedKey);
      return (
        found && {
          apiKeyId: found.id,
          shopId: found.shopId,
          scopes: new Set(found.scopes),
          expiresAt: found.expiresAt,
        }
      );
    });
    if (!key) throw unauthenticated('Unknown, revoked or expired API key');
    return { kind: 'apiKey', apiKeyId: key.apiKeyId, shopId: key.shopId, scopes: key.scopes };
  }
  if (!bearer) return anonymous;

  const claims = await deps.signer.verifyAccessToken(bearer);
  if (!claims) throw unauthenticated('Access token is invalid or expired');
  const session = await deps.credentials.session(claims.sessionId, async () => {
    const found = await deps.prisma.session.findFirst({
      where: { id: claims.sessionId, revokedAt: null, expiresAt: { gt: new Date() } },
      select: {
        userId: true,
        signInMethod: true,
        expiresAt: true,
        user: {
          select: { memberships: { where: { revokedAt: null }, select: { shopId: true, role: true } } },
        },
      },
    });
    return (
      found && {
        userId: found.userId,
        sessionId: claims.sessionId,
        signInMethod: found.signInMethod,
        expiresAt: found.expiresAt,
        memberships: new Map(found.user.memberships.map((m) => [m.shopId, m.role])),
      }
    );
  });
  // Checked here, not in the query, so a cached session answers for its own user only.
  if (!session || session.userId !== claims.userId) throw unauthenticated('Session has ended; sign in again');
  return {
    kind: 'user',
    userId: session.userId,
    sessionId: session.sessionId,
    signInMethod: session.signInMethod,
    memberships: session.memberships,
  };
}

export interface ActiveShop {
  shopId: string | null;
  shopRole: ShopRole | null;
  customerId: string | null;
}

/**
 * Picks the shop an operation acts in from the `X-Shop-Id` header (a shop id or its global id) and
 * checks the viewer belongs to it. Without the header a viewer with exactly one shop gets that one.
 */
export async function resolveActiveShop(
  prisma: PrismaClient,
  viewer: Viewer,
  requested: string | null | undefined,
): Promise<ActiveShop> {
  const none: ActiveShop = { shopId: null, shopRole: null, customerId: null };
  const shopId = requested ? normalizeShopId(requested) : null;
  // A system viewer is built by a job with its shop already chosen (src/jobs/system-context.ts), never here.
  if (viewer.kind === 'anonymous' || viewer.kind === 'system') return none;
  if (viewer.kind === 'apiKey') {
    if (shopId && shopId !== viewer.shopId) throw forbidden('This API key belongs to another shop');
    return { shopId: viewer.shopId, shopRole: 'API_KEY', customerId: null };
  }
  if (shopId) {
    const role = viewer.memberships.get(shopId);
    if (role) return { shopId, shopRole: role, customerId: null };
    const customer = await prisma.customer.findUnique({
      where: { shopId_userId: { shopId, userId: viewer.userId } },
      select: { id: true },
    });
    if (customer) return { shopId, shopRole: 'CUSTOMER', customerId: customer.id };
    throw forbidden('You are not a member or customer of this shop');
  }
  if (viewer.memberships.size === 1) {
    const [[onlyShop, role]] = [...viewer.memberships] as [[string, ShopRole]];
    return { shopId: onlyShop, shopRole: role, customerId: null };
  }
  if (viewer.memberships.size === 0) {
    const profiles = await prisma.customer.findMany({
      where: { userId: viewer.userId },
      select: { id: true, shopId: true },
      take: 2,
    });
    if (profiles.length === 1)
      return { shopId: profiles[0]!.shopId, shopRole: 'CUSTOMER', customerId: profiles[0]!.id };
  }
  return none;
}

function normalizeShopId(value: string): string {
  if (UUID.test(value)) return value.toLowerCase();
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  if (decoded.startsWith('Shop:') && UUID.test(decoded.slice(5))) return decoded.slice(5).toLowerCase();
  throw badInput('X-Shop-Id is not a shop id', 'X-Shop-Id');
}
