import type { ResultOf } from 'gql.tada';
import { createSignal } from 'solid-js';
import type { AuthPayloadFields, SessionUserFields } from './auth.documents';

export type AuthPayload = ResultOf<typeof AuthPayloadFields>;
export type SessionUser = ResultOf<typeof SessionUserFields>;
export type Membership = SessionUser['memberships'][number];
export type Shop = Membership['shop'];

/** What the user is in a shop: staff with a role (a membership), or one of its customers. */
export interface ShopAccess {
  role: Membership['role'] | 'CUSTOMER';
  shop: Shop;
}

/** The signed-in user's tokens and the shop they work in now (sent as X-Shop-Id). */
export interface Session {
  accessToken: string;
  /** ISO 8601; the client refreshes a little before it. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUser;
  /**
   * Shops the user is a customer of (a Mini App opened from a shop's bot link), found at sign-in:
   * customers are not members, so `user.memberships` does not list them.
   */
  customerShops: Shop[];
  /** Null until the user picks a shop (users with several shops). */
  activeShopId: string | null;
}

/** localStorage key; bump the version when Session's shape changes so old data is dropped, not misread. */
export const sessionStorageKey = 'posy.session.v1';

/**
 * Reads a stored session, or null when there is none or it is not a session of this shape
 * (written by an older version, edited by hand). Sessions stored before customer shops existed read
 * as having none.
 */
export function parseStoredSession(stored: string | null): Session | null {
  if (!stored) return null;
  try {
    const value: unknown = JSON.parse(stored);
    if (!isRecord(value) || !isRecord(value.user)) return null;
    const { accessToken, accessTokenExpiresAt, refreshToken, user, activeShopId, customerShops } = value;
    if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') return null;
    if (typeof accessTokenExpiresAt !== 'string' || typeof user.id !== 'string') return null;
    if (!Array.isArray(user.memberships)) return null;
    if (activeShopId !== null && typeof activeShopId !== 'string') return null;
    if (customerShops !== undefined && !Array.isArray(customerShops)) return null;
    return { ...(value as unknown as Session), customerShops: customerShops ?? [] };
  } catch {
    return null;
  }
}

/** Every shop the user may work or shop in: memberships first, then shops where they are only a customer. */
export function shopAccesses(user: SessionUser, customerShops: readonly Shop[]): ShopAccess[] {
  const staffShops = new Set(user.memberships.map((membership) => membership.shop.id));
  return [
    ...user.memberships,
    ...customerShops
      .filter((shop) => !staffShops.has(shop.id))
      .map((shop): ShopAccess => ({ role: 'CUSTOMER', shop })),
  ];
}

/**
 * The shop to work in: the preferred one while the user still has it, else the only one, else none
 * (the shop picker asks).
 */
export function pickActiveShopId(accesses: readonly ShopAccess[], preferred: string | null): string | null {
  if (preferred && accesses.some((access) => access.shop.id === preferred)) return preferred;
  if (accesses.length === 1) return accesses[0]?.shop.id ?? null;
  return null;
}

/** Whether the access token is expired or will be within `marginSeconds` (clock skew, request time). */
export function isAccessTokenExpiring(session: Session, now: Date, marginSeconds = 30): boolean {
  const expiresAt = Date.parse(session.accessTokenExpiresAt);
  return Number.isNaN(expiresAt) || expiresAt - marginSeconds * 1000 <= now.getTime();
}

const storage = typeof localStorage === 'undefined' ? undefined : localStorage;

const [currentSession, setCurrentSession] = createSignal<Session | null>(
  parseStoredSession(storage?.getItem(sessionStorageKey) ?? null),
);

/** The current session, or null when signed out. Reactive. */
export const session = currentSession;

function save(next: Session | null): void {
  setCurrentSession(next);
  if (next) storage?.setItem(sessionStorageKey, JSON.stringify(next));
  else storage?.removeItem(sessionStorageKey);
}

/**
 * After any sign-in, with the shops the user is a customer of (see findCustomerShops): keeps the
 * previously chosen shop when the same user signs in again.
 */
export function startSession(payload: AuthPayload, customerShops: Shop[] = []): Session {
  const previous = currentSession();
  const preferredShop = previous?.user.id === payload.user.id ? previous.activeShopId : null;
  const next: Session = {
    ...payload,
    customerShops,
    activeShopId: pickActiveShopId(shopAccesses(payload.user, customerShops), preferredShop),
  };
  save(next);
  return next;
}

/** After a token refresh: new tokens and user, same shop while the user still has it. */
export function renewSession(payload: AuthPayload): void {
  const previous = currentSession();
  const customerShops = previous?.user.id === payload.user.id ? previous.customerShops : [];
  save({
    ...payload,
    customerShops,
    activeShopId: pickActiveShopId(shopAccesses(payload.user, customerShops), previous?.activeShopId ?? null),
  });
}

/** Fresher user data (the `me` query): memberships granted or revoked since sign-in take effect. */
export function updateSessionUser(user: SessionUser): void {
  const current = currentSession();
  if (!current || current.user.id !== user.id) return;
  save({
    ...current,
    user,
    activeShopId: pickActiveShopId(shopAccesses(user, current.customerShops), current.activeShopId),
  });
}

/**
 * The session after joining a shop (an accepted invite): the new membership, replacing any earlier
 * one in that shop, and that shop as the one to work in.
 */
export function withMembership(current: Session, membership: Membership): Session {
  const others = current.user.memberships.filter((existing) => existing.shop.id !== membership.shop.id);
  return {
    ...current,
    user: { ...current.user, memberships: [...others, membership] },
    activeShopId: membership.shop.id,
  };
}

/** After accepting an invite: work in the shop just joined (a new shop re-creates the app, see App.tsx). */
export function joinShop(membership: Membership): void {
  const current = currentSession();
  if (current) save(withMembership(current, membership));
}

export function chooseShop(shopId: string): void {
  const current = currentSession();
  if (!current) return;
  if (!shopAccesses(current.user, current.customerShops).some((access) => access.shop.id === shopId)) {
    throw new Error(`Not a member or customer of shop ${shopId}`);
  }
  save({ ...current, activeShopId: shopId });
}

export function endSession(): void {
  save(null);
}

/** What the user is in the active shop (role, or customer) and the shop's currency and time zone. Reactive. */
export function activeShopAccess(): ShopAccess | undefined {
  const current = currentSession();
  if (!current?.activeShopId) return undefined;
  return shopAccesses(current.user, current.customerShops).find(
    (access) => access.shop.id === current.activeShopId,
  );
}

// Another tab signed in, refreshed the tokens (refresh tokens rotate, so ours is now spent) or signed out.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === sessionStorageKey) setCurrentSession(parseStoredSession(event.newValue));
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
