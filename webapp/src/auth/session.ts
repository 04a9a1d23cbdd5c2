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

/**
 * The signed-in user's tokens and the shop they work in now (sent as X-Shop-Id). Tokens live in this
 * page's memory only, never in storage an injected script could read: outside Telegram the refresh
 * token is in an HttpOnly cookie the server sets (so `refreshToken` is null), and after a reload the
 * first operation trades that cookie for an access token; inside Telegram, whose webview may drop
 * cookies, the app signs in from initData at each launch and keeps the refresh token here.
 */
export interface Session {
  /** Null after a reload, until the first refresh. */
  accessToken: string | null;
  /** ISO 8601; the client refreshes a little before it. */
  accessTokenExpiresAt: string | null;
  /** Null when it is in the server's HttpOnly cookie (the PWA). */
  refreshToken: string | null;
  user: SessionUser;
  /**
   * Shops the user is a customer of (a Mini App opened from a shop's bot link), found at sign-in:
   * customers are not members, so `user.memberships` does not list them.
   */
  customerShops: Shop[];
  /** Null until the user picks a shop (users with several shops). */
  activeShopId: string | null;
}

/** What survives a reload outside Telegram: who is signed in and where they work, never a token. */
export type StoredSession = Pick<Session, 'user' | 'customerShops' | 'activeShopId'>;

/** localStorage key; bump the version when StoredSession's shape changes so old data is dropped, not misread. */
export const sessionStorageKey = 'posy.session.v2';
/** Where versions before the cookie kept tokens: removed on start, so no token lingers in storage. */
const tokenStorageKey = 'posy.session.v1';

/**
 * Reads a stored session, without tokens, or null when there is none or it is not a session of this
 * shape (written by an older version, edited by hand).
 */
export function parseStoredSession(stored: string | null): Session | null {
  if (!stored) return null;
  try {
    const value: unknown = JSON.parse(stored);
    if (!isRecord(value) || !isRecord(value.user)) return null;
    const { user, activeShopId, customerShops } = value;
    if (typeof user.id !== 'string' || !Array.isArray(user.memberships)) return null;
    if (activeShopId !== null && typeof activeShopId !== 'string') return null;
    if (!Array.isArray(customerShops)) return null;
    return {
      accessToken: null,
      accessTokenExpiresAt: null,
      refreshToken: null,
      user: user as unknown as SessionUser,
      customerShops,
      activeShopId,
    };
  } catch {
    return null;
  }
}

/** The part of a session that is stored: everything but its tokens. */
export function storedPart(session: Session): StoredSession {
  return { user: session.user, customerShops: session.customerShops, activeShopId: session.activeShopId };
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
  if (!session.accessToken || !session.accessTokenExpiresAt) return true;
  const expiresAt = Date.parse(session.accessTokenExpiresAt);
  return Number.isNaN(expiresAt) || expiresAt - marginSeconds * 1000 <= now.getTime();
}

/** Set by restoreSession: outside Telegram the session (without tokens) outlives a reload. */
let storage: Storage | undefined;

const [currentSession, setCurrentSession] = createSignal<Session | null>(null);

/**
 * Outside Telegram (`persist`): picks up the session a previous page load stored (its tokens come
 * from the refresh cookie on the first operation), keeps it stored from now on, and follows other
 * tabs. Inside Telegram nothing is kept: each launch signs in from initData. Either way, what older
 * versions stored with tokens in it is removed.
 */
export function restoreSession(from: Storage, { persist }: { persist: boolean }): void {
  from.removeItem(tokenStorageKey);
  if (!persist) {
    from.removeItem(sessionStorageKey);
    return;
  }
  storage = from;
  setCurrentSession(parseStoredSession(from.getItem(sessionStorageKey)));
  // Another tab signed in, chose a shop or signed out. Its tokens are its own (memory only); this tab
  // keeps its own while the user is the same, and refreshes from the shared cookie when it needs to.
  window.addEventListener('storage', (event) => {
    if (event.key !== sessionStorageKey) return;
    const stored = parseStoredSession(event.newValue);
    const current = currentSession();
    setCurrentSession(
      stored && current?.user.id === stored.user.id ? { ...current, ...storedPart(stored) } : stored,
    );
  });
}

/** The current session, or null when signed out. Reactive. */
export const session = currentSession;

function save(next: Session | null): void {
  setCurrentSession(next);
  if (next) storage?.setItem(sessionStorageKey, JSON.stringify(storedPart(next)));
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
