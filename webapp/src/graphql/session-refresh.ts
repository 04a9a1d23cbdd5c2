import type { OperationResult } from '@urql/core';
import type { ResultOf } from 'gql.tada';
import type { RefreshSessionMutation } from '../auth/auth.documents';
import { endSession, renewSession, session } from '../auth/session';
import { describeApiError } from './errors';

/**
 * Sends the refreshSession mutation with this refresh token, or with none (the server then reads its
 * HttpOnly cookie): the auth exchange and the subscriptions each have their own way.
 */
export type SendRefresh = (
  refreshToken: string | null,
) => Promise<OperationResult<ResultOf<typeof RefreshSessionMutation>>>;

let refreshing: Promise<void> | undefined;

/** Held across this origin's tabs while one trades the shared refresh cookie. */
const refreshLockName = 'posy.session.refresh';

/**
 * Trades the refresh token for new tokens, once for every caller waiting at the same time: refresh
 * tokens work once, so the HTTP and WebSocket paths must never spend the same one twice. The cookie
 * is shared by every tab, so a cookie refresh also waits for other tabs' (Web Locks): two tabs
 * sending the same cookie would look like a stolen token and end the session. A refused refresh
 * token ends the session; a network failure keeps it (the next operation tries again).
 */
export function refreshSessionOnce(send: SendRefresh): Promise<void> {
  refreshing ??= (async () => {
    const current = session();
    if (!current) return;
    const result = current.refreshToken
      ? await send(current.refreshToken)
      : await withCrossTabLock(() => send(null));
    // Signed out, or another user signed in, meanwhile (this tab or another): that session stands.
    if (session()?.user.id !== current.user.id) return;
    if (result.data) renewSession(result.data.refreshSession);
    else if (result.error && describeApiError(result.error).code !== 'NETWORK') endSession();
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  // Web Locks are in every browser the app supports; without them (tests, old webviews) run at once.
  if (typeof navigator === 'undefined' || !navigator.locks) return task();
  const locks = navigator.locks;
  return new Promise<T>((resolve, reject) => {
    void locks.request(refreshLockName, () => task().then(resolve, reject));
  });
}
