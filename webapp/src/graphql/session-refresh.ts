import type { OperationResult } from '@urql/core';
import type { ResultOf } from 'gql.tada';
import type { RefreshSessionMutation } from '../auth/auth.documents';
import { endSession, renewSession, session } from '../auth/session';
import { describeApiError } from './errors';

/** Sends the refreshSession mutation: the auth exchange and the subscriptions each have their own way. */
export type SendRefresh = (
  refreshToken: string,
) => Promise<OperationResult<ResultOf<typeof RefreshSessionMutation>>>;

let refreshing: Promise<void> | undefined;

/**
 * Trades the refresh token for new tokens, once for every caller waiting at the same time: refresh
 * tokens work once, so the HTTP and WebSocket paths must never spend the same one twice. A refused
 * refresh token ends the session; a network failure keeps it (the next operation tries again).
 */
export function refreshSessionOnce(send: SendRefresh): Promise<void> {
  refreshing ??= (async () => {
    const current = session();
    if (!current) return;
    const result = await send(current.refreshToken);
    // Another tab may have refreshed (spending our token) or signed out meanwhile: its session stands.
    if (session()?.refreshToken !== current.refreshToken) return;
    if (result.data) renewSession(result.data.refreshSession);
    else if (result.error && describeApiError(result.error).code !== 'NETWORK') endSession();
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}
