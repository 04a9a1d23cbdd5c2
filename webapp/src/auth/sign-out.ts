import { endSession, session } from './session';

/**
 * Set for the rest of this tab's (or Mini App launch's) life once the person signs out: inside Telegram the
 * login page would otherwise sign them straight back in from the launch's init data. A new launch starts
 * without it, and signs in as usual.
 */
const SIGNED_OUT_KEY = 'posy.signed-out';

/**
 * Signs out: revokes the refresh token on the server (`logout`; signing out locally even when that fails,
 * offline or already expired), ends the session with the address bar at `returnTo`, and forgets what was
 * kept to read offline (once the session's client, which writes that cache, is gone).
 */
export async function signOut(logout: () => Promise<unknown>, returnTo: string): Promise<void> {
  const userId = session()?.user.id;
  // Fetched while the server is told, not with the login page, which only reads the flag below.
  const forgetting = import('../offline/forget-offline-copies');
  await logout();
  sessionStorage.setItem(SIGNED_OUT_KEY, '1');
  window.history.replaceState(null, '', returnTo);
  endSession();
  if (userId) await forgetting.then(({ forgetOfflineCopies }) => forgetOfflineCopies(userId)).catch(() => {});
}

/** Whether the person signed out in this tab: the login page then waits for them to choose. */
export function signedOutByChoice(): boolean {
  return sessionStorage.getItem(SIGNED_OUT_KEY) === '1';
}

/** The person chose to sign in again. */
export function clearSignedOut(): void {
  sessionStorage.removeItem(SIGNED_OUT_KEY);
}
