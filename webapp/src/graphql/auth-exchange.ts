import type { CombinedError } from '@urql/core';
import { authExchange } from '@urql/exchange-auth';
import { RefreshSessionMutation } from '../auth/auth.documents';
import { isAccessTokenExpiring, session } from '../auth/session';
import { refreshSessionOnce } from './session-refresh';

/**
 * Operation context for the sign-in mutations and the token refresh: they carry no credentials (an
 * expired access token would make the server refuse them), and their own UNAUTHENTICATED (wrong
 * password, stale Telegram data, spent refresh token) is an answer, not a sign that a token needs refreshing.
 */
export const signInContext = { skipSessionRefresh: true } as const;

/**
 * signInContext for a sign-in outside Telegram: the server puts the refresh token in an HttpOnly
 * cookie instead of the answer (see Session).
 */
export const cookieSignInContext = {
  ...signInContext,
  fetchOptions: { headers: { 'X-Refresh-Token-Cookie': '1' } },
} as const;

function isUnauthenticated(error: CombinedError): boolean {
  return error.graphQLErrors.some((graphQLError) => graphQLError.extensions?.code === 'UNAUTHENTICATED');
}

/**
 * Binds queries and mutations to the current session: every operation carries `Authorization: Bearer
 * <access token>` and `X-Shop-Id: <active shop>`. An UNAUTHENTICATED answer (or a token about to
 * expire) makes it call `refreshSession` once and retry; when the refresh token is refused too, the
 * session ends and the route guard sends the user to the login page.
 */
export function sessionAuthExchange() {
  return authExchange(async (utils) => ({
    addAuthToOperation(operation) {
      const current = session();
      // Sign-in and refresh carry no credentials: an expired access token would make the server refuse them.
      if (!current || operation.context.skipSessionRefresh) return operation;
      const headers: Record<string, string> = {};
      if (current.accessToken) headers.Authorization = `Bearer ${current.accessToken}`;
      if (current.activeShopId) headers['X-Shop-Id'] = current.activeShopId;
      return utils.appendHeaders(operation, headers);
    },
    willAuthError(operation) {
      const current = session();
      return (
        !operation.context.skipSessionRefresh &&
        current !== null &&
        isAccessTokenExpiring(current, new Date())
      );
    },
    didAuthError(error, operation) {
      return !operation.context.skipSessionRefresh && session() !== null && isUnauthenticated(error);
    },
    refreshAuth: () =>
      refreshSessionOnce((refreshToken) =>
        utils.mutate(RefreshSessionMutation, { refreshToken }, signInContext),
      ),
  }));
}
