import { href } from '../route-paths';

/**
 * The invite token in a Mini App start parameter: the server's Telegram invite link opens the app with
 * `startapp=invite-<token>` (server/src/features/invites/invites.service.ts). Telegram allows
 * `[A-Za-z0-9_-]{1,64}` there, the server's tokens are `[\w-]{16,64}`.
 */
export function inviteTokenFromStartParam(startParam: string | undefined): string | undefined {
  return startParam?.match(/^invite-([\w-]{16,64})$/)?.[1];
}

/**
 * Where a Mini App launch should open instead of its address: an invite's page when Telegram opened
 * the app's start page from an invite link. Only the start page: a reload keeps the launch parameters,
 * and the user who accepted the invite and moved on must not be sent back to it.
 */
export function launchRedirect(startParam: string | undefined, pathname: string): string | undefined {
  const token = inviteTokenFromStartParam(startParam);
  return token && pathname === '/' ? href.invite(token) : undefined;
}
