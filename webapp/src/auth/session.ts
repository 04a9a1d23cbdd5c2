import type { ResultOf } from 'gql.tada';
import { createSignal } from 'solid-js';
import type { AuthPayloadFields, SessionUserFields } from './auth.documents';

export type AuthPayload = ResultOf<typeof AuthPayloadFields>;
export type SessionUser = ResultOf<typeof SessionUserFields>;
export type Membership = SessionUser['memberships'][number];

/** The signed-in user's tokens and the shop they work in now (sent as X-Shop-Id). */
export interface Session {
  accessToken: string;
  /** ISO 8601; the client refreshes a little before it. */
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUser;
  /** Null until the user picks a shop (users with several memberships). */
  activeShopId: string | null;
}

/** localStorage key; bump the version when Session's shape changes so old data is dropped, not misread. */
export const sessionStorageKey = 'posy.session.v1';

/**
 * Reads a stored session, or null when there is none or it is not a session of this shape
 * (written by an older version, edited by hand).
 */
export function parseStoredSession(stored: string | null): Session | null {
  if (!stored) return null;
  try {
    const value: unknown = JSON.parse(stored);
    if (!isRecord(value) || !isRecord(value.user)) return null;
    const { accessToken, accessTokenExpiresAt, refreshToken, user, activeShopId } = value;
    if (typeof accessToken !== 'string' || typeof refreshToken !== 'string') return null;
    if (typeof accessTokenExpiresAt !== 'string' || typeof user.id !== 'string') return null;
    if (!Array.isArray(user.memberships)) return null;
    if (activeShopId !== null && typeof activeShopId !== 'string') return null;
    return value as unknown as Session;
  } catch {
    return null;
  }
}

/**
 * The shop to work in: the preferred one while the user is still a member of it, else the only
 * membership, else none (the shop picker asks).
 */
export function pickActiveShopId(
  memberships: readonly Membership[],
  preferred: string | null,
): string | null {
  if (preferred && memberships.some((membership) => membership.shop.id === preferred)) return preferred;
  if (memberships.length === 1) return memberships[0]?.shop.id ?? null;
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

/** After any sign-in: keeps the previously chosen shop when the same user signs in again. */
export function startSession(payload: AuthPayload): Session {
  const previous = currentSession();
  const preferredShop = previous?.user.id === payload.user.id ? previous.activeShopId : null;
  const next: Session = {
    ...payload,
    activeShopId: pickActiveShopId(payload.user.memberships, preferredShop),
  };
  save(next);
  return next;
}

/** After a token refresh: new tokens and user, same shop while still a member. */
export function renewSession(payload: AuthPayload): void {
  const previous = currentSession();
  save({
    ...payload,
    activeShopId: pickActiveShopId(payload.user.memberships, previous?.activeShopId ?? null),
  });
}

/** Fresher user data (the `me` query): memberships granted or revoked since sign-in take effect. */
export function updateSessionUser(user: SessionUser): void {
  const current = currentSession();
  if (!current || current.user.id !== user.id) return;
  save({ ...current, user, activeShopId: pickActiveShopId(user.memberships, current.activeShopId) });
}

export function chooseShop(shopId: string): void {
  const current = currentSession();
  if (!current) return;
  if (!current.user.memberships.some((membership) => membership.shop.id === shopId)) {
    throw new Error(`Not a member of shop ${shopId}`);
  }
  save({ ...current, activeShopId: shopId });
}

export function endSession(): void {
  save(null);
}

/** The membership of the active shop (its role and the shop's currency and time zone). Reactive. */
export function activeMembership(): Membership | undefined {
  const current = currentSession();
  return current?.user.memberships.find((membership) => membership.shop.id === current.activeShopId);
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
