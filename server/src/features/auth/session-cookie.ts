import type { Context } from '../../context.js';
import { requireUser } from '../../context.js';
import { AppError, badInput, forbidden, unauthenticated } from '../../errors.js';
import { refusalOf } from '../../transaction.js';
import { type IssuedTokens, refreshSession, revokeAllSessions, revokeSession } from './sessions.service.js';

/**
 * The webapp keeps its refresh token where page script cannot read it: an HttpOnly cookie sent only
 * to /graphql (where refreshSession reads it) and never with a cross-site request (SameSite=Strict),
 * so an injected script cannot carry a 30-day session away. Access tokens stay in the page's memory.
 * API clients and the bot keep passing refresh tokens explicitly.
 */
export const refreshCookieName = 'posy_refresh';
const refreshCookiePath = '/graphql';

/** The request header by which a sign-in asks for the refresh token in the cookie instead of the answer. */
export const refreshCookieHeader = 'x-refresh-token-cookie';

/** Tokens as the answer carries them: no refresh token when it went into the cookie. */
export type DeliveredTokens = Omit<IssuedTokens, 'refreshToken'> & { refreshToken: string | null };

/**
 * Hands freshly issued tokens to the caller: in the cookie when it asked for that (the header, or a
 * refresh by cookie) and the operation came over HTTP, else in the answer.
 */
export function deliverTokens(ctx: Context, tokens: IssuedTokens, viaCookie = false): DeliveredTokens {
  const wantsCookie = viaCookie || ctx.http?.requestHeaders.get(refreshCookieHeader) === '1';
  if (!ctx.http || !wantsCookie) return tokens;
  const maxAge = Math.max(0, Math.floor((tokens.refreshTokenExpiresAt.getTime() - Date.now()) / 1000));
  ctx.http.setCookie(serialize(ctx, tokens.refreshToken, maxAge));
  return { ...tokens, refreshToken: null };
}

/**
 * refreshSession without a token argument: trades the cookie's refresh token and puts the next one
 * into the cookie. Refused from another site's pages (FORBIDDEN); a refused token clears the cookie.
 */
export async function refreshSessionFromCookie(ctx: Context): Promise<DeliveredTokens> {
  if (!ctx.http) throw badInput('Pass refreshToken: cookies are read over HTTP only', 'refreshToken');
  if (!isSameOrigin(ctx.http.requestHeaders)) {
    throw forbidden('The refresh cookie is accepted from this app’s own pages only');
  }
  const refreshToken = cookieValue(ctx.http.requestHeaders.get('cookie'), refreshCookieName);
  if (!refreshToken) throw unauthenticated('No refresh token: pass refreshToken or sign in again');
  try {
    return deliverTokens(ctx, await refreshSession(ctx, refreshToken), true);
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal instanceof AppError && refusal.extensions.code === 'UNAUTHENTICATED') clearRefreshCookie(ctx);
    throw error;
  }
}

/** Signing out removes the cookie (a no-op for callers that never had one). */
export function clearRefreshCookie(ctx: Context): void {
  ctx.http?.setCookie(serialize(ctx, '', 0));
}

/** Ends the signed-in user's current session and removes its cookie. */
export async function logout(ctx: Context): Promise<true> {
  await revokeSession(ctx, requireUser(ctx).sessionId, 'logout');
  clearRefreshCookie(ctx);
  return true;
}

/** Ends every session of the signed-in user (this one too); answers how many ended. */
export async function logoutEverywhere(ctx: Context): Promise<number> {
  const ended = await revokeAllSessions(ctx, requireUser(ctx).userId, 'logout everywhere');
  clearRefreshCookie(ctx);
  return ended;
}

function serialize(ctx: Context, value: string, maxAgeSeconds: number): string {
  const attributes = [
    `${refreshCookieName}=${value}`,
    `Path=${refreshCookiePath}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  // Plain http://localhost in development (vite dev, a phone on the LAN); HTTPS everywhere else.
  if (ctx.config.env !== 'development') attributes.push('Secure');
  return attributes.join('; ');
}

/**
 * Whether the request comes from a page of this origin. Browsers send Sec-Fetch-Site with every
 * fetch; older ones at least Origin on a cross-origin POST. SameSite=Strict already keeps the cookie
 * off other sites' requests; this also refuses sibling subdomains, which are the same "site".
 */
function isSameOrigin(headers: Headers): boolean {
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = headers.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host === headers.get('host');
  } catch {
    return false;
  }
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim() || undefined;
    }
  }
  return undefined;
}
